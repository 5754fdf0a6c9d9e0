"""The real app in a real browser: `streamlit run` on the hand-made store, in Debian's headless Chromium.

One server and one browser for the module. Every wait is on the app's own state (Streamlit's script-run state
on the root element, a page element, the URL), never a fixed sleep, with timeouts that grow with the machine's
load: a busy 2-core machine is slow, not broken.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import app_store
import pytest
from browser_app import (
    ARGS,
    CHARTS_DRAWN,
    CHROMIUM,
    GRIDS_CUT,
    GRIDS_SEEN,
    PAGES,
    click_nav,
    clipped,
    heading_is,
    open_expanders,
    page_ready,
    screenshot_whole,
    serve,
    settle,
    timeout_ms,
)

# --dist loadscope (pyproject) keeps the module on one worker under -n: one server, one browser.
pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "_artifacts"
# A headline value cut by its own box while its text measures whole (sized to the text, as Streamlit's are): the
# blind spot of a check that measures only the element holding the text. Selectors outrank workshop mode's style.
CLIP_A_VALUE = """html body [data-testid="stMain"] [data-testid="stMetricValue"] {
  width: 40px !important; overflow: hidden !important; }
html body [data-testid="stMain"] [data-testid="stMetricValue"] p {
  display: inline-block !important; white-space: nowrap !important; }"""
# One case of each way text is cut or not, for the check itself (tests/browser_app.CLIPPED_TEXT).
CUT_CASES = """<main id="cases" style="width: 300px">
<div style="width: 100px; overflow: hidden"><span style="white-space: nowrap">cut by its parent</span></div>
<div style="width: 100px; overflow: hidden"><div><p><span style="white-space: nowrap">cut by a grandparent</span>
</p></div></div>
<div style="width: 100px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap">an ellipsis of its own</div>
<div style="height: 18px; overflow: hidden; width: 250px">the first of three lines, the rest hidden below the box</div>
<div style="width: 100px; overflow-x: auto"><span style="white-space: nowrap">scrolled out of sight sideways</span>
</div>
<div style="width: 200px; overflow: hidden"><span>whole</span></div>
<div style="height: 20px; overflow-y: auto"><p>a box one scrolls down</p><p>is not cut</p></div>
<div style="width: 100px; overflow: hidden">wrapped onto lines inside its box</div>
<details><summary>closed</summary><div style="width: 10px; overflow: hidden">inside a closed expander</div></details>
</main>"""
# Headline cards cut short: any box inside a card's label or value narrower than its text (Streamlit clips the
# text's parent with an ellipsis, so the text itself measures whole).
CARDS_CUT = (
    "[...document.querySelectorAll('[data-testid=\"stMetricValue\"], [data-testid=\"stMetricLabel\"]')]"
    ".flatMap(c => [c, ...c.querySelectorAll('*')]).filter(e => e.scrollWidth > e.clientWidth + 1)"
    ".map(e => e.innerText)"
)
# Text in charts and tables drawn smaller than a projector needs (18 px), as "text: size". A chart drawn as a
# picture on the server (workshop mode) is read from its SVG: each text's size times the picture's scale on screen.
PICTURE_TEXTS = """[...document.querySelectorAll('[data-testid="stMain"] img.chart')].flatMap(img => {
  const bytes = Uint8Array.from(atob(img.src.split(',')[1]), c => c.charCodeAt(0));
  const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
  const scale = img.getBoundingClientRect().width / img.naturalWidth;
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => [t.textContent.trim().slice(0, 40), parseFloat(t.style.fontSize) * scale]);
})"""
SMALL_TEXT = """(() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const texts = main.querySelectorAll(
    '[data-testid="stPlotlyChart"] svg text, [data-testid="stTable"] th, [data-testid="stTable"] td');
  const drawn = [...texts].filter(t => t.textContent.trim() && t.getClientRects().length > 0)
    .map(t => [t.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(t).fontSize)]);
  return [...drawn, ...PICTURES].filter(([, px]) => !(px >= 18)).map(([text, px]) => `${text}: ${px}px`);
})()""".replace("PICTURES", PICTURE_TEXTS)
# Tables wider than their box (a column scrolled out of sight), cells whose text is clipped, and tables drawn on a
# canvas (st.dataframe: its 14 px type cannot be enlarged).
TABLES_CUT = """(() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = [...main.querySelectorAll('[data-testid="stTable"]')]
    .filter(t => t.querySelector('table').getBoundingClientRect().right > t.getBoundingClientRect().right + 1)
    .map(t => 'table wider than its box: ' + t.querySelector('th').textContent);
  const clipped = [...main.querySelectorAll('[data-testid="stTable"] td, [data-testid="stTable"] th')]
    .filter(c => c.scrollWidth > c.clientWidth + 4).map(c => 'clipped cell: ' + c.textContent);  // subpixel overhang
  const canvas = [...main.querySelectorAll('[data-testid="stDataFrame"]')].map(() => 'a 14 px canvas table');
  return [...wide, ...clipped, ...canvas];
})()"""
FAILURE_TEXT = ("Traceback", "could not be shown", "Exception:", "StreamlitAPIException")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served against the hand-made store; yields its base URL."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make system-packages)")
    store = app_store.build(tmp_path_factory.mktemp("browser") / "store.duckdb")
    with serve(store, store.parent / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    """Headless Debian Chromium through Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def session(browser) -> Iterator[object]:
    """A fresh browser session (its own context: no shared storage with other tests)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(timeout_ms())
    yield context
    context.close()


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def assert_no_failure(page, name: str) -> str:
    """The page's text, after checking it shows no exception and no failure message."""
    text = main_text(page)
    assert not page.locator("[data-testid='stException']").count(), f"{name}: an exception is on the page"
    for failure in FAILURE_TEXT:
        assert failure not in text, f"{name}: '{failure}' on the page"
    return text


