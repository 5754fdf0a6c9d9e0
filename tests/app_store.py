"""A hand-made store for the app tests: two anchors, five suppliers, two individuals, three districts."""

from __future__ import annotations

import base64
import re
import threading
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from anchorspend import db
from anchorspend.suppliers import normalise_name

LOCAL, REST, OUTSIDE = "E07000001", "E07000002", "E07000003"
COUNCIL, TRUST = "Alpha Council", "Alpha NHS Trust"

# (name, org_type, district, sic division, section, lsoa, lon, lat)
SUPPLIERS = [
    ("Local Builders Ltd", "sme", LOCAL, "41", "F", "E01000001", -1.975, 53.05),
    ("Beta Catering CIC", "vcse", REST, "56", "I", None, -1.85, 53.05),
    ("Gamma Construction PLC", "large", OUTSIDE, "41", "F", None, -1.75, 53.05),
    ("Unknown Co Ltd", "unknown", None, "62", "J", None, None, None),
    ("Alpha Care Charity", "vcse", LOCAL, "87", "Q", "E01000002", -1.925, 53.05),
]
INDIVIDUALS = ["Redacted Personal Information", '=HYPERLINK("http://x") John Smith']

# Monthly amounts per anchor: supplier index -> £ (index 5, 6 are the individuals).
MONTHLY = {
    COUNCIL: {0: 1000.0, 1: 500.0, 2: 2000.0, 3: 300.0, 4: 200.0, 5: 100.0, 6: 50.0},
    TRUST: {0: 400.0, 2: 1500.0, 4: 100.0},
}
MONTHS = [date(2024, m, 15) for m in range(4, 10)]  # Apr-Sep 2024
BASELINE_MONTHS = [date(2023, m, 15) for m in range(4, 10)]  # a year earlier, council only, half the local spend


def build(path: Path) -> Path:
    """Write the store at path and return it."""
    with db.connect(path) as con, db.transaction(con):
        con.execute("insert into place (name, is_fictional) values ('Testshire', true)")
        con.execute(
            "insert into place_districts values ('local', $l), ('regional', $l), ('regional', $r)",
            {"l": LOCAL, "r": REST},
        )
        for i, (code, name) in enumerate([(LOCAL, "Alpha"), (REST, "Beta"), (OUTSIDE, "Gamma")]):
            geometry = box(-2.0 + 0.1 * i, 53.0, -1.9 + 0.1 * i, 53.1)
            con.execute(
                "insert into districts values ($c, $n, $g, 53.05, $x, true, 'test')",
                {"c": code, "n": name, "g": shapely.to_wkb(geometry), "x": -1.95 + 0.1 * i},
            )
        for j, (ward, lsoa) in enumerate([("E05000001", "E01000001"), ("E05000002", "E01000002")]):
            geometry = shapely.to_wkb(box(-2.0 + 0.05 * j, 53.0, -1.95 + 0.05 * j, 53.1))
            con.execute(
                "insert into wards values ($w, $n, $d, $g, 'test')",
                {"w": ward, "n": f"Ward {j + 1}", "d": LOCAL, "g": geometry},
            )
            con.execute(
                "insert into small_areas values ($s, $n, $d, $g, 'test')",
                {"s": lsoa, "n": f"Alpha 00{j + 1}A", "d": LOCAL, "g": geometry},
            )
            con.execute(
                "insert into deprivation values ($s, $r, $d, 'test')",
                {"s": lsoa, "r": 1000 if j == 0 else 20000, "d": 1 if j == 0 else 7},
            )
        for name, kind in ((COUNCIL, "council"), (TRUST, "nhs")):
            con.execute("insert into anchors (name, kind) values ($n, $k)", {"n": name, "k": kind})
        for k, (name, org_type, district, division, section, lsoa, lon, lat) in enumerate(SUPPLIERS, start=1):
            con.execute(
                "insert into suppliers (supplier_id, name, name_key, org_type, sic_division, sic_section,"
                " sector_source, postcode, location_evidence, district_code, ward_code, lsoa_code, lat, lon)"
                " values ($id, $n, $key, $t, $d, $s, 'register', $pc, $ev, $dc, $w, $l, $lat, $lon)",
                {
                    "id": k,
                    "n": name,
                    "key": normalise_name(name),  # as the resolver keys an organisation
                    "t": org_type,
                    "d": division,
                    "s": section,
                    "pc": "AB1 2CD" if district else None,
                    "ev": "register_branch" if district else "unknown",
                    "dc": district,
                    "w": "E05000001" if lsoa == "E01000001" else "E05000002" if lsoa else None,
                    "l": lsoa,
                    "lat": lat,
                    "lon": lon,
                },
            )
            con.execute(
                "insert into supplier_aliases (alias_id, raw_name, supplier_id, match_method)"
                " values ($id, $n, $id, 'exact_name')",
                {"id": k, "n": name},
            )
            con.execute(
                "insert into supplier_aliases (alias_id, raw_name, supplier_id, match_method)"
                " values ($id, $n, $s, 'fuzzy')",
                {"id": 100 + k, "n": name.upper(), "s": k},
            )
        for k, name in enumerate(INDIVIDUALS, start=6):
            con.execute(
                "insert into supplier_aliases (alias_id, raw_name, is_individual) values ($id, $n, true)",
                {"id": k, "n": name},
            )
        _payments(con)
        con.execute("insert into review_queue values (103, 4, 0.82, 'similar name', 'open')")
        con.execute(
            "insert into contracts (anchor_id, source_file, source_sha256, title, supplier_raw, supplier_id,"
            " category, sic_division, total_value_gbp, start_on, end_on, expiry_on) values"
            " (1, 'c.csv', 'x', 'Highways maintenance', 'Gamma Construction PLC', 3, 'Construction', '41',"
            "  250000, '2022-04-01', '2025-06-30', '2025-06-30'),"
            " (2, 'c.csv', 'x', 'Estates works', 'Gamma Construction PLC', 3, 'Construction', '41',"
            "  180000, '2023-01-01', '2025-09-30', '2025-09-30')"
        )
        db.log_change(con, "ingest", "file 1", None, "loaded", changed_by="cli:test")
        # Ids above were given by hand; move the sequences past them so later loads get fresh ones.
        for sequence, table, column in (
            ("seq_file_id", "source_files", "file_id"),
            ("seq_alias_id", "supplier_aliases", "alias_id"),
            ("seq_supplier_id", "suppliers", "supplier_id"),
        ):
            top = con.execute(f"select max({column}) from {table}").fetchone()[0]
            con.execute(f"select max(nextval('{sequence}')) from range({top})")
    with db.connect(path) as con:
        _refresh_metrics(con)
    return path


