"""Normal-mode tables show long text whole: columns sized to their text, long values wrapped onto taller rows."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest
import streamlit
from PIL import ImageFont

from anchorspend.ui.tables import text_layout

# The grid's own font (Source Sans, 14 px), from Streamlit's package: the width a reader's browser draws.
FONT = ImageFont.truetype(
    str(next((Path(streamlit.__file__).parent / "static").rglob("SourceSansVF-Upright*.woff2"))), 14
)
GRID_PADDING_PX = 8  # each side of a cell (Glide data grid)
LINE_HEIGHT_PX = 14 * 1.4
WORDS = "Dogger Vale Fennmouth Quillbridge Marrowdale Hospitals Foundation Trust Recruitment Construction Holdings"


def name(length: int, upper: bool = False) -> str:
    """A payee-like name of about length characters, from real-looking words."""
    words = (WORDS.split() * 40)[: max(1, length // 8)]
    text = " ".join(words)[:length]
    return text.upper() if upper else text


def lines_needed(text: str, width_px: float) -> int:
    """Lines a cell of width_px needs for text, wrapping at spaces as a browser does (the font measured)."""
    lines, current = 1, ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if FONT.getlength(trial) <= width_px - 2 * GRID_PADDING_PX or not current:
            current = trial
        else:
            lines, current = lines + 1, word
    return lines


@pytest.mark.parametrize("length", [12, 40, 60, 120, 200])
@pytest.mark.parametrize("upper", [False, True])
def test_a_long_name_fits_its_column_or_wraps_whole_within_the_row(length: int, upper: bool) -> None:
    frame = pl.DataFrame({"supplier": ["Short Ltd", name(length, upper)], "amount_gbp": [1.0, 2.0]})
    text = frame["supplier"][1]
    widths, row_height = text_layout(frame)
    width = widths["supplier"]
    assert 80 <= width <= 480 and "amount_gbp" not in widths  # numbers keep the grid's own sizing
    needed = lines_needed(text, width)
    if needed == 1:
        assert FONT.getlength(text) <= width - 2 * GRID_PADDING_PX  # on one line, nothing cut
    else:
        assert row_height is not None and row_height > 64  # the grid wraps only in rows taller than 4rem
        assert (row_height - 2 * GRID_PADDING_PX) / LINE_HEIGHT_PX >= needed - 0.5, (needed, row_height)


def test_a_table_of_short_text_keeps_one_line_rows_and_fits_its_headings() -> None:
    frame = pl.DataFrame({"sic_division": ["41", "62"], "supplier": ["Acme Ltd", "Bolt plc"]})
    widths, row_height = text_layout(frame, {"sic_division": "Sector (SIC division · section)"})
    assert row_height is None
    heading = "Sector (SIC division · section)"
    assert widths["sic_division"] >= FONT.getlength(heading) + 2 * GRID_PADDING_PX
    assert widths["supplier"] >= FONT.getlength("Bolt plc") + 2 * GRID_PADDING_PX


def test_list_cells_are_measured_as_written() -> None:
    anchors = ["Fennmouth Hospitals NHS Foundation Trust", "Dogger Vale Council", "University of Fennmouth"]
    frame = pl.DataFrame({"anchors": [anchors]})
    widths, row_height = text_layout(frame)
    written = ", ".join(anchors)
    assert row_height is not None
    assert (row_height - 2 * GRID_PADDING_PX) / LINE_HEIGHT_PX >= lines_needed(written, widths["anchors"]) - 0.5
    assert re.match(r"^\d+$", str(widths["anchors"]))


def _tables_app() -> None:
    import polars as pl

    from anchorspend.ui.tables import frame_table

    long_name = "The Chancellor, Masters and Scholars of the University of Fennmouth (Estates Division) Trading Co"
    frame_table(
        pl.DataFrame({"supplier": [long_name], "sector": ["Construction"], "code": ["X1"], "amount_gbp": [1.0]}),
        hide_index=True,
        column_config={"code": None, "sector": {"label": "Sector", "width": 150}},
    )


def test_the_browser_is_sent_the_widths_and_the_taller_rows() -> None:
    import json

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_tables_app, default_timeout=30).run()
    assert not at.exception
    sent = at.dataframe[0].proto
    columns = json.loads(sent.columns)
    assert columns["supplier"]["width"] <= 320 and sent.row_height > 64  # wrapped, not cut
    assert columns["sector"]["width"] == 150 and columns["code"] == {"hidden": True}  # the page's own choices kept


def test_a_text_of_a_thousand_characters_leaves_the_table_usable() -> None:
    frame = pl.DataFrame({"description": ["word " * 200, "short"]})
    widths, row_height = text_layout(frame)
    assert widths["description"] <= 480 and row_height is not None and row_height <= 100  # four lines at most
