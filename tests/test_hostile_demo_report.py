"""Hostile paths for `demo` and `report`: nothing deleted that the command did not make, destinations checked
before any work, and a Chromium that fails or hangs reported in one line within the time limit."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile import assert_one_line, assert_refused, checksums, run, seed, store  # noqa: F401 (fixtures)


# demo
def test_demo_never_empties_a_folder_it_did_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("years of work")
    (folder / "sub").mkdir()
    (folder / "sub" / "notes.txt").write_text("more")
    result = run("demo", "--db", tmp_path / "demo.duckdb", "--folder", folder)
    assert_one_line(result, r"mine holds files the demo did not write \(.*\): give an empty or new --folder")
    assert (folder / "thesis.docx").read_text() == "years of work" and (folder / "sub" / "notes.txt").exists()
    assert not (tmp_path / "demo.duckdb").exists()


@pytest.mark.parametrize(
    "content",
    [b"my spreadsheet, not a store", b"", b"\x00" * 8 + b"DUCK" + b"\x00" * 100],
    ids=["text", "empty", "fake-magic"],
)
def test_demo_replace_only_replaces_a_store(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "precious.duckdb"
    target.write_bytes(content)
    result = run("demo", "--db", target, "--replace", "--folder", tmp_path / "files")
    assert_one_line(result, r"precious\.duckdb is not an Anchor Spend store: --replace only replaces a store")
    assert target.read_bytes() == content and not (tmp_path / "files").exists()


@pytest.mark.parametrize(
    ("make", "argv", "pattern"),
    [
        (None, ("--folder", "/nonexistent/deep/demo"), r"--folder /nonexistent/deep/demo: its parent folder"),
        ("file", ("--folder", "{tmp}/afile"), r"--folder .*afile is not a folder"),
        ("dir", ("--db", "{tmp}/adir"), r"--db .*adir is a folder"),
        (None, ("--db", "/nonexistent/deep/x.duckdb"), r"the folder of --db /nonexistent/deep: its parent folder"),
        (None, ("--scale", "10"), r"--scale must be at least 1000 payments, not 10"),
        (None, ("--scale", "lots"), r"invalid int value: 'lots'"),
    ],
    ids=["folder-parent-missing", "folder-is-a-file", "db-is-a-folder", "db-parent-missing", "scale-10", "scale-words"],
)
def test_demo_checks_its_paths_before_any_work(
    tmp_path: Path, make: str | None, argv: tuple[str, ...], pattern: str
) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    argv = tuple(a.format(tmp=tmp_path) for a in argv)
    if "--db" not in argv:
        argv = ("--db", str(tmp_path / "d.duckdb"), *argv)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("demo", *argv)
    assert_one_line(result, pattern, code=2 if "invalid int" in pattern else 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created, nothing deleted


def test_demo_refuses_an_existing_store_without_replace(store: Path) -> None:
    assert_refused(store, r"already exists: remove it or pass --replace", "demo", "--db", store)


@pytest.mark.slow
def test_demo_rebuilds_deleting_only_what_it_wrote(tmp_path: Path) -> None:
    folder, db = tmp_path / "demo", tmp_path / "demo.duckdb"
    assert run("demo", "--db", db, "--folder", folder).code == 0
    written = sorted(p for p in folder.rglob("*") if p.is_file())
    (folder / "spend" / "my_notes.txt").write_text("mine")
    result = run("demo", "--db", db, "--folder", folder, "--replace")
    assert_one_line(result, r"holds files the demo did not write \(spend/my_notes\.txt\)")
    assert (folder / "spend" / "my_notes.txt").read_text() == "mine" and db.exists()
    (folder / "spend" / "my_notes.txt").unlink()
    assert run("demo", "--db", db, "--folder", folder, "--replace").code == 0
    assert sorted(p for p in folder.rglob("*") if p.is_file()) == written


# report
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.pdf"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("argv", "pattern", "code"),
    [
        (("--out", "{tmp}/report.txt"), r"--out must name a \.pdf file, not .*report\.txt", 1),
        (("--out", "/nonexistent/deep/r.pdf"), r"the folder of --out /nonexistent/deep does not exist", 1),
        (("--out", "{tmp}/adir.pdf"), r"--out .*adir\.pdf is a folder", 1),
        (("--out", "{fifo}"), r"--out .*pipe\.pdf is not a regular file", 1),
        (("--outbox", "{tmp}/afile"), r"--outbox .*afile is not a folder", 1),
        (("--outbox", "/nonexistent/deep/outbox"), r"--outbox /nonexistent/deep/outbox: its parent folder", 1),
        (("--week", "2024-W99"), r"2024 has ISO weeks 1 to 52, not 99", 1),
        (("--week", "last week"), r"--week must look like 2026-W47, not 'last week'", 1),
        (("--from", "2024-02-30"), r"--from must be a date like 2026-04-01, not '2024-02-30'", 1),
        (("--local", ","), r"a tier needs at least one district code", 1),
        (("--leakage-tier", "moon"), r"invalid choice: 'moon'", 2),
    ],
    ids=[
        "out-not-pdf",
        "out-parent-missing",
        "out-is-a-folder",
        "out-is-a-fifo",
        "outbox-is-a-file",
        "outbox-parent-missing",
        "week-99",
        "week-words",
        "feb-30",
        "empty-tier",
        "bad-tier",
    ],
)
def test_report_checks_its_options_before_any_work(
    store: Path, tmp_path: Path, argv: tuple[str, ...], pattern: str, code: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from anchorspend.report import build, svg

    def work(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the report started work before refusing its options")

    # refused before the store is read or Chromium started (checked by what ran, not by how long it took)
    monkeypatch.setattr(svg, "warm_up", work)
    monkeypatch.setattr(build, "bring_up_to_date", work)
    monkeypatch.setattr(build, "gather", work)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir.pdf").mkdir()
    pipe = fifo(tmp_path)
    argv = tuple(a.format(tmp=tmp_path, fifo=pipe) for a in argv)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert_refused(store, pattern, "report", "--db", store, *argv, code=code)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_report_without_a_store(tmp_path: Path) -> None:
    result = run("report", "--db", tmp_path / "none.duckdb", "--out", tmp_path / "r.pdf")
    assert result.code == 1 and "no store at" in result.lines[-1]
    assert not (tmp_path / "r.pdf").exists() and not (tmp_path / "none.duckdb").exists()


def fake_browser(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "chromium"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return script


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "pattern"),
    [("exit 1", r"Chromium \(.*chromium\) did not start"), ("sleep 30", r"did not answer within 4 s")],
    ids=["fails-to-start", "hangs"],
)
def test_a_broken_chromium_fails_the_report_in_one_line_not_minutes(
    store: Path, tmp_path: Path, body: str, pattern: str
) -> None:
    browser = fake_browser(tmp_path, body)
    before = checksums(store)
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "anchorspend", "report", "--db", str(store), "--out", str(tmp_path / "r.pdf")],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BROWSER_PATH": str(browser), "ANCHORSPEND_RENDER_TIMEOUT_S": "4"},
    )
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("anchorspend report: charts cannot be drawn:") and len(last) < 400
    import re

    assert re.search(pattern, last), last
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.pdf").exists() and checksums(store) == before


def test_demo_builds_into_a_data_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    # A fresh clone has no data/: `make run` runs `demo --db data/anchorspend.duckdb`, and its default file folder
    # data/demo must not be refused for a parent the command itself creates.
    store = tmp_path / "data" / "anchorspend.duckdb"
    result = run("demo", "--db", str(store), "--scale", "1000")
    assert result.code == 0, result.err
    assert store.exists() and (tmp_path / "data" / "demo").is_dir()