def open_page(context, url: str, title: str, name: str):
    """Open url in a new tab, wait for its title and charts, screenshot it, fail on any exception text."""
    page = context.new_page()
    page.goto(url, wait_until="commit")
    settle(page, page_ready(title))
    screenshot_whole(page, ARTIFACTS / f"{name}.png")
    return page, assert_no_failure(page, name)


def headline_values(page) -> dict[str, str]:
    """Headline label -> value as shown."""
    values = {}
    for metric in page.locator("[data-testid='stMetric']").all():
        label = metric.locator("[data-testid='stMetricLabel']").inner_text().strip()
        values[label] = metric.locator("[data-testid='stMetricValue']").inner_text().strip()
    return values


def chosen(page, label: str) -> str:
    """What a sidebar select box shows as chosen."""
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def test_a_link_to_a_page_is_the_first_visit_of_a_fresh_server(session, server: str) -> None:
    """First in the module: before any run through app.py, Streamlit would run pages/leakage.py alone."""
    page, text = open_page(session, f"{server}/leakage?period=2024-05&anchor=2", "Leakage", "first_visit_leakage")
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "Local multiplier" in nav and "app" not in nav.split()  # the router's pages, not the files
    assert chosen(page, "Month") == "May 2024" and "Alpha NHS Trust" in text  # the sidebar and the link's view
    # The trust in May 2024 (tests/app_store.py): Gamma Construction, outside the region, 1,500.
    assert headline_values(page)["Leakage"] == "£1,500"


@pytest.fixture(scope="module")
def tab(browser, server: str) -> Iterator[object]:
    """One tab kept open across the page tests, moved from page to page by the sidebar's links."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(timeout_ms())
    page = context.new_page()
    page.goto(server + "/", wait_until="commit")
    settle(page, heading_is("Overview"))
    yield page
    context.close()


def go_to(page, nav: str, title: str, name: str) -> str:
    """Click a page in the sidebar's navigation, wait for it, screenshot it, fail on any exception text."""
    click_nav(page, nav)
    settle(page, page_ready(title))
    screenshot_whole(page, ARTIFACTS / f"{name}.png")
    return assert_no_failure(page, name)


@pytest.mark.parametrize(("path", "nav", "title", "plain"), PAGES, ids=[p[1] for p in PAGES])
def test_every_page_renders_without_errors(tab, path, nav, title, plain) -> None:
    text = go_to(tab, nav, title, path or "overview")
    if path not in ("data", "suppliers"):  # the analysis pages say which place they show
        assert "Testshire" in text
    if path == "":  # 10,200 local of 36,900 influenceable (tests/app_store.py)
        assert headline_values(tab)["Local share"] == "27.6%"
    assert f"/{path}?" in tab.url and "period=2024-25" in tab.url  # the view stays in the URL


