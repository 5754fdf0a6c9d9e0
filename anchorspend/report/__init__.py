"""The weekly PDF report: same numbers and charts as the dashboard, written unattended every week.

build.build_report(db_path, period, filters, out=..., outbox=...) writes one;
commands.py is `anchorspend report`.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Lazy, so that `anchorspend --help` does not import WeasyPrint and Plotly.
    if name == "build_report":
        from anchorspend.report.build import build_report

        return build_report
    raise AttributeError(name)
