"""What a column holds, from a sample of its cells: the share that reads as a date, money, an id or a name."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import polars as pl

from anchorspend.files import values

SAMPLE_ROWS = 2000  # non-blank data rows profiled: enough to judge, and cheap on a two-million-row file
PLAIN_NUMBER = r"^[+-]?\d+$"
MONEY_MARKS = r"[.,£$€()]|\d\s*(?i:CR|-)$|^-|GBP"
ID_LIKE = r"^(?:[A-Za-z]{0,12}[:\-/#]?)?\d{3,}[A-Za-z0-9\-/:#]*$"  # 13084826, id:13084826, NHSLACONT-T332
WORDS = r"[A-Za-z]{2,}"


@dataclass
class Profile:
    """Shares of a column's non-blank sampled cells; `filled` of them were not blank."""

    column: str
    filled: int
    dates: float  # read as a date, not counting bare numbers (which could be Excel serial days)
    serials: float  # bare five-digit numbers in Excel's date range
    money: float  # read as an amount
    marked_money: float  # amounts written with pence, separators, a sign or a currency mark
    ids: float  # codes: digits, maybe letters, no spaces
    names: float  # text with words
    distinct: float  # distinct values / filled
    fillers: float = 0.0  # '-', 'n/a', 'nil': a value left out, as a blank cell is

    @property
    def kind(self) -> str:
        """The one word for what the column holds: dates, money, id, name or empty."""
        if not self.filled:
            return "empty"
        scores = {
            "dates": self.dates,
            "money": self.money if self.marked_money or self.ids < 0.9 else 0.0,
            "id": self.ids,
            "name": self.names,
        }
        best = max(scores, key=lambda k: scores[k])
        return best if scores[best] >= 0.5 else "mixed"

    def describe(self) -> str:
        """'dates 100%' or 'money 98%, id 2%': the shares worth telling, biggest first."""
        if not self.filled:
            return "empty"
        shares = {"dates": self.dates, "money": self.money, "id": self.ids, "name": self.names}
        shown = [f"{k} {v:.0%}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]) if v >= 0.05]
        return ", ".join(shown) or "other text"

    def to_json(self) -> dict[str, object]:
        """The profile with shares rounded, for the load report and the Data page."""
        out = {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}
        out["kind"] = self.kind
        return out


def sample(data: pl.DataFrame, names: list[str]) -> pl.DataFrame:
    """The first SAMPLE_ROWS rows that hold any value (cells already trimmed to text or null)."""
    filled = pl.any_horizontal(pl.col(name).is_not_null() for name in names)
    return data.lazy().filter(filled).head(SAMPLE_ROWS).select(names).collect()


def profile_column(cells: pl.Series) -> Profile:
    """Profile one column's sampled cells."""
    present = cells.drop_nulls()
    filled = len(present)
    if not filled:
        return Profile(cells.name, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    # A bare number is a date only as yyyymmdd (20230415): other digits could be amounts or ids.
    bare = present.str.contains(r"^[+-]?\d+(?:\.\d+)?$") & ~present.str.contains(r"^(?:19|20)\d{6}$")
    dates = values.parse_dates(present).is_not_null()
    serials = bare & present.str.contains(r"^\d{5}(?:\.\d+)?$") & dates
    money = values.parse_amounts(present).is_not_null() & ~(dates & ~bare)  # 20230415 is a date, not £20m
    marked = money & (present.str.contains(MONEY_MARKS) | ~present.str.contains(PLAIN_NUMBER))
    ids = present.str.contains(ID_LIKE) & ~present.str.contains(r"[.,\s]") & ~(dates & ~bare)
    names = present.str.contains(WORDS) & ~(dates & ~bare) & ~ids

    def share(mask: pl.Series) -> float:
        return float(mask.sum()) / filled

    return Profile(
        column=cells.name,
        filled=filled,
        dates=share(dates & ~bare),
        serials=share(serials),
        money=share(money),
        marked_money=share(marked),
        ids=share(ids),
        names=share(names),
        distinct=present.n_unique() / filled,
        fillers=share(present.str.to_lowercase().is_in(values.NO_VALUE)),
    )


def profile_sheet(data: pl.DataFrame, names: list[str]) -> dict[str, Profile]:
    """A profile of each named column of the data rows, from a sample of them."""
    picked = sample(data, names)
    return {name: profile_column(picked[name]) for name in names}
