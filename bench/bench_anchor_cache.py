"""After a small load for one anchor, how long a view of another anchor takes to show again: the app's caches keyed
on the store version (every write empties them, as before per-anchor data versions) beside the same caches keyed on
the data versions of the view's anchors (ui.store.data_stamp), on the demo region.

Each view is the Overview's reads (ui.warm's list: the numbers, coverage, trend, district map and the sidebar's
names and place) for one anchor over the default period. The load is a 50-row corrections file of the council
(payees it already pays, dates inside the loaded span, so no view's period moves), through ingest_file with its
refresh. Each figure is the median over the other five anchors' views, and the all-anchors view beside them (it
reads the council's data, so it computes again either way). Each keying runs REPEATS times on a fresh copy,
alternating with the other; the figures are medians over the runs.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

LOADED = "Fennmouth City Council"
CORRECTION_ROWS = 50
REPEATS = 3  # each keying runs on a fresh copy this many times, alternating; the figures are medians
KEYS = {
    "store version (before)": False,  # every cached read keyed on the store's version, as before data versions
    "data versions (after)": True,
}


def _demo(folder: Path) -> tuple[Path, Path]:
    """The demo region (default seed and scale) and a small corrections file of the council's payees."""
    from anchorspend.demo.build import build

    path = folder / "demo.duckdb"
    files = folder / "files"
    build(path, folder=files, out=lambda _line: None)
    source = sorted((files / "spend").glob("fennmouth-city-council_*.csv"))[-2]  # a month inside the span
    with source.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    amount = next(i for i, name in enumerate(header) if "amount" in name.lower())
    reference = next(i for i, name in enumerate(header) if "transaction" in name.lower())
    corrections = folder / f"council-corrections_{source.stem.rsplit('_', 1)[-1]}.csv"
    with corrections.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for number, row in enumerate(rows[:CORRECTION_ROWS]):
            row[reference], row[amount] = f"CORR{number}", f"{float(row[amount]) / 10:.2f}"
            writer.writerow(row)
    return path, corrections


def _show(filters) -> None:  # noqa: ANN001 - view.Filters
    """What the Overview reads for these filters (ui.warm.warm_default_view's reads, charts left out)."""
    from anchorspend.ui import reads
    from anchorspend.ui.store import query

    query("ui_data_range")
    reads.anchor_ids()
    reads.district_names()
    reads.place()
    reads.compute(filters)
    reads.coverage(filters)
    reads.monthly_trend(filters)
    reads.shapes("district")
    reads.spend_by_district(filters)


def _ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _run_keyed(store: Path, corrections: Path, by_anchors: bool) -> dict:
    """Show every view, load the corrections, show every view again; the times in ms."""
    import streamlit as st

    from anchorspend.ingest import ingest_file
    from anchorspend.ui import store as app_store
    from anchorspend.ui.sidebar import default_filters
    from anchorspend.ui.store import query

    st.cache_data.clear()
    real_stamp = app_store._stamp
    if not by_anchors:
        app_store._stamp = lambda path, _by_anchors, args, kwargs: app_store.store_stamp(path)
    try:
        span = query("ui_data_range")
        default = default_filters(span["first_paid_on"][0], span["last_paid_on"][0])
        names = list(app_store.query("ui_anchors")["name"])
        views = {name: dataclasses.replace(default, anchors=(name,)) for name in names if name != LOADED}
        views["all anchors"] = default
        first = {name: _ms(lambda f=filters: _show(f)) for name, filters in views.items()}
        load_ms = _ms(lambda: ingest_file(store, corrections, LOADED, "council"))
        again = {name: _ms(lambda f=filters: _show(f)) for name, filters in views.items()}
    finally:
        app_store._stamp = real_stamp
    others = [name for name in views if name != "all anchors"]
    return {
        "first_show_ms": statistics.median(first[name] for name in others),
        "load_ms": load_ms,
        "other_anchor_again_ms": statistics.median(again[name] for name in others),
        "first_other_anchor_again_ms": again[others[0]],  # pays for what the views share, if anything
        "all_anchors_again_ms": again["all anchors"],
        "views": len(others),
    }


def _write_cost(store: Path) -> dict:
    """What keeping the versions costs a write: an empty transaction naming its anchors (hashes of the shared rows
    before and after, and the anchors they reach) beside one that changes everything (what every write did
    before), and one that changes an organisation every anchor may pay (its payers found through the payments)."""
    from anchorspend import db

    def timed(anchors: tuple | None, change: str = "") -> float:
        with db.connect(store) as con:
            started = time.perf_counter()
            with db.transaction(con, changes_derived=False, anchors=anchors):
                if change:
                    con.execute(change)
            return (time.perf_counter() - started) * 1000

    rename = "update suppliers set name = name || '.' where supplier_id = (select min(supplier_id) from suppliers)"
    with db.connect(store, read_only=True) as con:
        payments = db.scalar(con, "select count(*) from payments")
    return {
        "payments": payments,
        "write_everything_ms": round(statistics.median(timed(None) for _ in range(REPEATS)), 1),
        "write_by_anchors_ms": round(statistics.median(timed(()) for _ in range(REPEATS)), 1),
        "write_by_anchors_shared_change_ms": round(statistics.median(timed((), rename) for _ in range(REPEATS)), 1),
    }


def run(args) -> list[dict]:  # noqa: ANN001 - the bench's argparse namespace
    """One row per cache key: a view of another anchor shown again after the council's small load."""
    runs: dict[str, list[dict]] = {label: [] for label in KEYS}
    costs = []
    with tempfile.TemporaryDirectory() as tmp:
        built, corrections = _demo(Path(tmp))
        big = os.environ.get("ANCHORSPEND_BENCH_DB")  # `make bench`'s 10-million-payment store, when there
        for source in [built] + ([Path(big)] if big and Path(big).exists() else []):
            copy = Path(tmp) / "cost.duckdb"
            shutil.copy(source, copy)
            costs.append({"measure": "cost of keeping versions per write", **_write_cost(copy)})
            copy.unlink()
        for _ in range(REPEATS):
            for label, by_anchors in KEYS.items():
                store = Path(tmp) / f"{'anchors' if by_anchors else 'store'}.duckdb"
                shutil.copy(built, store)
                os.environ["ANCHORSPEND_DB"] = str(store)
                runs[label].append(_run_keyed(store, corrections, by_anchors))
                store.unlink()
    load = round(os.getloadavg()[0], 1)
    shown = [
        {
            "keyed_on": label,
            **{name: round(statistics.median(r[name] for r in rows), 1) for name in rows[0]},
            "runs": len(rows),
        }
        for label, rows in runs.items()
    ]
    return [{**row, "load_avg": load} for row in shown + costs]
