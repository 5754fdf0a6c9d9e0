"""The Data page through AppTest, as a procurement lead uses it: upload, map, load, correct, import, edit."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems, rows, sign_in
from streamlit.testing.v1 import AppTest

from anchorspend.view import gbp, pct

DATA = "pages/data.py"
# A layout no built-in synonym knows: the date, the payee and the amount must be mapped by hand.
ODD_HEADER = b"When,Paid to,Value,What for\n"
ODD = ODD_HEADER + (
    b"03/06/2024,Acme Widgets Ltd,120.50,Stationery\n"
    b"04/06/2024,Local Builders Ltd,1000,Works\n"
    b"not a date,Broken Ltd,5,Nothing\n"
)
MAPPED = {"paid_on": "When", "supplier": "Paid to", "description": "What for"}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.build(tmp_path_factory.mktemp("data") / "store.duckdb")


@pytest.fixture
def store(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the hand-made store per test: these tests change it."""
    return app_store.use_copy(template, tmp_path, monkeypatch)


def upload(at: AppTest, name: str, data: bytes, key: str = "spend_upload") -> AppTest:
    return at.file_uploader(key=key).set_value((name, data, "text/csv")).run()


def map_columns(at: AppTest, mapping: dict[str, str]) -> AppTest:
    for field, column in mapping.items():
        next(s for s in at.selectbox if s.key and s.key.endswith(f"_{field}")).set_value(column)
    return at.run()


def files(store: Path) -> list[tuple]:
    return rows(store, "select name, status, rows_loaded from source_files order by file_id")


def test_unknown_layout_is_mapped_loaded_and_remembered(store: Path) -> None:
    at = open_page(store, DATA)
    at.selectbox(key="load_anchor").set_value("New anchor…").run()
    at.text_input(key="new_anchor").input("Gamma Homes").run()
    at.selectbox(key="new_kind").set_value("housing").run()
    upload(at, "odd.csv", ODD)
    assert not problems(at)
    # Only the amount is known by its name ('Value'): the date and the payee are found by what their columns
    # hold, and the page shows that guess pre-filled; the person adds the description.
    assert not at.warning and not at.button(key="load_go").disabled
    assert any("what they hold" in app_store.shown(m.value) for m in at.markdown)
    map_columns(at, MAPPED)
    assert not at.warning and not at.button(key="load_go").disabled
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith("odd.csv: 2 of 3 rows loaded for Gamma Homes")
    assert any("Check its months on 'Coverage'" in c.value for c in at.caption)  # what to do next
    assert {m.label: m.value for m in at.metric} == {
        "Rows read": "3",
        "Loaded": "2",
        "Rejected": "1",
        "Duplicates of other files": "0",
    }
    rejected = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(rejected["row"]) == [4] and "date" in rejected["reason"][0]
    assert "Broken Ltd" in rejected["as read"][0]
    # In the store: the new anchor, its two payments (£120.50 + £1,000), the layout as the person mapped it.
    assert rows(
        store,
        "select a.kind, count(*), sum(p.amount_gbp) from payments p join anchors a using (anchor_id)"
        " where a.name = 'Gamma Homes' group by all",
    ) == [("housing", 2, Decimal("1120.50"))]
    (mapping,) = rows(store, "select mapping_json from layouts where mapped_by = 'user'")[0]
    assert json.loads(mapping) == {**MAPPED, "amount": "Value"}
    # The load is logged as the app's user, not as whoever runs the server.
    assert rows(store, "select changed_by from change_log where action = 'ingest' order by change_id")[-1] == (
        "app:local",
    )
    # A new session, the next month's file of the same layout: no questions, it just loads.
    at = open_page(store, DATA)
    at.selectbox(key="load_anchor").set_value("Gamma Homes").run()
    upload(at, "odd_july.csv", ODD_HEADER + b"05/07/2024,Acme Widgets Ltd,99,Stationery\n")
    assert not at.warning and not at.button(key="load_go").disabled
    assert any("as you mapped this layout before" in m.value for m in at.markdown)
    at.button(key="load_go").click().run()
    assert app_store.shown(at.success[0].value).startswith("odd_july.csv: 1 of 1 rows loaded for Gamma Homes")


