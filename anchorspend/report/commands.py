"""`anchorspend report`: the weekly PDF into the outbox or a file, e-mailed on request; failures alert."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger("anchorspend.report")


def add_commands(subparsers: argparse._SubParsersAction, parents: dict[str, argparse.ArgumentParser]) -> None:
    """Register `report`."""
    parser = subparsers.add_parser(
        "report",
        parents=[parents["db"], parents["filters"]],
        help="write the weekly PDF report (financial year to date as of a week)",
        description="Write the weekly PDF report: the financial year to date as of --week, compared with the "
        "same period a year earlier and with the previous report. Without --out it writes a dated file "
        "into the outbox. --from/--to replace the financial-year period.",
    )
    parser.add_argument(
        "--week", metavar="YYYY-Www", help="the ISO week reported on (default: last complete week)"
    )
    parser.add_argument("--out", type=Path, metavar="FILE.pdf", help="write here instead of the outbox")
    parser.add_argument(
        "--outbox", type=Path, metavar="DIR", help="the outbox folder (default: from the config)"
    )
    parser.add_argument("--send", action="store_true", help="e-mail the PDF to the configured recipients")
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE.toml",
        help="report configuration (default: $ANCHORSPEND_REPORT_CONFIG or data/report.toml)",
    )
    parser.add_argument(
        "--leakage-tier",
        choices=("regional", "local"),
        default="regional",
        help="leakage is spend outside this tier (default regional)",
    )
    parser.add_argument(
        "--baseline-from", metavar="DATE", help="baseline first day (default: a year earlier)"
    )
    parser.add_argument("--baseline-to", metavar="DATE", help="baseline last day (default: a year earlier)")
    parser.add_argument(
        "--no-record",
        action="store_true",
        help="do not remember this report's figures (a trial run: the next report ignores it)",
    )
    parser.set_defaults(handler=handle)


def report_filters(args: argparse.Namespace) -> dict[str, Any]:
    """The filters a report is compared on: reports with equal filters are each other's previous report."""
    from anchorspend.metrics.scope import parse_codes

    filters: dict[str, Any] = {
        "anchors": sorted(args.anchors),
        "local": list(parse_codes(args.local) or ()),
        "regional": list(parse_codes(args.regional) or ()),
        "all_spend": bool(args.all_spend),
        "leakage_tier": args.leakage_tier,
    }
    # A fixed period is part of what makes two reports comparable; the default period moves with the week.
    if args.date_from or args.date_to:
        filters["period"] = [args.date_from, args.date_to]
    return filters


def one_line(exc: BaseException) -> str:
    """An exception as one line for the log, the alert and the exit message."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def handle(args: argparse.Namespace) -> int:
    """Build, write and maybe send the report; on failure log it, alert the admin and exit non-zero."""
    from anchorspend.cli import CommandError, database_path
    from anchorspend.report.settings import ReportConfigError, load_settings

    try:
        settings = load_settings(args.config)
    except ReportConfigError as exc:
        log.error("report FAILED: %s", exc)
        raise CommandError(str(exc)) from None
    check_destination(args, settings)
    check_options(args)
    try:
        result = run(args, settings, database_path(args))
    except Exception as exc:
        from anchorspend.report.deliver import send_alert

        reason = one_line(exc)
        log.error("report FAILED (week %s): %s", args.week or "default", reason)
        send_alert(settings, reason, shlex.join(["anchorspend", *sys.argv[1:]]))
        if getattr(args, "verbose", False):
            raise
        raise CommandError(reason) from None
    print(result.path)
    return 0


def check_destination(args: argparse.Namespace, settings: Any) -> None:
    """--out or the outbox, checked before any work: a report is never built only to fail at the write."""
    from anchorspend.cli import CommandError, output_file, output_folder

    if args.out is not None:
        if args.out.suffix.lower() != ".pdf":
            raise CommandError(f"--out must name a .pdf file, not {args.out}")
        output_file(args.out, "--out")
    elif args.outbox is not None:
        output_folder(args.outbox, "--outbox")
    elif Path(settings.outbox).exists():  # the configured outbox is made on first use, parents and all
        output_folder(Path(settings.outbox), "the outbox")


def check_options(args: argparse.Namespace) -> None:
    """The options' own syntax, checked before any work: a typo is the user's to fix, not an alert to the admin."""
    from anchorspend.cli import CommandError
    from anchorspend.metrics.scope import ScopeError, parse_codes
    from anchorspend.report.period import PeriodError, parse_day, parse_week

    try:
        if args.week:
            parse_week(args.week)
        for option, value in (
            ("--from", args.date_from),
            ("--to", args.date_to),
            ("--baseline-from", args.baseline_from),
            ("--baseline-to", args.baseline_to),
        ):
            if value:
                parse_day(value, option)
        parse_codes(args.local)
        parse_codes(args.regional)
    except (PeriodError, ScopeError) as exc:
        raise CommandError(str(exc)) from None


def last_payment(db_path: Path) -> Any:
    """The date of the store's latest payment, or None."""
    from anchorspend import db

    with db.connect(db_path, read_only=True) as con:
        return db.run_query(con, "report_last_payment")["last_paid_on"][0]


def run(args: argparse.Namespace, settings: Any, db_path: Path) -> Any:
    """The report itself, raising on any failure."""
    from anchorspend.report.build import build_report
    from anchorspend.report.deliver import send_report
    from anchorspend.report.period import parse_day, report_period

    if not db_path.exists():
        raise FileNotFoundError(f"no store at {db_path}: load files or run `anchorspend demo` first")
    if args.out is not None and args.out.suffix.lower() != ".pdf":
        raise ValueError(f"--out must name a .pdf file, not {args.out}")
    period = report_period(  # without --week or dates: report.period.default_period, as the app's
        week=args.week,
        date_from=parse_day(args.date_from, "--from") if args.date_from else None,
        date_to=parse_day(args.date_to, "--to") if args.date_to else None,
        baseline_from=parse_day(args.baseline_from, "--baseline-from") if args.baseline_from else None,
        baseline_to=parse_day(args.baseline_to, "--baseline-to") if args.baseline_to else None,
        data_end=last_payment(db_path),
    )
    result = build_report(
        db_path,
        period,
        report_filters(args),
        out=args.out,
        outbox=args.outbox or settings.outbox,
        record=not args.no_record,
    )
    if args.send:
        content = result.content
        summary = (
            f"The Anchor Spend report for {content.place_name}, {period.label} (week {period.week}), "
            "is attached.\n\n"
            + "\n".join(
                f"{row['label']}: {row['printed']} ({row['since_baseline']} since a year earlier)"
                for row in _headlines(content)
            )
            + ("\n\nFictional demo data." if content.is_fictional else "")
        )
        send_report(settings, result.path, f"{content.place_name}, week {period.week}", summary)
    return result


def _headlines(content: Any) -> list[dict]:
    from anchorspend.report.headlines import headline_rows

    return headline_rows(content.metrics, content.previous["figures"] if content.previous else None)