def test_workshop_mode_large_type_no_admin_pages_no_individuals(session, server: str) -> None:
    measured = {"charts": 0, "tables": 0, "expanders": 0}  # the checks below looked at real text
    for path, _nav, _title, plain in PAGES:
        if plain is None:
            continue
        page, text = open_page(session, f"{server}/{path}?mode=workshop", plain, f"workshop_{path or 'overview'}")
        assert page.locator("[data-testid='stSidebar']").get_attribute("data-collapsed") == "true"  # projector
        shown_nav = page.locator("[data-testid='stSidebarNav']").text_content() or ""
        assert "Overview" in shown_nav and "Data" not in shown_nav and "Suppliers" not in shown_nav
        assert "John Smith" not in text and "Redacted" not in text
        page.set_viewport_size({"width": 1280, "height": 720})  # a projector
        settle(page)
        measured["expanders"] += open_expanders(page)  # what is inside them must read whole too
        settle(page, page_ready(plain))
        cut = clipped(page)  # any text on the page, cut by its own box or by any box around it
        assert cut == [], f"workshop {path or 'overview'}: cut off at {page.viewport_size}: {cut}"
        small = page.evaluate(SMALL_TEXT)
        assert small == [], f"workshop {path or 'overview'}: chart or table text under 18 px: {small[:8]}"
        tables = page.evaluate(TABLES_CUT)
        assert tables == [], f"workshop {path or 'overview'}: {tables[:8]}"
        measured["charts"] += page.locator("[data-testid='stPlotlyChart'] svg text").count()
        measured["charts"] += len(page.evaluate(PICTURE_TEXTS))
        measured["tables"] += page.locator("[data-testid='stTable'] td").count()
        if path == "":
            assert "Stays local" in text and "Out of every £1" in text
            size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('[data-testid=\"stMetricValue\"]')).fontSize)"
            )
            assert size >= 56, f"headline numbers are {size}px in workshop mode: too small for a projector"
            page.add_style_tag(content=CLIP_A_VALUE)  # the check fails when a card's box cuts its value
            cut = clipped(page)
            assert "£37k" in cut and "27.6%" in cut, cut  # Spend in scope £36,900; 10,200 of it local
        page.close()
    assert measured["charts"] > 100 and measured["tables"] > 10 and measured["expanders"] >= 8, measured


def test_the_cut_text_check_finds_text_cut_by_any_box_around_it(browser) -> None:
    page = browser.new_page()
    try:
        page.set_content(CUT_CASES)
        assert "inside a closed expander" not in clipped(page, "#cases")  # not drawn: not read
        assert open_expanders(page, "#cases details:not([open]) > summary") == 1
        assert clipped(page, "#cases") == [
            "cut by its parent",
            "cut by a grandparent",
            "an ellipsis of its own",
            "the first of three lines, the rest hidden below the box",
            "scrolled out of sight sideways",
            "inside a closed expander",  # once opened, read like the rest
        ]
    finally:
        page.close()


def test_workshop_charts_fill_a_1920_px_projector(browser, server: str) -> None:
    """Chart pictures grow with the screen: at 1920 px they fill the column, their text at least 27 px (18 px at
    1280, in proportion), not 1080 px wide beside an empty third of the screen."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(timeout_ms())
    try:
        page, _ = open_page(context, f"{server}/?mode=workshop", PAGES[0][3], "workshop_1920_overview")
        widths = page.evaluate(
            "[...document.querySelectorAll('[data-testid=\"stMain\"] img.chart')]"
            ".map(i => [i.getBoundingClientRect().width, i.parentElement.getBoundingClientRect().width])"
        )
        assert len(widths) == 3 and all(shown >= 0.98 * column for shown, column in widths), widths
        sizes = [px for _text, px in page.evaluate(PICTURE_TEXTS)]
        assert sizes and min(sizes) >= 27, min(sizes)
    finally:
        context.close()


def test_shared_supplier_matrix_names_its_anchors_without_overlap(browser) -> None:
    """Six anchors' names under the matrix, as wide as the Collaboration page draws it beside the sidebar at
    1280 px: no two names' boxes overlap ("Fennmouth Harbour Housing Co-op" ran into "Fennmouth Hospitals NHS")."""
    import plotly.io as pio
    import polars as pl

    from anchorspend.charts import shared_supplier_matrix

    names = [
        "Dogger Vale Homes",
        "Dogger Vale Police",
        "Fennmouth City Council",
        "Fennmouth Harbour Housing Co-operative",
        "Fennmouth Hospitals NHS Foundation Trust",
        "University of Fennmouth",
    ]
    pairs = pl.DataFrame(
        [dict(anchor_a=a, anchor_b=b, shared_suppliers=10, spend_gbp=1e6) for a in names for b in names if a < b]
    )
    fig = shared_supplier_matrix(pairs).update_layout(width=820)
    page = browser.new_page()
    try:
        page.set_content(pio.to_html(fig, include_plotlyjs=True, full_html=True))
        page.wait_for_selector(".xtick text")
        boxes = page.evaluate(
            "[...document.querySelectorAll('.xtick text')].map(t => { const r = t.getBoundingClientRect();"
            " return [t.textContent, r.left, r.right]; })"
        )
        assert len(boxes) == 6
        ordered = sorted(boxes, key=lambda b: b[1])
        for (one, _, right), (other, left, _) in zip(ordered, ordered[1:], strict=False):
            assert right <= left, f"{one!r} runs into {other!r}"
    finally:
        page.close()


