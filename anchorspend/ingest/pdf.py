"""A text-based PDF payment table as text cells: words placed in the columns that the header's geometry draws.

Publishers print spend tables from Excel or report writers, with or without ruling lines, so a column is where a
header cell sits (split at a ruling line when there is one) and its edge is the clearest gutter of the words
below. A payment is a line holding a money token in the amount column; the lines below it without one (wrapped
cells) belong to it. The header repeated on later pages is dropped (kept as an empty row so the row accounting
counts it), and what is printed above the first header (report titles, notes) stays as preamble rows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from anchorspend.ingest.errors import IngestError

# A printed amount: thousands separators or pence (so ids and years are not amounts), optional £, a sign,
# parentheses or a trailing minus for credits.
MONEY = re.compile(r"^\(?[-\u2212]?£?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{2})\)?-?$")
PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$")
# Characters closer than this share of the font size are one word: tight enough to part an amount printed
# flush against the next column's value, loose enough to keep a word whole.
WORD_GAP = 0.2
# Header words further apart than this share of their height are in different cells (a space is about 0.25).
CELL_GAP = 0.4
MIN_COLUMNS = 3


@dataclass
class Word:
    """One word on a page, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class Line:
    """The words of one printed line of a page, left to right, and the page's vertical rules."""

    page: int
    words: list[Word]
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return max(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def normal(self) -> str:
        return " ".join(self.text.split()).lower()

    def cells(self) -> list[list[Word]]:
        """Runs of words parted by a gap wider than a space or by a ruling line: the line's cells."""
        rules = [x for x, top, bottom in self.rules if top <= self.top + 1 and bottom >= self.bottom - 1]
        runs: list[list[Word]] = []
        for word in self.words:
            if runs:
                before = runs[-1][-1]
                ruled = any(before.x1 - 0.5 <= x <= word.x0 + 0.5 for x in rules)
                if not ruled and word.x0 - before.x1 <= CELL_GAP * word.height:
                    runs[-1].append(word)
                    continue
            runs.append([word])
        return runs


@dataclass
class Column:
    """A header cell: its words and horizontal extent."""

    x0: float
    x1: float
    words: list[Word]

    @property
    def name(self) -> str:
        ordered = sorted(self.words, key=lambda w: (round(w.top), w.x0))
        return " ".join(w.text for w in ordered)


def _runs(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Characters in runs of one top and one size, side by side: the pieces a page number is printed in."""
    ordered = sorted(chars, key=lambda c: (round(c["top"], 1), round(c["size"], 1), c["x0"]))
    runs: list[list[dict[str, Any]]] = []
    for char in ordered:
        if runs:
            prev = runs[-1][-1]
            same = (round(prev["top"], 1), round(prev["size"], 1)) == (round(char["top"], 1), round(char["size"], 1))
            if same and char["x0"] - prev["x1"] < 0.3 * char["size"]:
                runs[-1].append(char)
                continue
        runs.append([char])
    return runs


def _numbered(chars: list[dict[str, Any]], number: int) -> list[list[dict[str, Any]]]:
    """Runs reading as this page's number ('3', 'Page 3', '3 of 9')."""
    found = []
    for run in _runs(chars):
        text = "".join(c["text"] for c in run).strip()
        if PAGE_NUMBER.match(text) and re.findall(r"\d+", text)[0] == str(number):
            found.append(run)
    return found


def page_number_spot(pages: list[Any]) -> tuple[float, float] | None:
    """Where page numbers are printed (centre x, top): the same place on two neighbouring early pages."""
    for number, (page, following) in enumerate(zip(pages[:3], pages[1:4], strict=False), start=1):
        for one in _numbered(page.chars, number):
            for two in _numbered(following.chars, number + 1):
                x_one, x_two = (one[0]["x0"] + one[-1]["x1"]) / 2, (two[0]["x0"] + two[-1]["x1"]) / 2
                if abs(one[0]["top"] - two[0]["top"]) < 1 and abs(x_one - x_two) < 6:
                    return x_one, one[0]["top"]
    return None


def _page_number_ids(page: Any, number: int, spot: tuple[float, float] | None) -> set[int]:
    """ids of the characters printing the page number, which can sit over the table's last rows."""
    if spot is None:
        return set()
    for run in _numbered(page.chars, number):
        if abs(run[0]["top"] - spot[1]) < 1 and abs((run[0]["x0"] + run[-1]["x1"]) / 2 - spot[0]) < 6:
            return {id(c) for c in run}
    return set()


def page_lines(page: Any, number: int, spot: tuple[float, float] | None = None) -> list[Line]:
    """A page's words grouped into printed lines, top to bottom, without the page number."""
    furniture = _page_number_ids(page, number, spot)
    if furniture:
        page = page.filter(lambda obj: id(obj) not in furniture)
    raw = page.extract_words(x_tolerance_ratio=WORD_GAP, keep_blank_chars=False, use_text_flow=False)
    rules = [(e["x0"], e["top"], e["bottom"]) for e in page.edges if e["orientation"] == "v"]
    words = sorted(
        (Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw if w["text"].strip()),
        key=lambda w: (w.top, w.x0),
    )
    lines: list[Line] = []
    for word in words:
        # Words of one printed line share their top; wrapped text can overlap the next line, so keep it tight.
        if lines and word.top - lines[-1].words[0].top < 0.25 * lines[-1].words[0].height:
            lines[-1].words.append(word)
        else:
            lines.append(Line(number, [word], rules))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _is_data_line(line: Line) -> bool:
    return len(line.cells()) >= MIN_COLUMNS and any(MONEY.match(w.text) for w in line.words)


def _columns_of(lines: list[Line]) -> list[Column]:
    """The header lines' cells merged where they overlap (a wrapped header cell), left to right."""
    columns: list[Column] = []
    for line in lines:
        for cell in line.cells():
            x0, x1 = cell[0].x0, cell[-1].x1
            over = [c for c in columns if x0 < c.x1 and c.x0 < x1]
            target = over[0] if over else Column(x0, x1, [])
            if not over:
                columns.append(target)
            for other in over[1:]:
                target.words += other.words
                target.x0, target.x1 = min(target.x0, other.x0), max(target.x1, other.x1)
                columns.remove(other)
            target.words += cell
            target.x0, target.x1 = min(target.x0, x0), max(target.x1, x1)
    return sorted(columns, key=lambda c: c.x0)


def _within_one_column(line: Line, columns: list[Column]) -> bool:
    """True if each cell of the line sits over exactly one header column (a wrapped header cell, not a title)."""
    return all(
        sum(1 for c in columns if cell[0].x0 < c.x1 and c.x0 < cell[-1].x1) == 1 for cell in line.cells()
    )


def find_header(lines: list[Line]) -> tuple[int, int]:
    """(first, end) indexes of the header lines: the close-set lines just above the first payment-like line."""
    data = next((i for i, line in enumerate(lines) if _is_data_line(line)), None)
    if data is None or data == 0 or lines[data - 1].page != lines[data].page:
        raise IngestError("no payment table found in the PDF: no printed header above a line with an amount")
    first = data - 1
    while first > 0:
        above, below = lines[first - 1], lines[first]
        if above.page != below.page or below.top - above.bottom > 0.6 * below.height:
            break  # a gap wider than the header's own line spacing: a title block above it
        if len(above.cells()) < 2 and not _within_one_column(above, _columns_of(lines[first:data])):
            break  # one run of words across columns: a title or a note
        first -= 1
    return first, data


def boundaries(columns: list[Column], body: list[Word]) -> list[float]:
    """The x between each pair of neighbouring columns: a ruling line, else the gutter the fewest words cross.

    Among the quietest stretches between one header cell's end and the next one's start, the rightmost is
    taken, and its middle: left-aligned text starts under its header, right-aligned amounts end near theirs.
    """
    x0 = np.array([w.x0 for w in body]) if body else np.zeros(0)
    x1 = np.array([w.x1 for w in body]) if body else np.zeros(0)
    edges = []
    for left, right in zip(columns, columns[1:], strict=False):
        lo, hi = left.x1, max(right.x0, left.x1)
        if hi - lo < 1:
            edges.append((lo + hi) / 2)
            continue
        xs = np.arange(lo, hi + 0.25, 0.25)
        crossing = ((x0[:, None] < xs[None, :]) & (x1[:, None] > xs[None, :])).sum(axis=0)
        quiet = crossing == crossing.min()
        end = int(np.flatnonzero(quiet)[-1])
        start = end
        while start > 0 and quiet[start - 1]:
            start -= 1
        edges.append(float((xs[start] + xs[end]) / 2))
    return edges


def _split(line: Line, edges: list[float]) -> list[list[Word]]:
    placed: list[list[Word]] = [[] for _ in range(len(edges) + 1)]
    for word in line.words:
        placed[int(np.searchsorted(edges, (word.x0 + word.x1) / 2))].append(word)
    return placed


def amount_column(body: list[Line], edges: list[float]) -> int:
    """The column holding the most printed amounts."""
    counts = [0] * (len(edges) + 1)
    for line in body:
        for index, words in enumerate(_split(line, edges)):
            counts[index] += any(MONEY.match(w.text) for w in words)
    if not any(counts):
        raise IngestError("no column of the PDF's table holds amounts")
    return counts.index(max(counts))


def drop_repeats(body: list[Line], header: list[Line]) -> list[Line | None]:
    """The body with each later page's repeated header, what is printed above it, and page numbers as None."""
    texts = {line.normal() for line in header}
    kept: list[Line | None] = []
    for page in sorted({line.page for line in body}):
        on_page = [line for line in body if line.page == page]
        if page != header[0].page:
            first_data = next((i for i, line in enumerate(on_page) if _is_data_line(line)), len(on_page))
            start = next((i for i in range(first_data) if on_page[i].normal() == header[0].normal()), None)
            if start is not None:
                stop = start + 1
                while stop < first_data and on_page[stop].normal() in texts:
                    stop += 1
                kept += [None] * stop
                on_page = on_page[stop:]
        kept += [None if PAGE_NUMBER.match(line.text.strip()) else line for line in on_page]
    return kept


def table_rows(lines: list[Line]) -> list[list[str | None]]:
    """Rows of text cells: the preamble lines, the header, then one row per payment (or other printed line)."""
    first, end = find_header(lines)
    columns = _columns_of(lines[first:end])
    if len(columns) < MIN_COLUMNS:
        raise IngestError(f"the PDF's table header has {len(columns)} column(s); a payment table has more")
    width = len(columns)
    rows: list[list[str | None]] = [[line.text] + [None] * (width - 1) for line in lines[:first]]
    rows.append([c.name for c in columns])
    body = drop_repeats(lines[end:], lines[first:end])
    printed = [line for line in body if line is not None]
    edges = boundaries(columns, [w for line in printed for w in line.words])
    money = amount_column(printed, edges)
    current: list[list[str]] | None = None
    last: Line | None = None
    for line in body:
        if line is None:  # a repeated header or a page number: an empty row, counted but not a payment
            if current is not None:
                rows.append([" ".join(parts) or None for parts in current])
            current, last = None, None
            rows.append([None] * width)
            continue
        placed = _split(line, edges)
        filled = sum(1 for words in placed if words)
        starts_row = (
            current is None
            or any(MONEY.match(w.text) for w in placed[money])
            or (filled * 2 > width and filled >= MIN_COLUMNS)  # a whole row, even without an amount
            or (last is not None and line.page == last.page and line.top - last.bottom > 1.5 * line.height)
        )
        if starts_row:
            if current is not None:
                rows.append([" ".join(parts) or None for parts in current])
            current = [[] for _ in range(width)]
        assert current is not None
        for index, words in enumerate(placed):
            current[index] += [w.text for w in words]
        last = line
    if current is not None:
        rows.append([" ".join(parts) or None for parts in current])
    return rows


def read_pdf_cells(path: Path) -> pl.DataFrame:
    """The PDF's payment table as String columns c0..cN, one frame row per table row."""
    import pdfplumber

    try:
        document = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises its own types for damaged or encrypted files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IngestError(f"could not open the PDF: {reason}") from exc
    with document:
        pages = document.pages
        spot = page_number_spot(pages)
        lines: list[Line] = []
        for number, page in enumerate(pages, start=1):
            found = page_lines(page, number, spot)
            if not found and page.images:
                raise IngestError(
                    f"page {number} of the PDF is a scanned image with no text layer: this tool reads text "
                    "PDFs only, so ask the publisher for the CSV"
                )
            lines += found
            page.close()  # frees the page's parsed objects: a long PDF is read a page at a time
    if not lines:
        raise IngestError("the PDF has no text layer (a scan?): this tool reads text PDFs only")
    rows = table_rows(lines)
    width = max(len(row) for row in rows)
    return pl.DataFrame(
        [pl.Series(f"c{i}", [row[i] if i < len(row) else None for row in rows], pl.String) for i in range(width)]
    )
