"""The Suppliers page's hand corrections through AppTest: name, postcode, sector and type, signed in, logged."""

from __future__ import annotations

from pathlib import Path

import app_store
import pytest
from app_store import open_page, problems, rows, sign_in
from test_app_suppliers import PASSWORD, SUPPLIERS, find


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return app_store.add_evidence(app_store.build(tmp_path_factory.mktemp("corrections") / "store.duckdb"))


@pytest.fixture
def store(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return app_store.use_copy(template, tmp_path, monkeypatch)


def test_correcting_a_supplier_by_hand_is_signed_in_logged_and_kept(store: Path) -> None:
    at = find(open_page(store, SUPPLIERS, password=PASSWORD), "unknown co")
    (unknown,) = rows(store, "select supplier_id from suppliers where name = 'Unknown Co Ltd'")[0]
    assert not any(t.key == f"correct_name_{unknown}" for t in at.text_input)  # nothing to edit before sign-in
    sign_in(at, PASSWORD, form="sign_in_correct")
    at.text_input(key=f"correct_name_{unknown}").set_value("Unknown Company Ltd")
    at.text_input(key=f"correct_sector_{unknown}").set_value("43")
    at.selectbox(key=f"correct_type_{unknown}").set_value("vcse")
    next(b for b in at.button if b.label == "Save").click().run()
    assert not problems(at)
    assert rows(
        store, f"select name, sic_division, sector_source, org_type from suppliers where supplier_id = {unknown}"
    ) == [("Unknown Company Ltd", "43", "manual", "vcse")]
    logged = rows(
        store,
        "select action, changed_by, new_value from change_log "
        "where action in ('suppliers.rename', 'suppliers.set_sector', 'suppliers.set_type') order by change_id",
    )
    assert logged == [
        ("suppliers.rename", "app:admin", "Unknown Company Ltd"),
        ("suppliers.set_sector", "app:admin", "43"),
        ("suppliers.set_type", "app:admin", "vcse"),
    ]
