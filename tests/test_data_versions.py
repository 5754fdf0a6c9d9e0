"""Per-anchor data versions: a view of some anchors keeps its cache when only other anchors' data changed, and
never shows a number a fresh computation would not."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pytest
from geo_helpers import write_small_pack

from anchorspend import db, metrics
from anchorspend.cli import main
from anchorspend.ingest import ingest_file
from anchorspend.ui import reads
from anchorspend.ui import store as app_store
from anchorspend.ui.store import data_stamp
from anchorspend.view import Filters, make_scope

TOWN, TRUST = "Town Council", "City Trust"
HEADER = "Body Name,Invoice Payment Date,Transaction Number,Net Amount,Supplier Name,Company Number\n"
# Both anchors pay Acme Ltd; each also pays a supplier of its own.
FIRST_FILES = {
    TOWN: ["2024-04-02,T1,100.00,Acme Ltd,", "2024-04-03,T2,50.00,Town Only Ltd,"],
    TRUST: ["2024-04-02,B1,300.00,Acme Ltd,", "2024-04-05,B2,70.00,Trust Only Ltd,"],
}
PERIOD = {"date_from": date(2024, 4, 1), "date_to": date(2024, 6, 30)}
VIEWS = {
    "town": Filters(anchors=(TOWN,), **PERIOD),
    "trust": Filters(anchors=(TRUST,), **PERIOD),
    "all": Filters(**PERIOD),
}


def spend_file(folder: Path, name: str, anchor: str, rows: list[str]) -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(f"{anchor},{row}\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two anchors sharing one supplier, on a small geography with a place set (built once, copied per test)."""
    folder = tmp_path_factory.mktemp("versions")
    path = folder / "store.duckdb"
    assert main(["geo", "import", "--db", str(path), *map(str, write_small_pack(folder / "geo"))]) == 0
    assert main(["place", "set", "--db", str(path), "--local", "E07000901", "--regional", "E07000902"]) == 0
    for anchor, rows in FIRST_FILES.items():
        [report] = ingest_file(path, spend_file(folder, f"{anchor}.csv", anchor, rows), anchor, "council")
        assert report.status == "loaded"
    return path


