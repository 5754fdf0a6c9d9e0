"""The report's first page in plain English: what stays local, the multiplier, where it leaks, what to do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anchorspend.present import collaboration
from anchorspend.present.formats import change, gbp, number, pct, ratio
from anchorspend.present.headlines import by_key
from anchorspend.present.headlines import yearly_change as _yearly
from anchorspend.present.place import LEAKAGE_NOT_SET, NO_PLACE, NOT_SET, place_set
from anchorspend.present.words import plain_text

LEAKS = 3


def _money(value: object) -> str:
    return gbp(None if value is None else number(value))


def local_share(m: Mapping[str, Any], place: str) -> dict[str, str]:
    """The local share as a big figure, its change on the year, and a sentence."""
    share, total = m.get("local_share"), m.get("total_spend")
    delta = _yearly(m, by_key("local_share"))
    if share is None:
        return {"figure": "n/a", "change": "", "sentence": "No spend in scope in this period."}
    if not place_set(m):
        return {"figure": NOT_SET, "change": "", "sentence": NO_PLACE}
    if delta is None:
        moved = "No like-for-like change on the year can be given (see the note below)."
    elif round(delta * 100, 1) == 0:
        moved = "That is unchanged on the same period a year earlier, like for like."
    else:
        moved = (
            f"That is {'up' if delta > 0 else 'down'} {abs(delta) * 100:.1f} percentage points on the same "
            "period a year earlier, like for like."
        )
    return {
        "figure": pct(share),
        "change": "" if delta is None else f"{change(delta, 'share')} on the year",
        "sentence": f"Of the {_money(total)} these anchors paid to suppliers, {pct(share)} went to suppliers "
        f"based in {place}. {moved}",
    }


def lm3(m: Mapping[str, Any]) -> dict[str, str]:
    """The local multiplier as a big figure and a sentence, with its caveat."""
    block = m.get("lm3") or {}
    value = block.get("value")
    if value is None:
        return {"figure": "n/a", "change": "", "sentence": "The local multiplier needs spend in scope."}
    if not place_set(m):
        return {"figure": NOT_SET, "change": "", "sentence": "The local multiplier needs a place, too."}
    delta = _yearly(m, by_key("lm3"))
    procurement = str(block.get("basis") or "").startswith("procurement-only")
    return {
        "figure": ratio(value),
        "change": "" if delta is None else f"{change(delta, 'ratio')} on the year",
        "sentence": f"Each £1 spent is worth about £{value:.2f} to the local economy once local suppliers"
        + ("" if procurement else " and staff")
        + f" spend it again locally (LM3{', procurement only' if procurement else ''}; range "
        f"{ratio(block.get('low'))} to {ratio(block.get('high'))}). It is a lower bound: the "
        f"{pct(m.get('unknown_share'))} of spend whose supplier location is unknown is not counted as local.",
    }


def leaks(m: Mapping[str, Any]) -> list[str]:
    """The largest leaks by sector, one sentence each."""
    if not place_set(m):
        return [LEAKAGE_NOT_SET]
    tier = "the region" if (m.get("leakage_tier") or "regional") == "regional" else "the local area"
    rows = sorted(m.get("leakage_by_sector") or [], key=lambda r: -(r.get("leakage") or 0))[:LEAKS]
    out = []
    for r in rows:
        anchors = len(r.get("leaking_anchors") or [])
        local = int(r.get("local_suppliers") or 0)
        capacity = (
            f"{local} local supplier{'s already work' if local != 1 else ' already works'} in this sector, so it "
            "could be bought locally"
            if local
            else "no local supplier is known in this sector yet"
        )
        out.append(
            f"{plain_text(str(r.get('label') or r.get('sector')))}: {_money(r.get('leakage'))} paid to suppliers "
            f"outside {tier}"
            f"{f' by {anchors} anchors' if anchors > 1 else ''}; {capacity}."
        )
    return out


# The first page is one page: three opportunities fit beside the headlines and the leaks (five ran onto a second
# page); the opportunities page further on lists the same ranking in full.
FIRST_PAGE_OPPORTUNITIES = 3


def opportunities(m: Mapping[str, Any]) -> list[dict[str, str]]:
    """The first collaboration opportunities, one per sector, as the app's Collaboration page words them."""
    return [{"what": t["what"], "text": t["text"]} for t in collaboration.top(m, FIRST_PAGE_OPPORTUNITIES)]


def summary(m: Mapping[str, Any], place: str) -> dict[str, Any]:
    """Everything the first page says."""
    return {
        "local": local_share(m, place),
        "lm3": lm3(m),
        "spend": _money(m.get("total_spend")),
        "leaks": leaks(m),
        "opportunities": opportunities(m),
    }