def test_a_shared_link_reproduces_the_view_in_a_new_session(session, browser, server: str) -> None:
    page, _ = open_page(session, f"{server}/?period=2024-05&anchor=2", "Overview", "shared_link")
    values = headline_values(page)
    # The trust alone in May 2024 (tests/app_store.py): 500 local of 2,000.
    assert values["Local share"] == "25.0%" and values["Spend in scope"] == "£2,000"
    assert chosen(page, "Period") == "Month" and chosen(page, "Month") == "May 2024"
    assert "Alpha NHS Trust" in page.locator("[data-testid='stSidebar']").inner_text()
    click_nav(page, "Leakage")  # the view follows the user from page to page
    page.wait_for_url("**/leakage?*", timeout=timeout_ms())
    settle(page, heading_is("Leakage"))
    assert "period=2024-05" in page.url and "anchor=2" in page.url
    link = page.url
    fresh = browser.new_context(viewport={"width": 1366, "height": 900})  # a colleague opening the link
    try:
        other, _ = open_page(fresh, link, "Leakage", "shared_link_leakage")
        assert headline_values(other) == headline_values(page)
        assert chosen(other, "Month") == "May 2024"
    finally:
        fresh.close()


# A cold page that drew any chart in Plotly has fetched Streamlit's 4.7 MB Plotly chunk.
PLOTLY_LOADED = "performance.getEntriesByType('resource').some(r => r.name.includes('PlotlyChart'))"
# Every chart picture's width on screen over its own width (1: shown at its own size, its text at its own px).
PICTURE_SCALES = (
    "[...document.querySelectorAll('[data-testid=\"stMain\"] img.chart')]"
    ".map(i => i.getBoundingClientRect().width / i.naturalWidth)"
)


