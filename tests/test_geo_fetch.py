"""`geo fetch` against a local HTTP server started here: paged ArcGIS GeoJSON, a zipped NSPL, an IMD CSV."""

from __future__ import annotations

import io
import json
import socket
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from anchorspend import cli, db
from tests.geo_helpers import NSPL_HEADER, alpha_beta_districts

FEATURES = alpha_beta_districts("LAD23")
IMD_HEADER = (
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
    "Local Authority District name (2019),Index of Multiple Deprivation (IMD) Score,"
    "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),"
    "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)"
)


def nspl_zip() -> bytes:
    """An archive laid out as the ONS hub serves NSPL: the main CSV under Data/, smaller ones beside it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Documents/LAD names.csv", "LAD23CD,LAD23NM\nE07000901,Alpha\n")
        archive.writestr(
            "Data/NSPL_TEST_UK.csv",
            NSPL_HEADER
            + '\n"AA1 1AA","AA1  1AA","AA1 1AA","199001","","E07000901","E05000901","E01000901",53.5,-1.5\n'
            '"BB1 1AA","BB1  1AA","BB1 1AA","199001","","E07000902","E05000902","E01000902",53.6,-0.6\n',
        )
    return buffer.getvalue()


class Publisher(BaseHTTPRequestHandler):
    """Serves one page of features per request, as ArcGIS does past its record limit."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        Publisher.requests.append(self.path)
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        if parts.path.endswith("/FeatureServer/0/query"):
            offset = int(query.get("resultOffset", 0))
            page: dict = {"type": "FeatureCollection", "features": FEATURES[offset : offset + 1]}
            if offset + 1 < len(FEATURES):
                page["properties"] = {"exceededTransferLimit": True}
            body = json.dumps(page).encode()
        elif parts.path == "/nspl/data":
            body = nspl_zip()
        elif parts.path == "/imd.csv":
            body = ("\ufeff" + IMD_HEADER + "\nE01000901,Alpha 001A,E07000901,Alpha,40.1,1200,1\n").encode()
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        """Quiet."""


def geo_fetch(store: Path, folder: Path, *options: str) -> int:
    """Run `anchorspend geo fetch` into store, downloading to folder; the exit code."""
    return cli.main(["geo", "fetch", "--db", str(store), "--dir", str(folder), *options])


@pytest.fixture
def server() -> Iterator[str]:
    """A publisher on 127.0.0.1 for the length of a test; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_downloads_pages_and_archives_then_imports(server: str, tmp_path: Path, capsys) -> None:
    store = tmp_path / "store.duckdb"
    lad = f"{server}/lad/FeatureServer/0/query?where=1%3D1&outFields=LAD23CD,LAD23NM&f=geojson"
    code = geo_fetch(
        store,
        tmp_path / "pack",
        *("--url", f"districts={lad}", "--url", f"postcodes={server}/nspl/data"),
        *("--url", f"deprivation={server}/imd.csv"),
        *("--kind", "districts", "--kind", "postcodes", "--kind", "deprivation"),
    )
    assert code == 0, capsys.readouterr().err
    assert any("resultOffset=1" in path for path in Publisher.requests)  # the second page was asked for
    assert (tmp_path / "pack" / "NSPL_TEST_UK.csv").exists()  # the archive's main CSV, not the small one
    with db.connect(store, read_only=True) as con:
        assert con.execute("select district_code, name from districts order by 1").fetchall() == [
            ("E07000901", "Alpha"),
            ("E07000902", "Beta"),
        ]
        assert con.execute("select postcode, district_code from postcodes order by 1").fetchall() == [
            ("AA1 1AA", "E07000901"),
            ("BB1 1AA", "E07000902"),
        ]
        assert con.execute("select * exclude (source) from deprivation").fetchall() == [
            ("E01000901", 1200, 1)
        ]
    out = capsys.readouterr().out
    assert "districts — 2 read, 2 loaded" in out and "deprivation — 1 read, 1 loaded" in out


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fetch_offline_fails_with_one_line(tmp_path: Path, capsys) -> None:
    url = f"http://127.0.0.1:{closed_port()}/imd.csv"
    options = ("--url", f"deprivation={url}", "--kind", "deprivation", "--timeout", "5")
    code = geo_fetch(tmp_path / "s.duckdb", tmp_path, *options)
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert "cannot reach 127.0.0.1" in err and "geo import" in err


def test_fetch_reports_a_missing_file(server: str, tmp_path: Path, capsys) -> None:
    code = geo_fetch(
        tmp_path / "s.duckdb", tmp_path, "--url", f"deprivation={server}/gone.csv", "--kind", "deprivation"
    )
    err = capsys.readouterr().err
    assert code == 1 and "404" in err and err.count("\n") == 1


def test_bad_url_option_is_one_line(tmp_path: Path, capsys) -> None:
    code = cli.main(["geo", "fetch", "--db", str(tmp_path / "s.duckdb"), "--url", "not-a-pair"])
    assert code == 1 and "KIND=URL" in capsys.readouterr().err


def test_sources_file_sets_urls(server: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources.json"
    sources.write_text(json.dumps({"deprivation": f"{server}/imd.csv"}))
    code = geo_fetch(
        tmp_path / "s.duckdb", tmp_path / "pack", "--sources", str(sources), "--kind", "deprivation"
    )
    assert code == 0
    con = duckdb.connect(str(tmp_path / "s.duckdb"), read_only=True)
    assert con.execute("select count(*) from deprivation").fetchone()[0] == 1
    con.close()