def _refresh_metrics(con) -> None:
    """Build the metrics summary the way a load does (the app reads it rather than rebuilding it)."""
    from anchorspend.metrics import refresh

    refresh(con)


def _payments(con) -> None:
    for anchor_id, (anchor, amounts) in enumerate(MONTHLY.items(), start=1):
        dates = MONTHS + (BASELINE_MONTHS if anchor == COUNCIL else [])
        file_id = anchor_id  # one file per anchor
        total = 0.0
        for row, paid_on in enumerate(dates, start=2):
            for index, amount in amounts.items():
                if paid_on.year == 2023 and index in (0, 4):
                    amount = amount / 2
                alias = index + 1
                con.execute(
                    "insert into payments (anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id,"
                    " supplier_raw, expense_type, is_redacted)"
                    " values ($a, $f, $r, $d, $m, $al, $n, 'Works', $red)",
                    {
                        "a": anchor_id,
                        "f": file_id,
                        "r": row,
                        "d": paid_on,
                        "m": amount,
                        "al": alias,
                        "n": (SUPPLIERS[index][0] if index < 5 else INDIVIDUALS[index - 5]),
                        "red": index == 5,
                    },
                )
                total += amount
        con.execute(
            "insert into source_files (file_id, anchor_id, name, sha256, period_from, period_to, rows_read,"
            " rows_loaded, rows_rejected, blank_rows, amount_total, amount_basis)"
            " values ($f, $a, $n, $h, $p0, $p1, 10, 10, 0, 0, $t, 'net')",
            {
                "f": file_id,
                "a": anchor_id,
                "n": f"{anchor}.csv",
                "h": f"sha{file_id}",
                "p0": min(dates),
                "p1": max(dates),
                "t": total,
            },
        )


APP = str(Path(__file__).resolve().parent / "app_main.py")  # app.py, run as a server runs it (see there)


def page(name: str) -> str:
    """A page's path for AppTest.switch_page when the app is opened from APP ("map" or "pages/map.py")."""
    return f"../pages/{name.removeprefix('pages/').removesuffix('.py')}.py"


def forget_place(path: Path) -> Path:
    """The store with its place removed, as a user who loaded files but never chose one has it."""
    with db.connect(path) as con:
        con.execute("delete from place_districts")
        con.execute("delete from place")
        from anchorspend.metrics import refresh

        refresh(con)
    return path


def open_page(store: Path, path: str, password: str | None = None, workshop: bool = False) -> AppTest:
    """A new browser session on one page of the app over store (ANCHORSPEND_DB must name it), in workshop mode
    when asked (by its URL parameter)."""
    at = AppTest.from_file(APP, default_timeout=60)
    if password:
        at.secrets["admin_password"] = password
    if workshop:
        at.query_params["mode"] = "workshop"
    at.run()
    at.switch_page(page(path)).run()
    return at


def sign_in(at: AppTest, password: str, form: str = "sign_in") -> AppTest:
    """Type a password into one sign-in form and submit it."""
    at.text_input(key=f"{form}_password").input(password)
    next(b for b in at.button if b.form_id == form).click().run()
    return at


