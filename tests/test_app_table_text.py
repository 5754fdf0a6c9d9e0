"""Normal-mode tables show long text whole: columns sized to their text, long values wrapped onto taller rows."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
import streamlit
from PIL import ImageFont

from anchorspend.ui.grid import text_layout

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


# st.dataframe's width at a desk, measured in Chromium: a 1280 px window with the sidebar open gives the page's
# column 818 px, an expander inside it 786. The row tick boxes of a table whose rows can be chosen take about 40.
DESK_GRID_PX, TICK_BOXES_PX = 786, 40
NAMED = {"small": 75, "medium": 200, "large": 400}  # st.column_config's named widths (Streamlit's documentation)
SOURCE = (
    "Default: NEF, The Money Trail (2002), Northumberland County Council study: local suppliers re-spend 76p of each "
    "£1 in the county (£1.76 per £1). Replace with local supplier survey returns."
)


def fits_whole(frame: pl.DataFrame, headings: dict[str, str], layout, selectable: bool = False) -> None:
    """Every column shown is at least as wide as its heading and its widest value (measured in the grid's font
    here), every text wraps within the row height, and the columns together fit a desk's grid."""
    assert sum(layout.widths.values()) + (TICK_BOXES_PX if selectable else 0) <= DESK_GRID_PX, layout.widths
    lines = 1 if layout.row_height is None else (layout.row_height - 2 * GRID_PADDING_PX) / LINE_HEIGHT_PX + 0.5
    for column, width in layout.widths.items():
        assert FONT.getlength(headings[column]) + 2 * GRID_PADDING_PX <= width, (column, width)
        for value in frame[column].to_list():
            if isinstance(value, str):
                assert lines_needed(value, width) <= lines, (column, width, value)
                assert all(FONT.getlength(w) <= width - 2 * GRID_PADDING_PX for w in value.split()), (column, value)
            elif isinstance(value, float):
                written = f"{value * 100:.1f}%" if column.endswith(("_share", "_rate")) else f"£{value:,.0f}"
                assert FONT.getlength(written) + 2 * GRID_PADDING_PX <= width, (column, width, written)


def test_the_payroll_table_fits_a_desk_screen_with_every_value_whole() -> None:
    """The Local multiplier page's payroll table cut its Source column at 1280 px."""
    from anchorspend.present.columns import label
    from anchorspend.ui.grid import layout

    frame = pl.DataFrame(
        {
            "anchor": ["Fennmouth Harbour Housing Co-operative", "Dogger Vale Police"],
            "year_from": [date(2026, 4, 1), date(2025, 4, 1)],
            "payroll_gbp": [127_308_000.0, 1_900_000.0],
            "staff_local_share": [0.81, 0.45],
            "staff_respend_rate": [0.36, 0.36],
            "source": ["Demo assumption (fictional anchor, invented figure)", SOURCE],
        }
    )
    headings = {c: label(c).removesuffix(" (£)") for c in frame.columns}
    fitted = layout(frame, headings)
    assert fitted.hidden == ()  # every column shown
    fits_whole(frame, headings, fitted)


def test_a_table_too_wide_for_a_desk_shows_its_first_columns_and_names_the_rest() -> None:
    """The Collaboration page's ranked sectors: twelve columns cannot all be read on a 1280 px screen."""
    from anchorspend.present.columns import label
    from anchorspend.ui.grid import layout

    row = {
        "rank": 1,
        "sector": "62 · Computer programming and consultancy",
        "leaking_a_year_gbp": 82_357_423.0,
        "leaking_share": 0.846,
        "spend_a_year_gbp": 97_334_565.0,
        "spend_in_period_gbp": 56_765_653.0,
        "first_contract_ends": date(2026, 6, 1),
        "current_contracts": 37,
        "local_suppliers": 12,
        "unknown_location_share": 0.02,
        "anchors": "Dogger Vale Homes, Dogger Vale Police, Fennmouth City Council, University of Fennmouth",
        "ways_to_act_together": "shared supplier, common leakage, aligned re-procurement",
    }
    frame = pl.DataFrame([row])
    headings = {c: label(c).removesuffix(" (£)") for c in frame.columns}
    fitted = layout(frame, headings, selectable=True)
    shown = list(fitted.widths)
    assert shown == frame.columns[: len(shown)] and len(shown) >= 5  # the first columns lead
    assert list(fitted.hidden) == frame.columns[len(shown) :] and "ways_to_act_together" in fitted.hidden
    fits_whole(frame.select(shown), headings, fitted, selectable=True)


def _wide_table_app() -> None:
    from datetime import date

    import polars as pl

    from anchorspend.ui.tables import table

    table(
        pl.DataFrame(
            {
                "supplier": ["Stranova Gas & Power Limited", "Gorman Construction Limited"],
                **{f"spend_{year}_gbp": [1_234.0, 5_678.0] for year in range(2016, 2026)},
                "leaking_share": [0.25, 0.5],
                "ends_on": [date(2027, 1, 31), None],
            }
        ),
        "wide",
    )


def test_a_chosen_row_shows_the_columns_the_grid_had_no_room_for() -> None:
    import json

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_wide_table_app, default_timeout=30).run()
    assert not at.exception
    columns = json.loads(at.dataframe[0].proto.columns)
    hidden = [name for name, config in columns.items() if config.get("hidden")]
    assert "leaking_share" in hidden and "ends_on" in hidden and "supplier" not in hidden
    note = " ".join(c.value for c in at.caption)
    assert "Leaking share" in note and "Ends on" in note and "choose a row" in note
    at.session_state["table_wide"] = {"selection": {"rows": [1], "columns": [], "cells": []}}
    at.run()
    detail = " ".join(m.value for m in at.markdown).replace("\\", "")  # as Markdown draws it, escapes gone
    assert detail.startswith("**Gorman Construction Limited**")
    assert "Leaking share **50.0%**" in detail and "Ends on **–**" in detail  # as a person reads them


def test_every_grid_of_every_page_fits_a_desk_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What each normal-mode page sends the browser: every column sized, all of them within a desk's grid."""
    import json

    import app_store

    store = app_store.add_evidence(app_store.build(tmp_path / "store.duckdb"))
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    grids = 0
    for page in ("overview", "multiplier", "leakage", "collaboration", "map", "suppliers", "data", "report"):
        at = app_store.open_page(store, page)
        if page == "collaboration":
            at = app_store.open_behind(at)
        assert not at.exception and not at.error, (page, [e.value for e in [*at.exception, *at.error]])
        for grid in at.dataframe:
            columns = {n: c for n, c in json.loads(grid.proto.columns).items() if not c.get("hidden")}
            shown = [n for n in grid.value.columns if n in columns or n not in json.loads(grid.proto.columns)]
            assert all("width" in columns.get(n, {}) for n in shown), (page, shown, columns)
            ticks = TICK_BOXES_PX if list(grid.proto.selection_mode) else 0
            widths = [NAMED.get(columns[n]["width"], columns[n]["width"]) for n in shown]
            if grid.proto.editing_mode == 0:  # read only; an editor keeps every column, scrolling if it must
                assert sum(widths) + ticks <= DESK_GRID_PX, (page, columns)
            grids += 1
    assert grids >= 10, grids  # the check looked at real tables