def test_reloading_the_same_file_changes_nothing(store: Path) -> None:
    at = open_page(store, DATA)
    upload(at, "odd.csv", ODD)
    map_columns(at, MAPPED)
    at.button(key="load_go").click().run()
    before = rows(store, "select value from store_meta where key = 'version'"), files(store)
    at = open_page(store, DATA)  # the same bytes again, under another name, in another session
    upload(at, "odd (1).csv", ODD)
    map_columns(at, MAPPED)
    at.button(key="load_go").click().run()
    assert not problems(at)
    (again,) = [app_store.shown(i.value) for i in at.info if "already loaded" in i.value]
    assert "already loaded for Alpha Council" in again and "nothing changed" in again
    assert (rows(store, "select value from store_meta where key = 'version'"), files(store)) == before


BIG = 1024 * 1024 + 1


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.csv", b"", "empty.csv is empty"),
        ("blank.csv", b"\r\n \r\n", "blank.csv is empty"),
        ("report.xlsx", b"Date,Supplier,Amount\n", "is not an Excel workbook"),
        ("broken.xlsx", b"PK\x03\x04" + bytes(200), "could not open the workbook"),
        ("photo.csv", bytes(range(256)) * 8, "not a text CSV file"),
        ("letter.csv", b"Dear supplier,\n\nThank you for your invoice.\n", "has no header row"),
        ("big.csv", ODD_HEADER + b"x" * BIG, "the limit is 1 MB"),
    ],
)
def test_bad_uploads_are_refused_clearly(store: Path, name: str, data: bytes, says: str) -> None:
    at = AppTest.from_file(app_store.APP, default_timeout=60)
    at.secrets["upload_limit_mb"] = 1  # a deployment's lower limit, so the test need not send 100 MB
    at.run()
    at.switch_page(app_store.page(DATA)).run()
    upload(at, name, data)
    if any(b.key == "load_go" and not b.disabled for b in at.button):  # some problems show on loading
        at.button(key="load_go").click().run()
    assert not at.exception
    assert any(says in app_store.shown(e.value) for e in at.error), [app_store.shown(e.value) for e in at.error]
    assert all(app_store.shown(e.value).startswith(("Not loaded", "Nothing loaded")) for e in at.error)
    assert files(store) == [("Alpha Council.csv", "active", 10), ("Alpha NHS Trust.csv", "active", 10)]


def test_a_new_anchor_spelt_like_an_existing_one_is_refused(store: Path) -> None:
    at = open_page(store, DATA)
    at.selectbox(key="load_anchor").set_value("New anchor…").run()
    at.text_input(key="new_anchor").input("ALPHA council ").run()
    upload(at, "june.csv", b"Date,Supplier,Amount\n03/06/2024,Acme Ltd,100\n")
    assert [app_store.shown(e.value) for e in at.error] == [
        "Not loaded: Alpha Council is already an anchor; choose it in the list."
    ]
    assert not any(b.key == "load_go" for b in at.button)


def test_a_file_whose_rows_are_all_rejected_is_not_kept(store: Path) -> None:
    at = open_page(store, DATA)
    # Dates before 1990 are out of bounds: every row is rejected, so the load fails and stores nothing.
    upload(at, "bad.csv", b"Date,Supplier,Amount\n01/06/1984,Acme Ltd,12\n02/06/1984,,5\n")
    at.button(key="load_go").click().run()
    assert not at.exception
    shown = app_store.shown(at.error[0].value)
    assert "Not loaded: bad.csv. nothing to load: all 2 rows were rejected" in shown
    assert "bad.csv" not in [name for name, *_ in files(store)]
    # ...so the corrected file of the same name loads.
    upload(at, "bad.csv", b"Date,Supplier,Amount\n28/02/2024,Acme Ltd,12\n")
    at.button(key="load_go").click().run()
    assert app_store.shown(at.success[0].value).startswith("bad.csv: 1 of 1 rows loaded")


def test_a_utf16_export_loads_with_its_accents(store: Path) -> None:
    at = open_page(store, DATA)
    text = "Date,Supplier,Amount\n01/06/2024,Café Crème Ltd,£12.50\n"
    upload(at, "unicode.csv", text.encode("utf-16"))
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert rows(store, "select supplier_raw, amount_gbp from payments where supplier_raw like 'Caf%'") == [
        ("Café Crème Ltd", Decimal("12.50"))
    ]


