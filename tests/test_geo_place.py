"""`place set` / `place show`: tiers checked against imported districts; regional includes the local."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anchorspend import cli, db
from anchorspend.geo import import_files
from anchorspend.geo.place import PlaceError, effective_place, get_place, parse_codes, set_place
from tests.geo_helpers import write_small_pack


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store file with the two hand-made districts Alpha (E07000901) and Beta (E07000902)."""
    path = tmp_path / "store.duckdb"
    with db.connect(path) as con:
        import_files(con, write_small_pack(tmp_path / "pack"))
    return path


def test_parse_codes() -> None:
    assert parse_codes(" e07000902, E07000901,,E07000902 ") == ("E07000901", "E07000902")
    assert parse_codes(None) == ()


def test_set_place_from_the_command_line(store: Path, capsys) -> None:
    assert (
        cli.main(["place", "set", "--db", str(store), "--local", "E07000901", "--regional", "E07000902"]) == 0
    )
    out = capsys.readouterr().out
    assert "added the local code E07000901 to the regional tier" in out
    assert cli.main(["place", "show", "--db", str(store), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown == {
        "name": "Alpha",
        "local": ["E07000901"],
        "regional": ["E07000901", "E07000902"],
        "is_fictional": False,
    }
    with db.connect(store, read_only=True) as con:
        logged = con.execute("select action, new_value from change_log where action = 'place.set'").fetchall()
    assert len(logged) == 1 and "E07000902" in logged[0][1]


def test_unknown_code_is_refused_with_one_line(store: Path, capsys) -> None:
    code = cli.main(["place", "set", "--db", str(store), "--local", "E07000901", "--regional", "E08000099"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "unknown district code E08000099" in err
    with db.connect(store, read_only=True) as con:
        assert get_place(con) is None


def test_malformed_code_and_empty_local(store: Path) -> None:
    with db.connect(store) as con:
        with pytest.raises(PlaceError, match="'PRESTON' is not a GSS district code"):
            set_place(con, "Preston")
        with pytest.raises(PlaceError, match="no local district codes"):
            set_place(con, "", "E07000901")


def test_name_and_replacing_the_place(store: Path) -> None:
    with db.connect(store) as con:
        set_place(con, "E07000901", "E07000902", name="Our place")
        second = set_place(con, ["E07000902"], [], None)
        assert get_place(con) == second
        assert (second.name, second.local, second.regional) == ("Beta", ("E07000902",), ("E07000902",))


def test_command_line_tiers_override_the_stored_place(store: Path) -> None:
    with db.connect(store) as con:
        set_place(con, "E07000901", "E07000902")
        assert effective_place(con) == get_place(con)
        override = effective_place(con, local="E07000902")
        assert (override.local, override.regional) == (("E07000902",), ("E07000902",))
        with pytest.raises(PlaceError):
            effective_place(con, local="E09999999")


def test_show_without_a_place(store: Path, capsys) -> None:
    assert cli.main(["place", "show", "--db", str(store)]) == 1
    assert "no place set" in capsys.readouterr().err
