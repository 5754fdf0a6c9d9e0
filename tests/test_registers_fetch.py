"""`anchorspend registers fetch URL`: a register downloaded (here from a local server) and imported as a file is."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_registers_import import COMPANIES, write_companies_house

from anchorspend import db
from anchorspend.cli import main


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Say nothing (pytest shows stderr)."""


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up early (a refused download) is no error of the test's."""


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over http on 127.0.0.1 for the test's length, and its base URL."""
    folder = tmp_path / "published"
    folder.mkdir()
    server = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetch(store: Path, url: str, *more: str) -> int:
    return main(["registers", "fetch", "companies-house", url, "--db", str(store), *more])


def imports(store: Path) -> list[tuple]:
    with db.connect(store, read_only=True) as con:
        return con.execute("select register, files, rows_loaded from register_imports").fetchall()


def test_a_published_file_is_downloaded_and_imported(
    served: tuple[Path, str], store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, base = served
    write_companies_house(folder / "BasicCompanyDataAsOneFile-2026-12-01.csv", COMPANIES)
    assert fetch(store_path, f"{base}/BasicCompanyDataAsOneFile-2026-12-01.csv") == 0
    assert imports(store_path) == [("companies_house", "BasicCompanyDataAsOneFile-2026-12-01.csv", 5)]
    with db.connect(store_path, read_only=True) as con:
        numbers = sorted(n for (n,) in con.execute("select entity_id from register_companies_house").fetchall())
    assert numbers == sorted(c[1] for c in COMPANIES)


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err
    return err


def test_not_found_too_big_offline_and_wrong_layout_each_say_so_in_one_line(
    served: tuple[Path, str], store_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, base = served
    db.open_store(store_path).close()  # an empty store: a failed fetch imports nothing into it
    assert fetch(store_path, f"{base}/missing.csv") != 0
    assert "404" in _one_line_error(capsys)

    big = write_companies_house(folder / "big.csv", COMPANIES * 3000)  # about 3 MB
    assert big.stat().st_size > 2 << 20
    assert fetch(store_path, f"{base}/big.csv", "--max-mb", "1") != 0
    assert "over the limit of 1 MB" in _one_line_error(capsys)

    (folder / "other.csv").write_text("Name,Number\nACME LTD,01234567\n", encoding="utf-8")
    assert fetch(store_path, f"{base}/other.csv") != 0
    assert "not the Companies House Free Company Data Product layout" in _one_line_error(capsys)

    with socket.socket() as probe:  # a port nobody listens on: as a machine with no network
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    assert fetch(store_path, f"http://127.0.0.1:{closed}/BasicCompanyData.csv") != 0
    assert "cannot reach 127.0.0.1" in _one_line_error(capsys)

    assert fetch(store_path, "file:///etc/passwd") != 0
    assert "not an http:// or https:// address" in _one_line_error(capsys)
    assert imports(store_path) == []