def test_replace_then_remove_a_file(store: Path) -> None:
    at = open_page(store, DATA)
    upload(at, "june.csv", b"Date,Supplier,Amount\n03/06/2024,Acme Ltd,100\n04/06/2024,Acme Ltd,50\n")
    at.button(key="load_go").click().run()
    (june,) = rows(store, "select file_id from source_files where name = 'june.csv'")[0]
    # The publisher re-issues June: the new file replaces the old one.
    at = open_page(store, DATA)
    at.selectbox(key="load_replaces").set_value(june).run()
    upload(at, "june_v2.csv", b"Date,Supplier,Amount\n03/06/2024,Acme Ltd,100\n04/06/2024,Acme Ltd,70\n")
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert files(store)[-2:] == [("june.csv", "replaced", 2), ("june_v2.csv", "active", 2)]
    assert rows(store, "select sum(amount_gbp) from payments where supplier_raw = 'Acme Ltd'") == [(Decimal("170.00"),)]
    # Then it turns out to be the wrong anchor's file: remove it.
    (v2,) = rows(store, "select file_id from source_files where name = 'june_v2.csv'")[0]
    at = open_page(store, DATA)
    at.selectbox(key="remove_file").set_value(v2).run()
    at.checkbox(key="remove_sure").check().run()
    at.button(key="remove_go").click().run()
    assert not problems(at)
    assert f"File {v2} removed (2 payments)." in [app_store.shown(s.value) for s in at.success]
    assert files(store)[-1] == ("june_v2.csv", "removed", 2)
    assert rows(store, "select count(*) from payments where supplier_raw = 'Acme Ltd'") == [(0,)]
    log = rows(store, "select action, changed_by from change_log order by change_id")
    assert log[-1] == ("files.remove", "app:local") and ("files.replace", "app:local") in log


def test_coverage_grid(store: Path) -> None:
    at = open_page(store, DATA)
    # Months down the side, anchors across: every month on screen without scrolling sideways.
    grid = next(d.value for d in at.dataframe if "Alpha Council" in d.value.columns).set_index("month")
    # By hand from tests/app_store.py: the council pays 1000+500+2000+300+200+100+50 a month in 2024,
    # 500+500+2000+300+100+100+50 a month in 2023; the trust 400+1500+100 from April 2024 only.
    assert grid.loc["2024-04", "Alpha Council"] == 4_150 and grid.loc["2023-04", "Alpha Council"] == 3_550
    assert grid.loc["2024-09", "Alpha NHS Trust"] == 2_000
    assert grid.loc[["2023-04", "2024-03"], "Alpha NHS Trust"].isna().all()  # nothing published then
    assert list(grid.index) == sorted(grid.index) and grid.index[0] == "2023-04"


def test_imports_locate_a_supplier_and_move_the_local_share(store: Path) -> None:
    """A postcode directory, then a register that places every supplier: Unknown Co Ltd turns out local."""
    at = open_page(store, DATA)
    at.radio(key="import_kind").set_value("geography").run()
    upload(at, "nspl.csv", app_store.nspl_text().encode(), key="import_geography")
    at.button(key="import_go").click().run()
    assert not problems(at)
    assert "nspl.csv: postcodes — 4 read, 4 loaded" in app_store.shown(at.success[0].value)
    at.radio(key="import_kind").set_value("register").run()
    register = app_store.REGISTER + "Unknown Co Ltd,AL1 1AA,01000004,,62020,3\n"
    upload(at, "register.csv", register.encode(), key="import_register")
    at.button(key="import_go").click().run()
    assert not problems(at)
    assert "register.csv: 5 register entries." in app_store.shown(at.success[0].value)
    assert rows(store, "select district_code from suppliers where name = 'Unknown Co Ltd'") == [("E07000001",)]
    at.switch_page(app_store.page("overview")).run()
    # Unknown Co's £300 a month for six months joins the local £10,200 of £36,900.
    assert {m.label: m.value for m in at.metric}["Local share"] == pct(12_000 / 36_900)
    log = rows(store, "select action, changed_by from change_log order by change_id")
    assert ("geo.import", "app:local") in log and ("suppliers.import", "app:local") in log


