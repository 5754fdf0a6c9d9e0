"""`anchorspend metrics --json`, `whatif --json` and `assumptions import`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register the metrics commands."""
    scoped = [parents["db"], parents["filters"]]
    metrics = subparsers.add_parser(
        "metrics",
        parents=scoped,
        help="local share, LM3, leakage and opportunities",
        description="Print every headline with its arithmetic, as JSON, for the period and anchors chosen "
        "(default: every loaded month, influenceable spend only).",
    )
    _leakage_tier(metrics)
    metrics.add_argument(
        "--baseline-from", metavar="DATE", help="baseline start (default: a year before --from)"
    )
    metrics.add_argument("--baseline-to", metavar="DATE", help="baseline end (default: a year before --to)")
    metrics.add_argument("--json", action="store_true", help="print one JSON object (the only output format)")
    metrics.set_defaults(handler=run_metrics)

    whatif = subparsers.add_parser(
        "whatif",
        parents=scoped,
        help="shift part of addressable leakage to local",
        description="Move a share of addressable leakage (in the sectors given) to local suppliers and print "
        "the extra £ kept locally, the new local share and LM3, as JSON.",
    )
    _leakage_tier(whatif)
    whatif.add_argument(
        "--shift", type=float, required=True, help="fraction of addressable leakage, e.g. 0.1"
    )
    whatif.add_argument(
        "--sector",
        dest="sectors",
        action="append",
        default=[],
        metavar="S",
        help="a SIC division (43) or section (F) to shift (repeat; default all)",
    )
    whatif.add_argument("--json", action="store_true", help="print one JSON object (the only output format)")
    whatif.set_defaults(handler=run_whatif)

    assumptions = subparsers.add_parser("assumptions", help="LM3 assumptions and influenceable rules")
    actions = assumptions.add_subparsers(dest="action", metavar="ACTION", required=True)
    imported = actions.add_parser(
        "import",
        parents=[parents["db"]],
        help="import payroll, re-spend rates, survey returns, rules (TOML or CSV)",
    )
    imported.add_argument("file", type=Path, metavar="FILE", help="TOML or CSV; see docs/assumptions.md for the format")
    imported.add_argument(
        "--force", action="store_true", help="import rules even when they leave out over 90%% of all spend"
    )
    imported.set_defaults(handler=run_import)


def _leakage_tier(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--leakage-tier",
        choices=("regional", "local"),
        default="regional",
        help="leakage is spend outside this tier (default regional)",
    )


def scope_from_args(args: argparse.Namespace):  # noqa: ANN201 - imports stay inside handlers
    """The Scope the shared filters describe."""
    from anchorspend.metrics.scope import Scope, parse_codes, parse_date

    return Scope(
        date_from=parse_date(args.date_from, "--from"),
        date_to=parse_date(args.date_to, "--to"),
        anchors=tuple(args.anchors),
        local_codes=parse_codes(args.local),
        regional_codes=parse_codes(args.regional),
        influenceable_only=not args.all_spend,
        leakage_tier=args.leakage_tier,
    )


def _run(args: argparse.Namespace, work) -> int:  # noqa: ANN001
    """Open the store (writable, so a stale summary is rebuilt), run, print JSON; user errors in one line."""
    from anchorspend import db
    from anchorspend.cli import CommandError, database_path
    from anchorspend.metrics.assumptions import AssumptionsError
    from anchorspend.metrics.scope import ScopeError
    from anchorspend.metrics.whatif import WhatIfError

    path = database_path(args)
    if not path.exists():
        raise CommandError(f"no store at {path}: load files or run `anchorspend demo` first")
    try:
        with db.connect(path) as con:
            result = work(con)
    except (ScopeError, WhatIfError, AssumptionsError) as exc:
        raise CommandError(str(exc)) from None
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
    return 0


def run_metrics(args: argparse.Namespace) -> int:
    """Print the metrics JSON object."""
    from dataclasses import replace

    from anchorspend.metrics.compute import compute
    from anchorspend.metrics.scope import parse_date

    scope = scope_from_args(args)
    baseline = None
    if args.baseline_from or args.baseline_to:
        if not (args.baseline_from and args.baseline_to):
            from anchorspend.cli import CommandError

            raise CommandError("give both --baseline-from and --baseline-to")
        baseline = replace(
            scope,
            date_from=parse_date(args.baseline_from, "--baseline-from"),
            date_to=parse_date(args.baseline_to, "--baseline-to"),
        )
    from anchorspend.present.explain import explained

    # the numbers with their definitions and arithmetic in words, which the presentation layer writes
    return _run(args, lambda con: explained(compute(con, scope, baseline)))


def run_whatif(args: argparse.Namespace) -> int:
    """Print the what-if JSON object."""
    from anchorspend.metrics.compute import what_if
    from anchorspend.present.explain import explained

    scope = scope_from_args(args)
    return _run(args, lambda con: explained(what_if(con, scope, args.shift, args.sectors)))


def run_import(args: argparse.Namespace) -> int:
    """Import an assumptions file and say what it held."""
    from anchorspend import pipeline
    from anchorspend.metrics.assumptions import import_assumptions

    def work(con) -> dict:  # noqa: ANN001
        imported = import_assumptions(con, args.file, force=args.force)
        pipeline.refresh(con)  # rules decide which payments the summary leaves out
        return {"imported": imported, "file": str(args.file)}

    return _run(args, work)
