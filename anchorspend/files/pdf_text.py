"""What a PDF page prints, as lines of words: characters from pdfminer's layout, page numbers left out.

Words are split where characters stand further apart than a fifth of their size, so an amount printed flush
against the next column's value is two words; lines are characters sharing a top, kept tight because wrapped
text can overlap the next printed line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$")
# Characters closer than this share of the font size are one word: tight enough to part an amount printed
# flush against the next column's value, loose enough to keep a word whole.
WORD_GAP = 0.2
# Words further apart than this share of their height are in different cells (a space is about 0.25).
CELL_GAP = 0.4


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

    @cached_property
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
class Char:
    """One printed character, in points from the page's top left."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class PageText:
    """What a page prints: its upright characters, its vertical rules (x, top, bottom), whether it has images."""

    chars: list[Char]
    rules: list[tuple[float, float, float]]
    has_images: bool


def page_text(page: Any) -> PageText:
    """Characters and rules from pdfminer's layout of the page, without pdfplumber's per-object dictionaries.

    Building a dictionary of every attribute of every character was half the time of reading a long PDF;
    the table needs only each character's text, box and size.
    """
    from pdfminer.layout import LTChar, LTContainer, LTImage, LTLine, LTRect

    mb_x0, mb_top = page.mediabox[0], page.mediabox[1]
    height = page.height
    chars: list[Char] = []
    rules: list[tuple[float, float, float]] = []
    images = False
    stack = list(page.layout)
    while stack:
        item = stack.pop()
        if isinstance(item, LTChar):
            if item.upright:  # rotated text (a watermark, a vertical label) is not part of the table
                top, bottom = height - item.y1 + mb_top, height - item.y0 + mb_top
                chars.append(Char(item.get_text(), item.x0 + mb_x0, item.x1 + mb_x0, top, bottom, item.size))
        elif isinstance(item, LTRect):
            top, bottom = height - item.y1 + mb_top, height - item.y0 + mb_top
            rules += [(item.x0 + mb_x0, top, bottom), (item.x1 + mb_x0, top, bottom)]
        elif isinstance(item, LTLine):
            if abs(item.x0 - item.x1) < 1:
                rules.append((item.x0 + mb_x0, height - item.y1 + mb_top, height - item.y0 + mb_top))
        elif isinstance(item, LTImage):
            images = True
        elif isinstance(item, LTContainer):
            stack.extend(item)
    return PageText(chars, rules, images)


def _runs(chars: list[Char]) -> list[list[Char]]:
    """Digits in runs of one top and one size, side by side: the pieces a page number is printed in."""
    digits = [c for c in chars if c.text.isdigit()]
    ordered = sorted(digits, key=lambda c: (round(c.top, 1), round(c.size, 1), c.x0))
    runs: list[list[Char]] = []
    for char in ordered:
        if runs:
            prev = runs[-1][-1]
            same = (round(prev.top, 1), round(prev.size, 1)) == (round(char.top, 1), round(char.size, 1))
            if same and char.x0 - prev.x1 < 0.3 * char.size:
                runs[-1].append(char)
                continue
        runs.append([char])
    return runs


def _numbered(chars: list[Char], number: int) -> list[list[Char]]:
    """Runs of digits reading as this page's number."""
    return [run for run in _runs(chars) if "".join(c.text for c in run) == str(number)]


def _centre(run: list[Char]) -> tuple[float, float]:
    return (run[0].x0 + run[-1].x1) / 2, run[0].top


def page_number_spot(texts: list[PageText]) -> tuple[float, float] | None:
    """Where page numbers are printed (centre x, top): the same place on two neighbouring early pages."""
    for number, (page, following) in enumerate(zip(texts[:3], texts[1:4], strict=False), start=1):
        seconds = _numbered(following.chars, number + 1)
        for one in _numbered(page.chars, number):
            for two in seconds:
                (x_one, top_one), (x_two, top_two) = _centre(one), _centre(two)
                if abs(top_one - top_two) < 1 and abs(x_one - x_two) < 6:
                    return x_one, top_one
    return None


def _page_number_ids(chars: list[Char], number: int, spot: tuple[float, float] | None) -> set[int]:
    """ids of the characters printing the page number at the spot, where it can sit over the last rows."""
    if spot is None:
        return set()
    for run in _numbered(chars, number):
        x, top = _centre(run)
        if abs(top - spot[1]) < 1 and abs(x - spot[0]) < 6:
            return {id(c) for c in run}
    return set()


def _words(chars: list[Char]) -> list[Word]:
    """Characters of one printed line, left to right, joined into words at spaces and gaps."""
    words: list[Word] = []
    text: list[str] = []
    prev: Char | None = None
    for char in sorted(chars, key=lambda c: c.x0):
        if char.text.isspace() or not char.text:
            prev = None
            continue
        if prev is not None and char.x0 - prev.x1 <= WORD_GAP * char.size:
            text.append(char.text)
            word = words[-1]
            word.x1, word.top, word.bottom = char.x1, min(word.top, char.top), max(word.bottom, char.bottom)
            word.text = "".join(text)
        else:
            text = [char.text]
            words.append(Word(char.text, char.x0, char.x1, char.top, char.bottom))
        prev = char
    return words


def page_lines(text: PageText, number: int, spot: tuple[float, float] | None = None) -> list[Line]:
    """A page's words grouped into printed lines, top to bottom, without page numbers."""
    chars = sorted(text.chars, key=lambda c: (c.top, c.x0))
    groups: list[list[Char]] = []
    for char in chars:
        # Characters of one printed line share their top; wrapped text can overlap the next line: keep it tight.
        if groups and char.top - groups[-1][0].top < 0.25 * max(groups[-1][0].bottom - groups[-1][0].top, 0.1):
            groups[-1].append(char)
        else:
            groups.append([char])
    number_ids = _page_number_ids(text.chars, number, spot)
    lines = []
    for group in groups:
        words = _words(group)
        if not words or PAGE_NUMBER.match(" ".join(w.text for w in words)):
            continue  # a page number on a line of its own
        if number_ids.intersection(map(id, group)):
            words = _words([c for c in group if id(c) not in number_ids])
        if words:
            lines.append(Line(number, words, text.rules))
    return lines