@pytest.mark.parametrize(
    ("kind", "name", "data", "says"),
    [
        ("register", "notes.csv", b"Postcode,Employees\nM5 4WT,3\n", "no supplier name column"),
        ("register", "damaged.xlsx", b"PK\x03\x04" + bytes(100), "damaged or not really .xlsx"),
        ("contracts", "list.csv", b"x,y\n1,2\n", "not a contracts register"),
        ("geography", "junk.csv", b"a,b\n1,2\n", "not a boundary, postcode, centroid or IMD file"),
        ("assumptions", "bad.toml", b"[[payroll\nx=1", "not valid TOML"),
        ("assumptions", "empty.toml", b"# nothing\n", "holds no assumptions"),
    ],
)
def test_an_import_of_the_wrong_file_says_why(store: Path, kind: str, name: str, data: bytes, says: str) -> None:
    at = open_page(store, DATA)
    at.radio(key="import_kind").set_value(kind).run()
    upload(at, name, data, key=f"import_{kind}")
    at.button(key="import_go").click().run()
    assert not at.exception
    assert app_store.shown(at.error[0].value).startswith("Not imported:") and says in app_store.shown(at.error[0].value)


def test_rules_edit_is_logged_with_who_and_old_and_new(store: Path) -> None:
    at = open_page(store, DATA, password="correct horse")
    sign_in(at, "correct horse")
    rules = at.data_editor(key="edit_influenceable_rules").value
    public = int(rules.index[rules["pattern"] == "public"][0])
    at.session_state["edit_influenceable_rules"] = {
        "edited_rows": {public: {"enabled": False}},
        "added_rows": [
            {"applies_to": "supplier_name", "pattern": "(?i)gamma", "reason": "a framework", "enabled": True}
        ],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_influenceable_rules").click().run()
    assert not problems(at)
    assert "Saved: 2 row(s) changed" in app_store.shown(at.success[0].value)
    log = next(d.value for d in at.dataframe if "changed_by" in d.value.columns)
    edits = log[log["action"].str.startswith("Influenceable rules")]  # newer lines: the refresh the edit asked for
    update, add = edits.iloc[1], edits.iloc[0]
    assert (add["changed_by"], add["action"]) == ("admin", "Influenceable rules: add")  # in words
    assert json.loads(add["new_value"])["pattern"] == "(?i)gamma"
    assert update["action"] == "Influenceable rules: update" and update["target"] == f"rule_id={public + 1}"
    assert json.loads(update["old_value"])["enabled"] is True and json.loads(update["new_value"])["enabled"] is False
    assert str(update["changed_at"]).startswith(date.today().isoformat())
    # Gamma Construction's £21,000 now falls outside influenceable spend: 36,900 - 21,000 in scope.
    at.switch_page(app_store.page("overview")).run()
    assert {m.label: m.value for m in at.metric}["Spend in scope"] == gbp(15_900)


def test_a_rate_without_a_source_is_not_saved(store: Path) -> None:
    at = open_page(store, DATA)
    at.session_state["edit_respend_rates"] = {
        "edited_rows": {},
        "added_rows": [{"org_type": "sme", "sic_division": "41", "supplier_tier": "local", "rate": 0.5}],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_respend_rates").click().run()
    assert not at.exception
    assert "Not saved: respend_rates: a row has no source" in app_store.shown(at.error[0].value)


def test_a_fresh_machine_loads_its_first_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No store yet: every tab still shows (the coverage tab used to stop the page), and loading makes one."""
    store = tmp_path / "new.duckdb"
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    at = open_page(store, DATA)
    assert not problems(at)
    assert at.radio(key="import_kind") and at.data_editor  # the tabs after Coverage are drawn
    at.selectbox(key="load_anchor").set_value("New anchor…").run()
    at.text_input(key="new_anchor").input("First Council").run()
    upload(at, "first.csv", b"Date,Supplier,Amount\n01/06/2024,Acme Ltd,10\n")
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith("first.csv: 1 of 1 rows loaded for First Council")
    # The sidebar, drawn before the load, is drawn again with the new month (it said "No data yet").
    assert [i.value for i in at.sidebar.info] == []
    assert at.sidebar.selectbox(key="fy").value == "2024-25"
    assert any("period, 2024-25" in app_store.shown(c.value) for c in at.caption)
    # No place yet: the next step says why the local share will read 0% and what to do.
    assert any("No place is set" in app_store.shown(i.value) for i in at.info)
    assert not any("fictional place" in i.value for i in at.info)  # a real store: no word about the demo
    at.switch_page(app_store.page("overview")).run()
    assert {m.label: m.value for m in at.metric}["Spend in scope"] == gbp(10)


def test_a_file_outside_the_sidebars_period_says_how_to_see_it(store: Path) -> None:
    """A back-filled year: the sidebar shows the newest year, which holds none of the file's payments."""
    at = open_page(store, DATA)
    # The hand-made store's place is fictional, as the demo's is: a real file would be pooled with made-up ones.
    (demo,) = [app_store.shown(i.value) for i in at.info if "fictional place" in i.value]
    assert "fictional place (Testshire)" in demo and "ANCHORSPEND_DB=data/myplace.duckdb" in demo
    shown_before = at.sidebar.selectbox(key="fy").value
    upload(at, "2019.csv", b"Date,Supplier,Amount\n03/06/2019,Acme Ltd,10\n04/02/2020,Acme Ltd,5\n")
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith("2019.csv: 2 of 2 rows loaded")
    assert shown_before != "2019-20" and at.sidebar.selectbox(key="fy").value == shown_before
    (note,) = [app_store.shown(i.value) for i in at.info if "holds none of these payments" in i.value]
    assert "choose financial year 2019-20 under Period" in note
    at.button(key="load_show_period").click().run()
    assert at.sidebar.selectbox(key="fy").value == "2019-20"
    assert not [i for i in at.info if "holds none of these payments" in i.value]
    assert any("period, 2019-20" in app_store.shown(c.value) for c in at.caption)
    assert "No place is set" not in " ".join(i.value for i in at.info)  # the hand-made store has a place


def test_a_workbook_loads_every_sheet_by_default(store: Path) -> None:
    at = open_page(store, DATA)
    data = (Path(__file__).parent / "files" / "two_trusts.xlsx").read_bytes()
    at.file_uploader(key="spend_upload").set_value(("two_trusts.xlsx", data, "application/octet-stream")).run()
    assert at.selectbox(key="load_sheet").options == ["Every sheet", "North Trust", "South Trust"]
    at.button(key="load_go").click().run()
    assert not problems(at)
    # By hand from the workbook: North 30,000.50 and -25,000 (a credit); South 26,000 and a 'TBC' amount.
    assert app_store.shown(at.success[0].value).startswith("two_trusts.xlsx: 3 of 4 rows loaded")
    assert "£31,000.50" in app_store.shown(at.success[0].value)
    sheets = next(d.value for d in at.dataframe if "loaded" in d.value.columns).set_index("sheet")
    assert sheets["loaded"].to_dict() == {"North Trust": 2, "South Trust": 1}
    assert any(c.value.startswith("Sheet skipped: Notes") for c in at.caption)


def test_an_overlapping_file_reports_its_duplicates(store: Path) -> None:
    """A month published twice in two files: the repeated rows are reported, not counted twice."""
    at = open_page(store, DATA)
    upload(at, "q1.csv", b"Date,Supplier,Amount\n03/06/2024,Acme Ltd,100\n04/07/2024,Acme Ltd,50\n")
    at.button(key="load_go").click().run()
    upload(at, "july.csv", b"Date,Supplier,Amount\n04/07/2024,Acme Ltd,50\n05/07/2024,Acme Ltd,25\n")
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert {m.label: m.value for m in at.metric}["Duplicates of other files"] == "1"
    reasons = next(d.value for d in at.dataframe if "reason" in d.value.columns)["reason"]
    (q1,) = rows(store, "select file_id from source_files where name = 'q1.csv'")[0]
    assert list(reasons) == [f"duplicate of file {q1} row 3"]
    assert rows(store, "select sum(amount_gbp) from payments where supplier_raw = 'Acme Ltd'") == [(Decimal("175.00"),)]


def test_a_rate_edit_moves_the_lm3(store: Path) -> None:
    at = open_page(store, "pages/multiplier.py")
    label = "procurement-only LM3"  # no payroll in the hand-made store
    # Procurement only (no payroll in the store): LM3 = (R1 + R2 + R2 x r_local) / R1, with R1 the 36,900 in
    # scope and R2 the 10,200 paid to local suppliers; the default r_local is 0.76.
    assert {m.label: m.value for m in at.metric}[label] == f"{(36_900 + 10_200 * 1.76) / 36_900:.2f}"
    at.switch_page(app_store.page(DATA)).run()
    rates = at.data_editor(key="edit_respend_rates").value
    local = int(rates.index[(rates["org_type"] == "*") & (rates["supplier_tier"] == "local")][0])
    at.session_state["edit_respend_rates"] = {
        "edited_rows": {local: {"rate": 0.5, "source": "Our 2024 supplier survey"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.button(key="save_respend_rates").click().run()
    assert not problems(at)
    at.switch_page(app_store.page("multiplier")).run()
    assert {m.label: m.value for m in at.metric}[label] == f"{(36_900 + 10_200 * 1.5) / 36_900:.2f}"
    (change,) = rows(store, "select target, old_value, new_value from change_log where action = 'respend_rates.update'")
    assert change[0] == "org_type=*, sic_division=*, supplier_tier=local"
    assert json.loads(change[1])["rate"] == 0.76 and json.loads(change[2])["rate"] == 0.5


def test_contracts_and_assumptions_imports(store: Path) -> None:
    app_store.add_evidence(store)  # the refresh after an import keeps every supplier where it is
    at = open_page(store, DATA)
    at.radio(key="import_kind").set_value("contracts").run()
    at.selectbox(key="import_anchor").set_value(app_store.TRUST).run()
    contracts = (
        b"Contract Reference,Contract Title,Supplier Name,Start Date,End Date,Total Contract Value\n"
        b"T-1,Patient meals,Beta Catering CIC,01/04/2024,31/03/2026,120000\n"
    )
    upload(at, "trust_contracts.csv", contracts, key="import_contracts")
    at.button(key="import_go").click().run()
    assert not problems(at)
    assert "trust_contracts.csv: 1 contracts." in app_store.shown(at.success[0].value)
    assert rows(
        store,
        "select a.name, c.title from contracts c join anchors a using (anchor_id) where reference = 'T-1'",
    ) == [(app_store.TRUST, "Patient meals")]
    at.button(key="import_go").click().run()  # the same file again
    assert "trust_contracts.csv: already imported, nothing changed." in app_store.shown(at.success[0].value)
    at.radio(key="import_kind").set_value("assumptions").run()
    toml = "".join(
        f'[[payroll]]\nanchor = "{anchor}"\nyear_from = 2024-04-01\npayroll_gbp = 36500\n'
        "staff_local_share = 0.5\nstaff_respend_rate = 0.4\n"
        for anchor in (app_store.COUNCIL, app_store.TRUST)
    )
    upload(at, "payroll.toml", toml.encode(), key="import_assumptions")
    at.button(key="import_go").click().run()
    assert not problems(at)
    assert "payroll.toml: 2 payroll." in app_store.shown(at.success[0].value)
    at.switch_page(app_store.page("multiplier")).run()
    # By hand: 168 of the year's 365 days are in the period (1 Apr - 15 Sep 2024), so each anchor's payroll
    # counts 36,500 x 168 / 365 = 16,800, half of it paid to local staff who re-spend 40% of it.
    r1 = 36_900 + 2 * 16_800
    r2 = 10_200 + 2 * 8_400
    r3 = 10_200 * 0.76 + 2 * 8_400 * 0.4
    assert {m.label: m.value for m in at.metric}["LM3"] == f"{(r1 + r2 + r3) / r1:.2f}"
    assert not any("procurement-only" in app_store.shown(i.value) for i in at.info)  # payroll is in now
    log = rows(store, "select action, changed_by from change_log order by change_id")
    assert ("contracts.import", "app:local") in log and ("assumptions.import", "app:local") in log


def test_a_layout_with_no_known_column_says_it_was_recognised_by_content(store: Path) -> None:
    at = open_page(store, DATA)
    assert "No sign-in is set up" in app_store.shown(at.caption[0].value)  # not "signed in as local"
    upload(at, "odd.csv", b"When,Who we paid,How much\n03/06/2024,Acme Widgets Ltd,120.50\n")
    assert not at.exception
    said = " ".join(app_store.shown(m.value) for m in at.markdown)
    assert "recognised by what they hold" in said and "recognised by their names" not in said


def test_load_report_and_files_list_leave_out_empty_and_internal_columns(store: Path) -> None:
    """A CSV has no sheets and a first file replaces nothing: no column of blanks, no content hash."""
    at = open_page(store, DATA)
    upload(at, "odd.csv", ODD)
    map_columns(at, MAPPED)
    at.button(key="load_go").click().run()
    rejected = next(d.value for d in at.dataframe if "reason" in d.value.columns)
    assert list(rejected.columns) == ["row", "reason", "as read"]
    at = open_page(store, DATA)
    listed = next(d.value for d in at.dataframe if "rows_loaded" in d.value.columns)
    assert not {"sha256", "kind", "sheet", "replaced_by"} & set(listed.columns)
    assert listed.set_index("name").loc["odd.csv", "rows_loaded"] == 2


def test_change_log_reads_in_words(store: Path) -> None:
    """The hand-made store's load was logged from the command line as action 'ingest' by 'cli:test'."""
    log = next(d.value for d in open_page(store, DATA).dataframe if "changed_by" in d.value.columns)
    loaded = log[log["action"] == "File loaded"]  # the first line is the store's defaults going in, in words too
    assert loaded["changed_by"].to_list() == ["command line: test"]
    assert log["action"].iloc[-1] == "Default assumptions set"


def test_a_binary_file_named_csv_is_refused_in_words_on_imports(store: Path) -> None:
    """The geography reader would echo the file's bytes back as its 'columns'; the page says what it is."""
    at = open_page(store, DATA)
    at.radio(key="import_kind").set_value("geography").run()
    upload(at, "nspl.csv", b"\x00\x01garbage\x02\x03 binary\n\xff\xfe", key="import_geography")
    at.button(key="import_go").click().run()
    assert not at.exception and not at.success
    assert app_store.shown(at.error[0].value) == (
        "Not imported: nspl.csv is not a text CSV file (it holds binary data): save it as CSV."
    )


def test_a_text_pdf_loads_from_the_data_page(store: Path, tmp_path: Path) -> None:
    from tests.pdf_helpers import payments, spend_pdf

    printed = payments(12)
    data = spend_pdf(tmp_path / "payments.pdf", printed).read_bytes()
    at = open_page(store, DATA)
    at.file_uploader(key="spend_upload").set_value(("payments.pdf", data, "application/pdf")).run()
    assert not problems(at)
    at.button(key="load_go").click().run()
    assert not problems(at)
    assert app_store.shown(at.success[0].value).startswith(
        f"payments.pdf: {len(printed)} of {len(printed)} rows loaded"
    )
    total = sum(p.amount for p in printed)
    assert rows(
        store,
        "select sum(amount_gbp) from payments p join source_files f using (file_id) where f.name = 'payments.pdf'",
    ) == [(total,)]


def test_the_columns_the_totals_rest_on_are_named_before_the_load(store: Path) -> None:
    """A real council file (Hyndburn, December 2025, spacer columns): which column is the date, the amount and the
    payee is said above the preview, so a wrong guess is seen before the load."""
    spend = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference" / "spend" / "lancashire"
    data = (spend / "hyndburn" / "hyndburn_2025-12.csv").read_bytes()
    at = open_page(store, DATA)
    upload(at, "hyndburn_2025-12.csv", data)
    assert not problems(at)
    (sentence,) = [app_store.shown(m.value) for m in at.markdown if m.value.startswith("Header found")]
    for placed in ("date paid from 'Payment Date'", "amount from 'Amount Paid'", "supplier from 'Name"):
        assert placed in sentence, sentence
    assert "recognised by their names" in sentence