@pytest.fixture
def store(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    shutil.copy(built, path)
    monkeypatch.setenv("ANCHORSPEND_DB", str(path))
    return path


def keys(store: Path) -> dict[str, tuple]:
    """The cache key each view's results are kept under in the app."""
    return {name: data_stamp(str(store), filters) for name, filters in VIEWS.items()}


def load(store: Path, anchor: str, name: str, rows: list[str]) -> None:
    [report] = ingest_file(store, spend_file(store.parent, name, anchor, rows), anchor, "council")
    assert report.status == "loaded" and not report.warnings


def supplier_names(store: Path) -> dict[str, str]:
    """Each payee as written -> the name of the organisation it resolved to, read straight from the tables."""
    with db.connect(store, read_only=True) as con:
        rows = con.execute(
            "select a.raw_name, s.name from supplier_aliases a join suppliers s using (supplier_id)"
        ).fetchall()
    return dict(rows)


def test_a_load_for_one_anchor_keeps_the_key_of_a_view_of_another(store: Path) -> None:
    before = keys(store)
    load(store, TOWN, "town-may.csv", ["2024-05-02,T3,10.00,Town Only Ltd,", "2024-05-03,T4,20.00,Town New Ltd,"])
    after = keys(store)
    assert after["trust"] == before["trust"]  # nothing the trust pays changed
    assert after["town"] != before["town"] and after["all"] != before["all"]


def test_a_load_that_changes_a_supplier_another_anchor_pays_changes_that_anchors_key(store: Path) -> None:
    before = keys(store)
    # The town now writes Acme with its company number: resolution puts the number on the shared organisation.
    load(store, TOWN, "town-may.csv", ["2024-05-02,T3,10.00,Acme Ltd,01234567"])
    with db.connect(store, read_only=True) as con:
        assert con.execute("select company_number from suppliers where name = 'Acme Ltd'").fetchone() == (
            "01234567",
        )
    assert keys(store)["trust"] != before["trust"]


def test_a_new_anchor_changes_the_key_of_every_anchor_and_not_of_the_others(store: Path) -> None:
    before = keys(store)
    load(store, "Police", "police.csv", ["2024-05-02,P1,10.00,Police Only Ltd,"])
    after = keys(store)
    assert after["all"] != before["all"]
    assert (after["town"], after["trust"]) == (before["town"], before["trust"])


def test_a_view_of_an_anchor_not_loaded_yet_changes_when_it_arrives(store: Path) -> None:
    police = Filters(anchors=("Police",), **PERIOD)
    before = data_stamp(str(store), police)
    load(store, "Police", "police.csv", ["2024-05-02,P1,10.00,Police Only Ltd,"])
    assert data_stamp(str(store), police) != before


def test_an_open_period_keys_on_every_anchor(store: Path) -> None:
    """An open period is closed at the data of every anchor (metrics.compute.with_data_period)."""
    open_ended = Filters(anchors=(TRUST,))
    before = data_stamp(str(store), open_ended)
    load(store, TOWN, "town-may.csv", ["2024-05-02,T3,10.00,Town Only Ltd,"])
    assert data_stamp(str(store), open_ended) != before


ASSUMPTIONS = '[[respend_rate]]\norg_type = "sme"\nrate = 0.5\nsource = "test"\n'
REGISTER = (
    "Name,Registered Postcode,Branch Postcodes,Company Number,Charity Number,SIC Codes,Employees,SME,"
    "Organisation Type\nAcme Ltd,AA1 1AA,,01234567,,41201,15,Y,Private limited company\n"
)


def _geography(store: Path) -> list[str]:
    outcodes = store.parent / "more-outcodes.csv"
    outcodes.write_text("outcode,latitude,longitude\nEE1,53.4,-1.4\n", encoding="utf-8")
    return ["geo", "import", str(outcodes)]


def _assumptions(store: Path) -> list[str]:
    path = store.parent / "rates.toml"
    path.write_text(ASSUMPTIONS, encoding="utf-8")
    return ["assumptions", "import", str(path)]


def _register(store: Path) -> list[str]:
    path = store.parent / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    return ["suppliers", "import", str(path)]


def _merge(store: Path) -> list[str]:
    with db.connect(store, read_only=True) as con:
        ids = dict(con.execute("select name, supplier_id from suppliers").fetchall())
    return ["suppliers", "merge", str(ids["Town Only Ltd"]), str(ids["Trust Only Ltd"])]


def _remove(store: Path) -> list[str]:
    with db.connect(store, read_only=True) as con:
        file_id = con.execute("select min(file_id) from source_files").fetchone()[0]
    return ["files", "remove", str(file_id)]


def _place(store: Path) -> list[str]:
    return ["place", "set", "--local", "E07000902"]


@pytest.mark.parametrize(
    "command", [_geography, _place, _assumptions, _register, _merge, _remove], ids=lambda c: c.__name__[1:]
)
def test_every_change_of_what_all_views_read_changes_every_key(store: Path, command) -> None:
    args = command(store)
    before = keys(store)
    assert main([*args[:2], "--db", str(store), *args[2:]]) == 0
    after = keys(store)
    assert {name for name in VIEWS if after[name] == before[name]} == set()


def fresh(store: Path, function, filters: Filters):  # noqa: ANN001, ANN201 - any metrics function and its result
    """The same result computed now, on a new connection, with no cache."""
    with db.connect(store, read_only=True) as con:
        return function(con, make_scope(metrics.Scope, filters))


def test_a_cached_view_shows_what_a_fresh_computation_does_after_another_anchors_loads(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust = VIEWS["trust"]
    computed: list[object] = []
    real_compute = metrics.compute
    monkeypatch.setattr(metrics, "compute", lambda con, scope: computed.append(scope) or real_compute(con, scope))
    first = reads.compute(trust)
    assert first["total_spend"] == pytest.approx(370.0)
    assert reads.supplier_table(trust)["supplier"].to_list() == ["Acme Ltd", "Trust Only Ltd"]

    # The town's load touches nothing the trust pays: the trust's numbers are read from the cache, unchanged.
    load(store, TOWN, "town-may.csv", ["2024-05-02,T3,10.00,Town Only Ltd,"])
    assert reads.compute(trust) == fresh(store, real_compute, trust) == first
    assert len(computed) == 1

    # Now the town pays Acme often under another spelling, which becomes its display name: the trust's view
    # must show it (and compute again), exactly as a fresh computation does.
    load(store, TOWN, "town-june.csv", [f"2024-06-0{day},J{day},10.00,ACME LIMITED," for day in range(1, 6)])
    assert supplier_names(store)["Acme Ltd"] == "ACME LIMITED"
    table = reads.supplier_table(trust)
    assert table.equals(fresh(store, metrics.supplier_table, trust))
    assert table["supplier"].to_list() == ["ACME LIMITED", "Trust Only Ltd"]
    assert reads.compute(trust) == fresh(store, real_compute, trust)
    assert len(computed) == 2


def test_a_store_last_written_without_versions_changes_everything(store: Path) -> None:
    """A program from before data versions bumps the store version alone: every key must follow it."""
    before = keys(store)
    with db.connect(store) as con:
        con.execute("begin transaction")
        db.bump_version(con)  # what such a program's transaction did, and nothing more
        con.execute("commit")
    assert {name for name in VIEWS if keys(store)[name] == before[name]} == set()
    with db.connect(store) as con:
        with db.transaction(con, anchors=()):  # the next write of this program knows nothing of what came before
            pass
        assert db.data_versions(con).shared == db.store_version(con)


def test_a_rolled_back_write_leaves_the_versions_as_they_were(store: Path) -> None:
    with db.connect(store) as con:
        before = db.data_versions(con)
        with pytest.raises(RuntimeError), db.transaction(con, anchors=(1,)):
            con.execute("update suppliers set name = 'Changed'")
            raise RuntimeError("boom")
        assert db.data_versions(con) == before
        assert con.execute("select count(*) from duckdb_tables() where temporary").fetchone()[0] == 0


def test_reading_the_versions_opens_the_store_only_when_its_files_changed(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    real_connect = db.connect
    monkeypatch.setattr(db, "connect", lambda *a, **k: opened.append(a) or real_connect(*a, **k))
    first = db.data_versions_of(store)
    for _ in range(20):
        assert db.data_versions_of(store) == first
    assert len(opened) <= 1  # once at most (not at all when an earlier test looked at these very files)
    with real_connect(store) as con, db.transaction(con):
        pass
    assert db.data_versions_of(store).store == first.store + 1


def test_a_write_of_shared_rows_bumps_the_anchors_paying_them(store: Path) -> None:
    """An anchor-scoped write that changes an organisation reaches every anchor paying it, not only its own."""
    with db.connect(store) as con:
        with db.transaction(con, anchors=()):
            con.execute("update suppliers set name = 'Trust Supplies Ltd' where name = 'Trust Only Ltd'")
        changed = {name: version for name, _, version in db.data_versions(con).anchors}
        version = db.store_version(con)
        assert db.data_versions(con).shared < version
    assert changed[TRUST] == version and changed[TOWN] < version


def test_an_empty_store_has_no_anchor_versions(con: duckdb.DuckDBPyConnection) -> None:
    assert db.data_versions(con) == db.DataVersions(store=0, shared=0)


def test_the_place_is_kept_across_a_load_and_follows_a_change_of_place(store: Path) -> None:
    """Reads of what every view reads alone (the place, boundaries) key on the shared version only."""
    shared_key = lambda: app_store._stamp(str(store), True, (), {})  # noqa: E731 - the key reads.place uses
    before = shared_key()
    assert reads.place().local == ("E07000901",)
    load(store, TOWN, "town-may.csv", ["2024-05-02,T3,10.00,Town New Ltd,"])
    assert shared_key() == before
    assert main(["place", "set", "--db", str(store), "--local", "E07000902"]) == 0
    assert shared_key() != before
    assert reads.place().local == ("E07000902",)