def test_normal_mode_charts_are_pictures_at_their_own_size_until_explored(browser, server: str) -> None:
    """At a desk (1280 px, sidebar open) a cold Overview draws its charts as pictures at their own size, without
    fetching Plotly; "Explore this chart" draws that chart in Plotly, which answers the pointer."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(timeout_ms())
    try:
        page, _ = open_page(context, f"{server}/", "Overview", "normal_pictures")
        assert page.locator("[data-testid='stSidebar']").get_attribute("data-collapsed") != "true"
        assert page.evaluate(PICTURE_SCALES) == [1, 1, 1]
        assert page.locator("[data-testid='stPlotlyChart']").count() == 0 and not page.evaluate(PLOTLY_LOADED)
        page.get_by_text("Explore this chart").nth(1).click()  # the anchors side by side
        settle(page, "document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .main-svg').length > 0")
        assert page.locator("[data-testid='stMain'] img.chart").count() == 2 and page.evaluate(PLOTLY_LOADED)
        chart = page.locator("[data-testid='stPlotlyChart']")
        chart.scroll_into_view_if_needed()
        bar = chart.locator(".point path").first.bounding_box()  # the trust's local share (tests/app_store.py:
        assert bar is not None  # 500 of 2,000); Plotly answers the pointer over its own drag layer
        page.mouse.move(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        page.wait_for_function("document.querySelector('.hoverlayer .hovertext') !== null", timeout=timeout_ms())
        assert "Alpha NHS Trust" in page.locator(".hoverlayer").text_content()
        assert "25.0%" in page.locator(".hoverlayer").text_content()
    finally:
        context.close()


def test_period_changes_with_the_keyboard_only(session, server: str) -> None:
    page, _ = open_page(session, f"{server}/", "Overview", "keyboard_before")
    for _ in range(60):  # Tab through the page to the period box, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Period":
            break
    else:
        pytest.fail("the Period box cannot be reached with Tab")
    page.keyboard.type("Month")
    page.keyboard.press("Enter")
    settle(page, "document.querySelector('input[aria-label=\"Month\"]') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Month"
    page.keyboard.type("May 2024")
    page.keyboard.press("Enter")
    page.wait_for_url("**period=2024-05**", timeout=timeout_ms())
    settle(page, "document.querySelector('[data-testid=\"stMain\"]').innerText.includes('May 2024')")
    # Both anchors, one month: 4,150 (council) + 2,000 (trust).
    assert headline_values(page)["Spend in scope"] == "£6,150"
    screenshot_whole(page, ARTIFACTS / "keyboard_after.png")
    assert_no_failure(page, "keyboard_after")


def test_upload_a_spend_file_and_see_the_load_report(session, server: str, tmp_path: Path) -> None:
    # March 2024: inside the loaded span, outside the other tests' periods (FY 2024-25, baseline Apr-Sep 2023)
    spend = tmp_path / "council-2024-03.csv"
    spend.write_text(
        "Payment Date,Supplier Name,Net Amount,Expense Type\n"
        '15/03/2024,Local Builders Ltd,"1,250.00",Works\n'
        "16/03/2024,Beta Catering CIC,300.00,Catering\n"
        "not a date,Gamma Construction PLC,10.00,Works\n",
        encoding="utf-8",
    )
    page, _ = open_page(session, f"{server}/data", "Data", "data_before_upload")
    page.locator("[data-testid='stFileUploaderDropzoneInput']").first.set_input_files(str(spend))
    load = page.get_by_role("button", name="Load the file")
    load.wait_for(timeout=timeout_ms())
    settle(page)
    load.click()
    settle(
        page,
        "['rows loaded for', 'not loaded', 'could not be shown'].some(t => "
        "document.querySelector('[data-testid=\"stMain\"]').innerText.includes(t))",
    )
    screenshot_whole(page, ARTIFACTS / "data_after_upload.png")
    text = assert_no_failure(page, "data_after_upload")
    assert "2 of 3 rows loaded for Alpha Council" in text and "Rejected" in text


def open_supplier(context, server: str, search: str, name: str):
    """Search the Suppliers page, tick the first organisation found, wait for its detail; (page, its text)."""
    page, _ = open_page(context, f"{server}/suppliers?supplier_q={search}", "Suppliers", "suppliers_search")
    grid = page.locator("[data-testid='stDataFrame']").first
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 55)  # the first row's tick box, under the heading row
    headings = "[...document.querySelectorAll('[data-testid=\"stMain\"] h3')]"
    detail = f"{headings}.some(h => h.innerText === {name!r})"
    settle(page, f"{heading_is('Suppliers')} && {detail}")  # its own heading: the review tab has h3s too
    screenshot_whole(page, ARTIFACTS / "suppliers_detail.png")
    return page, assert_no_failure(page, "suppliers_detail")


def test_every_headline_reads_whole_on_a_1280_px_screen(browser, tmp_path: Path) -> None:
    """No headline card's label or value ends in an ellipsis at 1280 px, the sidebar open (workshop mode is checked
    at a projector's 1280 x 720 above), a supplier's cards included: on a store whose suppliers are located by
    register branches, "Located by: register bra…" was cut."""
    store = app_store.add_evidence(app_store.build(tmp_path / "store.duckdb"))
    with serve(store, tmp_path / "streamlit.log") as server:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(timeout_ms())
        try:
            cards = grids = 0
            for path, _nav, title, _plain in PAGES:
                page, _ = open_page(context, f"{server}/{path}", title, f"at_1280_{path or 'overview'}")
                assert page.evaluate(CARDS_CUT) == [], f"{path or 'overview'} at 1280 px"
                assert clipped(page) == [], f"{path or 'overview'} at 1280 px: text cut"
                # every column of every table in view, none cut at the table's edge (the Source, Sector, Spend)
                assert page.evaluate(GRIDS_CUT) == [], f"{path or 'overview'} at 1280 px: a table's columns cut"
                grids += page.evaluate(GRIDS_SEEN)
                cards += page.locator("[data-testid='stMetric']").count()
                page.close()
            page, _ = open_supplier(context, server, "gamma", "Gamma Construction PLC")
            screenshot_whole(page, ARTIFACTS / "at_1280_supplier.png")
            assert page.evaluate(CARDS_CUT) == [], "a supplier's cards at 1280 px"
            shown = headline_values(page)
            assert shown["Located by"] == "register branch"
            assert cards + len(shown) > 10 and grids >= 8, (cards, grids)  # the checks looked at real ones
        finally:
            context.close()


def test_a_suppliers_payments_download_is_named_for_it_and_opens(session, server: str, tmp_path: Path) -> None:
    """Find a supplier, tick it, download its payments as XLSX and the search as CSV, and open both."""
    import csv
    import io

    from openpyxl import load_workbook

    page, text = open_supplier(session, server, "gamma", "Gamma Construction PLC")
    assert "Gamma Construction PLC" in text and "Payments" in text
    with page.expect_download() as download:
        page.get_by_role("button", name="Download XLSX").last.click()  # the last table is the payments'
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("Gamma-Construction-PLC-payments_")  # named for the supplier, not an id
    book = load_workbook(saved)
    about = {r[0]: r[1] for r in book[book.sheetnames[0]].iter_rows(values_only=True) if r[0]}
    assert about["Table"] == "Gamma Construction PLC: payments"
    rows = list(book[book.sheetnames[-1]].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if "Amount (£)" in r)  # the heading row, under any title rows
    paid = [r[rows[at].index("Amount (£)")] for r in rows[at + 1 :] if r[0]]
    # By hand (tests/app_store.py): £2,000 a month from the council and £1,500 from the trust, Apr-Sep 2024.
    assert sorted(paid) == [1500.0] * 6 + [2000.0] * 6
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").first.click()  # the search results
    lines = download.value.path().read_text("utf-8-sig").splitlines()
    table = [line for line in lines if not line.lstrip('"').startswith("#")]  # the "# Table: ..." notes above
    found = list(csv.DictReader(io.StringIO("\n".join(table))))
    # the column says the money is every loaded month's (the file's period line names the sidebar's year)
    assert float(found[0]["Paid all months (£)"]) == 33_000 and found[0]["Name"] == "Gamma Construction PLC"


def outside_requests(context) -> list[str]:
    """Start recording every request the pages make to a host other than this machine (and refuse it)."""
    seen: list[str] = []

    def check(route) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost", "::1"):
            route.continue_()
        else:
            seen.append(route.request.url)
            route.abort()

    context.route("**/*", check)
    return seen


def test_no_request_leaves_the_machine(session, server: str) -> None:
    """Fonts, icons, maps and the favicon all come from the app's own server, in both modes."""
    seen = outside_requests(session)
    for path, _nav, title, plain in PAGES:
        page, _ = open_page(session, f"{server}/{path}", title, f"offline_{path or 'overview'}")
        if path == "map":  # every map tab draws its map
            for tab_name in ("Inside the local area", "Suppliers", "Collaboration"):
                page.get_by_role("tab", name=tab_name).click()
                settle(page, CHARTS_DRAWN)
        page.close()
        if plain:
            page, _ = open_page(session, f"{server}/{path}?mode=workshop", plain, f"offline_workshop_{path}")
            page.close()
    assert seen == []


