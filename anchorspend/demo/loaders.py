"""One-line summaries of the importers' load reports, whatever form each area's report takes."""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from typing import Any


def as_dict(report: object) -> dict[str, Any]:
    """A load report of any area as a plain dict."""
    if isinstance(report, dict):
        return report
    if is_dataclass(report) and not isinstance(report, type):
        return asdict(report)
    return {key: value for key, value in vars(report).items() if not key.startswith("_")}


def summary(report: object) -> str:
    """One line: the file, what happened, rows read/loaded/rejected and why."""
    data = as_dict(report)
    name = data.get("file") or data.get("name") or data.get("path") or ""
    parts = [str(name)]
    if data.get("status"):
        parts.append(str(data["status"]))
    labels = {"rows_read": "read", "rows_loaded": "loaded", "rows_rejected": "rejected"}
    counts = [f"{labels[k]} {data[k]}" for k in labels if data.get(k) is not None]
    # Other areas report plain counts under their own names ('entries', 'contracts', 'with_postcode', ...).
    counts += [
        f"{k.replace('_', ' ')} {v}"
        for k, v in data.items()
        if k not in labels and not k.endswith("_id") and isinstance(v, int) and not isinstance(v, bool)
    ]
    parts.append(", ".join(counts))
    reasons = _reasons(data)
    if reasons:
        parts.append("(" + "; ".join(f"{n} {why}" for why, n in reasons.items()) + ")")
    if data.get("error"):
        parts.append(f"error: {data['error']}")
    return " ".join(p for p in parts if p)


def _reasons(data: dict[str, Any]) -> dict[str, int]:
    """Rejection reasons with counts, shortened to their first words."""
    reasons: dict[str, int] = {}
    rejections = data.get("rejections") or []
    for item in rejections:
        reason = item.get("reason", "") if isinstance(item, dict) else str(item)
        short = reason.split(":")[0].split(" of file")[0]
        reasons[short] = reasons.get(short, 0) + 1
    if isinstance(data.get("rejected"), dict):
        reasons.update({str(k): int(v) for k, v in data["rejected"].items()})
    return reasons