def rows(store: Path, sql: str, **params: object) -> list[tuple]:
    """Rows of a query on the store, read-only (what a user would find there)."""
    with db.connect(store, read_only=True) as con:
        return con.execute(sql, params).fetchall()


def shown(markdown: str) -> str:
    """What a reader sees of Markdown that view.literal() escaped: backslash escapes and word joiners gone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def problems(at: AppTest) -> list[str]:
    """Every exception and error the page shows."""
    return [e.value for e in at.exception] + [e.value for e in at.error]


# Postcodes and a register that place every organisation where build() put it (Unknown Co Ltd stays
# unplaced), so that the pipeline's refresh after a merge, split or import keeps the same facts.
POSTCODES = {  # postcode: district, ward, small area
    "AL1 1AA": (LOCAL, "E05000001", "E01000001"),
    "AL1 1AB": (LOCAL, "E05000002", "E01000002"),
    "BE1 1AA": (REST, "", ""),
    "GA1 1AA": (OUTSIDE, "", ""),
}
REGISTER = (
    "Supplier Name,Postcodes,Company Number,Charity Number,SIC Codes,Employees\n"
    "Local Builders Ltd,AL1 1AA,01000001,,41201,12\n"
    "Beta Catering CIC,BE1 1AA,01000002,,56290,8\n"
    "Gamma Construction PLC,GA1 1AA,01000003,,41201,5000\n"
    "Alpha Care Charity,AL1 1AB,,1100001,87300,30\n"
)
NSPL_HEADER = "pcd,pcd2,pcds,dointr,doterm,laua,ward,lsoa11,lat,long"


def nspl_text() -> str:
    """A postcode directory of POSTCODES, in the ONS layout."""
    lines = [NSPL_HEADER] + [
        f'"{pc}","{pc}","{pc}","199001","","{district}","{ward}","{lsoa}",53.05,-1.9'
        for pc, (district, ward, lsoa) in POSTCODES.items()
    ]
    return "\r\n".join(lines) + "\r\n"


def add_evidence(path: Path) -> Path:
    """Import POSTCODES and REGISTER into a built store and refresh it, as the Data page would."""
    from anchorspend import pipeline
    from anchorspend.geo import import_files
    from anchorspend.suppliers import import_register

    (path.parent / "nspl.csv").write_text(nspl_text(), encoding="utf-8")
    (path.parent / "register.csv").write_text(REGISTER, encoding="utf-8")
    with db.connect(path) as con:
        import_files(con, [path.parent / "nspl.csv"])
        import_register(con, path.parent / "register.csv")
        pipeline.refresh(con)
        # The refresh asks its own questions afresh; the hand-made one the review tests answer is asked again.
        con.execute("insert or ignore into review_queue values (103, 4, 0.82, 'similar name', 'open')")
    return path


def use_copy(template: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at a fresh copy of a built store (quicker than building one) for a test that changes it."""
    import shutil

    target = folder / template.name
    shutil.copyfile(template, target)
    monkeypatch.setenv("ANCHORSPEND_DB", str(target))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    return target


PICTURE = re.compile(r'<img class="chart" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)"')


def picture_words(html: str) -> list[str]:
    """The texts drawn in every workshop picture of an HTML element (what a reader sees on the chart)."""
    words = []
    for data, _alt in PICTURE.findall(html):
        root = ET.fromstring(base64.b64decode(data))
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            words.append("".join(text.itertext()).strip())
    return [w for w in words if w]


def open_behind(at: AppTest) -> AppTest:
    """The Collaboration page with the table behind every top sector (and, in workshop mode, the list of all
    sectors) opened, as a reader opens each expander (the tables are drawn only then), run."""
    for key in [k for k in at.session_state if str(k).endswith("_open") and str(k).startswith(("behind_", "all_"))]:
        at.session_state[key] = True
    return at.run()


def pictures(at: AppTest) -> list[str]:
    """The HTML of every chart drawn as a picture on the server on the page."""
    return [e.proto.body for e in at.get("html") if 'class="chart"' in e.proto.body]


def workshop_page(store: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """A page of the app on store in workshop mode (by its link), run and checked for errors."""
    monkeypatch.setenv("ANCHORSPEND_DB", str(store))
    monkeypatch.delenv("ANCHORSPEND_LOCK_WORKSHOP", raising=False)
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["mode"] = "workshop"
    at.run()
    if name != "overview":
        at.switch_page(page(name)).run()
    assert not problems(at), problems(at)
    return at


def without_chromium(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server's pictures cannot be drawn, as on a machine with no Chromium (the charts fall back to Plotly)."""
    from anchorspend.report import svg
    from anchorspend.ui import stills

    def cannot(*_args: object, **_kwargs: object) -> bytes:
        raise svg.RenderError("charts cannot be drawn: Chromium (chromium) did not start")

    stills._drawn.clear()
    monkeypatch.setattr(stills, "to_svg", cannot)
    monkeypatch.setattr(stills, "_cannot_draw", threading.Event())
