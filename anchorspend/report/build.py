"""Making one report: read the store briefly, render with the store closed, then publish atomically."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import duckdb
from markupsafe import Markup

from anchorspend import db
from anchorspend.report import charts_input, method, svg, view
from anchorspend.report.content import ReportContent, memory_and_quality, tier_names
from anchorspend.report.deliver import outbox_name, write_atomic
from anchorspend.report.headlines import headline_rows, printed_figures
from anchorspend.report.memory import record_report
from anchorspend.report.period import ReportPeriod
from anchorspend.report.render import html_to_pdf, render_html

log = logging.getLogger("anchorspend.report")

# px; the leakage chart's ten bars with their names in 10 pt type fit above its table on one A4 page
CHART_SIZES = {"trend": (900, 420), "leakage": (900, 680), "map": (900, 700)}


@dataclass(frozen=True)
class ReportResult:
    """A published report: where it is, what it printed, and how long each stage took."""

    path: Path
    content: ReportContent
    figures: dict[str, Any]
    timings_s: dict[str, float]
    report_id: int | None


def scope_for(period: ReportPeriod, filters: dict[str, Any]) -> Any:
    """The metrics Scope for the report's period and filters (baseline: the period a year earlier)."""
    from anchorspend.metrics import Scope

    return Scope(
        date_from=period.date_from,
        date_to=period.date_to,
        anchors=tuple(filters.get("anchors") or ()),
        local_codes=tuple(filters["local"]) if filters.get("local") else None,
        regional_codes=tuple(filters["regional"]) if filters.get("regional") else None,
        influenceable_only=not filters.get("all_spend"),
        leakage_tier=filters.get("leakage_tier") or "regional",
    )


def gather(
    con: duckdb.DuckDBPyConnection,
    period: ReportPeriod,
    filters: dict[str, Any],
    now: dt.datetime | None = None,
) -> ReportContent:
    """Read everything the report prints (a read-only connection is enough)."""
    from anchorspend import metrics as numbers

    scope = scope_for(period, filters)
    baseline = replace(scope, date_from=period.baseline_from, date_to=period.baseline_to)
    metrics = numbers.compute(con, scope, baseline=baseline)
    resolved = scope.resolve(con)
    previous, freshness, files = memory_and_quality(con, period, filters)
    missing = numbers.missing_months(numbers.coverage(con, scope))
    place_name, is_fictional = charts_input.place(con)
    content = ReportContent(
        period=period,
        generated_at=now or dt.datetime.now().replace(microsecond=0),
        filters=filters,
        place_name=place_name,
        is_fictional=is_fictional,
        local_tier=tier_names(con, list(resolved.local_codes)),
        regional_tier=tier_names(con, list(resolved.regional_codes)),
        metrics=metrics,
        previous=previous,
        anchors=freshness,
        months_missing=missing,
        files_loaded=files,
        definitions=method.definitions(metrics),
    )
    content.trend, content.districts, content.figures = charts_input.figures(con, scope, resolved, content)
    content.assumptions = charts_input.assumptions(metrics)
    return content


def images(content: ReportContent) -> dict[str, dict[str, Markup | str]]:
    """Each dashboard figure as a print-styled vector image with its text alternative."""
    from anchorspend.charts import alt_text

    out: dict[str, dict[str, Markup | str]] = {}
    drawn, alt = content.map_image
    if drawn:  # every district named on it, and no browser raster (the slowest figure to export)
        out["map"] = {"image": svg.chart_image(drawn, alt), "note": alt}
    for name, fig in content.figures.items():
        if name in out:
            continue
        width, height = CHART_SIZES.get(name, (900, 420))
        alt = alt_text(fig)
        printable = svg.for_print(fig, width=width)
        image = svg.chart_image(svg.to_svg(printable, width, height), alt)
        out[name] = {"image": image, "note": alt}
    return out


def pdf_bytes(content: ReportContent) -> bytes:
    """The report as PDF bytes."""
    return html_to_pdf(render_html(view.context(content, images(content))))


def target_path(content: ReportContent, out: Path | None, outbox: Path) -> Path:
    """--out when given, else a dated file in the outbox."""
    return Path(out) if out else Path(outbox) / outbox_name(content.period.week, content.generated_at.date())


def bring_up_to_date(db_path: Path, wait_s: float) -> bool:
    """Rebuild the metrics summary first when stale, as `metrics --json` does, so both print the same numbers.

    Normally the pipeline has done it after the last load, and the report never writes before publishing.
    """
    from anchorspend.metrics.facts import is_fresh, refresh

    with db.connect(db_path, read_only=True, wait_s=wait_s) as con:
        if is_fresh(con):
            return False
    with db.connect(db_path, wait_s=wait_s) as con, db.transaction(con, changes_derived=False):
        refresh(con)
    log.info("metrics summary was stale: rebuilt before the report")
    return True


def build_report(
    db_path: Path,
    period: ReportPeriod,
    filters: dict[str, Any],
    *,
    out: Path | None = None,
    outbox: Path = Path("data/outbox"),
    record: bool = True,
    wait_s: float = 120.0,
) -> ReportResult:
    """Write one report: gather read-only, render with the store closed, then record and rename together."""
    import time

    timings: dict[str, float] = {}
    started = time.perf_counter()
    warming = svg.warm_up()  # Chromium starts while the figures are read: it is the slowest step
    try:
        bring_up_to_date(db_path, wait_s)
        with db.connect(db_path, read_only=True, wait_s=wait_s) as con:
            content = gather(con, period, filters)
        timings["gather_s"] = time.perf_counter() - started
        mark = time.perf_counter()
        warming.join()
        pdf = pdf_bytes(content)
    finally:
        warming.join()
        svg.stop_exporter()
    timings["render_s"] = time.perf_counter() - mark
    path = target_path(content, out, outbox)
    figures = printed_figures(headline_rows(content.metrics, None))
    report_id = None
    mark = time.perf_counter()
    if record:
        # The row and the file appear together: if the rename fails the row is rolled back, and the
        # file is only renamed into place inside the transaction that records it.
        with db.connect(db_path, wait_s=wait_s) as con, db.transaction(con, changes_derived=False):
            report_id = record_report(con, period, filters, figures, str(path), content.generated_at)
            write_atomic(path, pdf)
    else:
        write_atomic(path, pdf)
    timings["publish_s"] = time.perf_counter() - mark
    timings["total_s"] = time.perf_counter() - started
    log.info(
        "report written: %s (%d bytes; %s)",
        path,
        len(pdf),
        ", ".join(f"{k} {v:.1f}" for k, v in timings.items()),
    )
    return ReportResult(path, content, figures, timings, report_id)
