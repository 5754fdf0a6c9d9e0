"""Chart pictures: the cost of one figure through the app's exporter, beside kaleido's own sync server.

Workshop pages and normal pages (until someone explores a chart) show each chart as an SVG drawn on the server
(`report.svg.to_svg`), and a view nobody else has asked for waits for its pictures. kaleido's sync server reloads
its tab, and with it 4 MB of plotly.js, after every figure; the app's exporter keeps two tabs and reloads each
only every `RELOAD_EVERY` figures. Both draw the same three figures, shaped like the Overview's (a month-by-month
stacked bar, anchors side by side, spend by sector), in the same run; CPU counts Chromium's processes too.
"""

from __future__ import annotations

import os
import shutil
import threading
import time

import plotly.graph_objects as go

from bench.bench_room import cpu_seconds  # this process and Chromium's, which it started

ROUNDS = 10
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
SECTORS = [f"Sector {i}" for i in range(1, 11)]
ANCHORS = ["City Council", "County Council", "Hospital Trust", "Mental Health Trust", "University", "Housing"]


def figures() -> list[go.Figure]:
    """Three figures shaped like the Overview's, in the projector's style."""
    from anchorspend.charts import for_projector

    months = go.Figure(
        [go.Bar(name=name, x=MONTHS, y=[(i + 3) * (k + 1) * 1e5 for i in range(12)]) for k, name in
         enumerate(("Local", "Rest of region", "Outside region"))]
    ).update_layout(barmode="stack", title="Spend month by month", height=450)
    anchors = go.Figure(
        [go.Bar(name=name, y=ANCHORS, x=[0.2 + 0.1 * k + 0.05 * i for i in range(6)], orientation="h")
         for k, name in enumerate(("Local", "Regional"))]
    ).update_layout(title="Anchors side by side", height=450)
    sectors = go.Figure(go.Bar(x=SECTORS, y=[9e6 / (i + 1) for i in range(10)])).update_layout(
        title="Spend by sector", height=450
    )
    return [for_projector(fig) for fig in (months, anchors, sectors)]


def _measure(case: str, draw, specs: list[dict], threads: int = 1) -> dict:  # noqa: ANN001 - a callable
    draw(specs[0])  # Chromium started and plotly.js loaded before the clock starts
    jobs = [spec for _ in range(ROUNDS) for spec in specs]

    def work(part: list[dict]) -> None:
        for spec in part:
            draw(spec)

    cpu, wall = cpu_seconds(os.getpid()), time.perf_counter()
    workers = [threading.Thread(target=work, args=(jobs[i::threads],)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall, cpu = time.perf_counter() - wall, cpu_seconds(os.getpid()) - cpu
    return {
        "case": case,
        "figures": len(jobs),
        "wall_ms_per_figure": round(1000 * wall / len(jobs), 1),
        "cpu_ms_per_figure": round(1000 * cpu / len(jobs), 1),
    }


def run(args) -> list[dict]:  # noqa: ANN001 - argparse namespace
    import kaleido

    from anchorspend.report import svg

    if not (os.environ.get("BROWSER_PATH") or shutil.which("chromium")):
        return [{"case": "skipped", "why": "no Chromium on this machine"}]
    os.environ.setdefault("BROWSER_PATH", shutil.which("chromium") or "")
    specs = [fig.to_dict() for fig in figures()]
    opts = {"format": "svg", "width": 1080, "height": 450, "scale": 1}
    results = []
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    try:
        results.append(
            _measure("baseline: kaleido sync server", lambda spec: kaleido.calc_fig_sync(spec, opts=opts), specs)
        )
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    draw = lambda spec: svg._export(spec, opts)  # noqa: E731, SLF001 - the export to_svg makes, without its copy
    try:
        results.append(_measure("app exporter, one caller", draw, specs))
        results.append(_measure("app exporter, two callers at once", draw, specs, threads=2))
    finally:
        svg.stop_exporter()
    return results
