"""A text-based PDF payment table as text cells: words placed in the columns that the header's geometry draws.

Publishers print spend tables from Excel or report writers, with or without ruling lines, so a column is where a
header cell sits (split at a ruling line when there is one) and its edge is the clearest gutter of the words
below. A payment is a line holding a money token in the amount column; the lines below it without one (wrapped
cells) belong to it. The header repeated on later pages is dropped (kept as an empty row so the row accounting
counts it), and what is printed above the first header (report titles, notes) stays as preamble rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl

from anchorspend.files.errors import FileRefused
from anchorspend.files.pdf_text import Line, PageText, Word, page_lines, page_number_spot, page_text

# A printed amount: thousands separators or pence (so ids and years are not amounts), optional £, a sign,
# parentheses or a trailing minus for credits.
MONEY = re.compile(r"^\(?[-\u2212]?£?(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+\.\d{2})\)?-?$")
MIN_COLUMNS = 3
MAX_PAGES = 2_000  # about 60,000 payment lines; a longer file is refused before its pages are read


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


def _is_data_line(line: Line) -> bool:
    return len(line.cells) >= MIN_COLUMNS and any(MONEY.match(w.text) for w in line.words)


def _columns_of(lines: list[Line]) -> list[Column]:
    """The header lines' cells merged where they overlap (a wrapped header cell), left to right."""
    columns: list[Column] = []
    for line in lines:
        for cell in line.cells:
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
    return all(sum(1 for c in columns if cell[0].x0 < c.x1 and c.x0 < cell[-1].x1) == 1 for cell in line.cells)


def find_header(lines: list[Line]) -> tuple[int, int]:
    """(first, end) indexes of the header lines: the close-set lines just above the first payment-like line."""
    data = next((i for i, line in enumerate(lines) if _is_data_line(line)), None)
    if data is None or data == 0 or lines[data - 1].page != lines[data].page:
        raise FileRefused("no payment table found in the PDF: no printed header above a line with an amount")
    first = data - 1
    while first > 0:
        above, below = lines[first - 1], lines[first]
        if above.page != below.page or below.top - above.bottom > 0.6 * below.height:
            break  # a gap wider than the header's own line spacing: a title block above it
        if len(above.cells) < 2 and not _within_one_column(above, _columns_of(lines[first:data])):
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


@dataclass
class Segment:
    """One page's share of the table: its lines (None for a repeated header line) and where its columns are."""

    lines: list[Line | None]
    columns: list[Column]
    edges: list[float] = field(default_factory=list)


def page_segments(body: list[Line], header: list[Line]) -> list[Segment]:
    """The body page by page; a page that prints the header again gets the columns of its own header."""
    texts = {line.normal() for line in header}
    columns = _columns_of(header)
    segments = []
    for page in sorted({line.page for line in body}):
        on_page = [line for line in body if line.page == page]
        page_columns, repeats = columns, 0
        if page != header[0].page:
            first_data = next((i for i, line in enumerate(on_page) if _is_data_line(line)), len(on_page))
            start = next((i for i in range(first_data) if on_page[i].normal() == header[0].normal()), None)
            if start is not None:
                repeats = start + 1
                while repeats < first_data and on_page[repeats].normal() in texts:
                    repeats += 1
                # Report writers size columns per page (HTML tables do): this page's header places its words.
                repeated = _columns_of(on_page[start:repeats])
                if [c.name for c in repeated] == [c.name for c in columns]:
                    page_columns = repeated
        kept = on_page[repeats:]
        edges = boundaries(page_columns, [word for line in kept for word in line.words])
        printed: list[Line | None] = [None] * repeats
        printed.extend(kept)
        segments.append(Segment(printed, page_columns, edges))
    return segments


def amount_column(segments: list[Segment]) -> int:
    """The column holding the most printed amounts."""
    counts = [0] * len(segments[0].columns)
    for segment in segments:
        for line in segment.lines:
            if line is not None:
                for index, words in enumerate(_split(line, segment.edges)):
                    counts[index] += any(MONEY.match(w.text) for w in words)
    if not any(counts):
        raise FileRefused("no column of the PDF's table holds amounts")
    return counts.index(max(counts))


def table_rows(lines: list[Line]) -> list[list[str | None]]:
    """Rows of text cells: the preamble lines, the header, then one row per payment (or other printed line)."""
    first, end = find_header(lines)
    columns = _columns_of(lines[first:end])
    if len(columns) < MIN_COLUMNS:
        raise FileRefused(f"the PDF's table header has {len(columns)} column(s); a payment table has more")
    width = len(columns)
    rows: list[list[str | None]] = [[line.text] + [None] * (width - 1) for line in lines[:first]]
    rows.append([c.name for c in columns])
    segments = page_segments(lines[end:], lines[first:end])
    money = amount_column(segments)
    current: list[list[str]] | None = None
    last: Line | None = None
    for segment in segments:
        for line in segment.lines:
            if line is None:  # a repeated header or a page number: an empty row, counted but not a payment
                rows.append([None] * width)
                last = None  # a row cut by the page break goes on below the repeated header
                continue
            placed = _split(line, segment.edges)
            filled = sum(1 for words in placed if words)
            starts_row = (
                current is None
                or any(MONEY.match(w.text) for w in placed[money])
                or (filled * 2 > width and filled >= MIN_COLUMNS)  # a whole row, even without an amount
                or (last is not None and line.top - last.bottom > 1.5 * line.height)  # a note, not a wrap
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
        raise FileRefused(f"could not open the PDF: {reason[:200]}") from exc
    with document:
        if len(document.pages) > MAX_PAGES:
            raise FileRefused(
                f"{path.name} has {len(document.pages):,} pages, over the limit of {MAX_PAGES:,} for a PDF: "
                "ask the publisher for the CSV"
            )
        texts: list[PageText] = []
        for number, page in enumerate(document.pages, start=1):
            try:
                text = page_text(page)
            except Exception as exc:  # pdfminer's own error types for a damaged page
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise FileRefused(f"could not read page {number} of the PDF: {reason[:200]}") from exc
            if not text.chars and text.has_images:
                raise FileRefused(
                    f"page {number} of the PDF is a scanned image with no text layer: this tool reads text "
                    "PDFs only, so ask the publisher for the CSV"
                )
            texts.append(text)
            page.close()  # frees pdfminer's objects: a long PDF is held as small records only
    spot = page_number_spot(texts)
    lines = [line for number, text in enumerate(texts, start=1) for line in page_lines(text, number, spot)]
    if not lines:
        raise FileRefused("the PDF has no text layer (a scan?): this tool reads text PDFs only")
    rows = table_rows(lines)
    width = max(len(row) for row in rows)
    return pl.DataFrame(
        [pl.Series(f"c{i}", [row[i] if i < len(row) else None for row in rows], pl.String) for i in range(width)]
    )