@pytest.mark.parametrize(
    ("anchor", "shown"),
    [
        ("[Session expired - sign in again](https://evil.example/login)", "[Session expired - sign in again]"),
        ("![t](http://198.51.100.7/track.png)", "![t](http://198.51.100.7/track.png)"),
    ],
)
def test_a_link_parameter_is_shown_as_text_never_as_a_link_or_image(session, server: str, anchor, shown) -> None:
    seen = outside_requests(session)
    page = session.new_page()
    page.goto(f"{server}/?{urlencode({'anchor': anchor})}", wait_until="commit")
    settle(page, heading_is("Overview"))
    warning = page.locator("[data-testid='stSidebar'] [data-testid='stAlert']").inner_text()
    assert shown in warning.replace("\u2060", "")  # the text as typed (invisible word joiners aside)
    assert page.locator("a[href*='evil.example'], img[src*='198.51.100.7']").count() == 0
    assert seen == []


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def test_no_accessibility_violations_on_any_page_in_either_mode(session, server: str) -> None:
    """axe-core's WCAG 2.1 AA rules on every page, and on every workshop page at a projector's 1280x720."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = []
    for query, size in (("", {"width": 1366, "height": 900}), ("?mode=workshop", {"width": 1280, "height": 720})):
        for path, _nav, title, plain in PAGES:
            heading = plain if query else title
            if heading is None:
                continue
            page, _ = open_page(session, f"{server}/{path}{query}", heading, f"axe_{path or 'overview'}{query[1:6]}")
            page.set_viewport_size(size)
            violations = axe.run(page, options={**WCAG_AA, "resultTypes": ["violations"]}).response["violations"]
            found += [f"{path or 'overview'}{query}: {v['id']} at {v['nodes'][0]['target']}" for v in violations]
            page.close()
    assert found == []
