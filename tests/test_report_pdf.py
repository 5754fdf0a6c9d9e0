"""The weekly PDF end to end: headlines equal `metrics --json`; memory, delivery, failure, concurrency."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_smtp import smtp_server
from report_store import PERSON, REDACTED_LABEL, build_store

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed"
)

# Holds the store open read-only the way the app does: brief connections, one after another, for a while.
APP_LIKE_READER = """
import sys, time, duckdb
path, seconds = sys.argv[1], float(sys.argv[2])
end = time.monotonic() + seconds
reads = 0
while time.monotonic() < end:
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.IOException:
        time.sleep(0.05)
        continue
    con.execute("select count(*) from payments").fetchone()
    time.sleep(0.3)
    con.close()
    reads += 1
    if reads == 1:
        print("reading", flush=True)  # the test starts the report once this line arrives, not after a guess
    time.sleep(0.02)
print(reads)
"""


def anchorspend(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command line as cron would."""
    return subprocess.run(
        [sys.executable, "-m", "anchorspend", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def mail_env(port: int, **extra: str) -> dict[str, str]:
    """Mail through the test SMTP server on port, alerts to admin@example.org, and no settings file."""
    return {
        "ANCHORSPEND_SMTP_HOST": "127.0.0.1",
        "ANCHORSPEND_SMTP_PORT": str(port),
        "ANCHORSPEND_REPORT_ADMIN": "admin@example.org",
        "ANCHORSPEND_REPORT_CONFIG": "",
        **extra,
    }


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def printed(line_label: str, text: str) -> str:
    """The 'This period' value printed on the headline row with this label (in the headline table)."""
    for line in text[text.index("Each headline with its change") :].splitlines():
        if line.strip().startswith(line_label):
            return line.strip()[len(line_label) :].split()[0]
    raise AssertionError(f"no headline row {line_label!r}")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("report") / "store.duckdb")


@pytest.fixture(scope="module")
def first_report(store: Path) -> tuple[Path, subprocess.CompletedProcess[str], int]:
    """Week 47's report, written while an app-like process keeps reading the store."""
    out = store.parent / "week47.pdf"
    reader = subprocess.Popen(
        [sys.executable, "-c", APP_LIKE_READER, str(store), "25"], stdout=subprocess.PIPE, text=True
    )
    assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
    result = anchorspend("report", "--db", str(store), "--week", "2026-W47", "--out", str(out))
    reads = int(reader.communicate(timeout=60)[0] or 0)
    return out, result, reads


def test_report_runs_while_the_app_reads(
    first_report: tuple[Path, subprocess.CompletedProcess[str], int],
) -> None:
    out, result, reads = first_report
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert reads > 5  # the reader really was reading throughout


def test_headline_figures_equal_metrics_json(store: Path, first_report: tuple) -> None:
    text = pdf_text(first_report[0])
    result = anchorspend(
        "metrics", "--json", "--db", str(store), "--from", "2026-04-01", "--to", "2026-11-22"
    )
    assert result.returncode == 0, result.stderr
    m = json.loads(result.stdout)
    # Formatted here, independently of the report's own formatting code.
    expected = {
        "Spend in scope": f"£{m['total_spend']:,.0f}",
        "Local share": f"{m['local_share'] * 100:.1f}%",
        "Regional share": f"{m['regional_share'] * 100:.1f}%",
        "Unknown location": f"{m['unknown_share'] * 100:.1f}%",
        "LM3 (local multiplier)": f"{m['lm3']['value']:.2f}",
    }
    for label, value in expected.items():
        assert printed(label, text) == value, label
    # the other poolings of the local share are printed beside it, not as rows of their own
    flat = " ".join(text.split())
    assert f"mean of anchors {m['unweighted_local_share'] * 100:.1f}%" in flat
    assert f"of located spend {m['located_local_share'] * 100:.1f}%" in flat
    # And by hand, from the payments in report_store.py: in scope 247,000 + 85,000; local 100,000 + 25,000.
    assert printed("Spend in scope", text) == "£332,000"
    assert printed("Local share", text) == "37.7%"  # 125,000 / 332,000
    assert printed("Regional share", text) == "52.7%"  # 175,000 / 332,000
    assert printed("Unknown location", text) == "5.1%"  # 17,000 / 332,000


def test_first_page_says_what_a_leader_needs_in_plain_english(store: Path, first_report: tuple) -> None:
    pages = pdf_text(first_report[0]).split("\f")
    first = " ".join(pages[0].split())
    result = anchorspend("metrics", "--json", "--db", str(store), "--from", "2026-04-01", "--to", "2026-11-22")
    m = json.loads(result.stdout)
    # Worked here from report_store.py: 125,000 local of 332,000; a year earlier 40,000 of 120,000 (33.3%),
    # both anchors having files for every month of both years.
    assert f"{m['local_share'] * 100:.1f}%" == "37.7%"
    assert "Local share 37.7%" in first or ("Local share" in first and "37.7%" in first)
    assert "Of the £332k these anchors paid to suppliers, 37.7% went to suppliers based in Northbridge." in first
    assert "up 4.3 percentage points on the same period a year earlier, like for like" in first  # 37.65 - 33.33
    assert f"worth about £{m['lm3']['value']:.2f} to the local economy" in first
    # the three largest leaks, largest first, each a sentence: software £60,000 + £50,000, construction £30,000
    leaks = first[first.index("Where the money leaves the area") : first.index("What the anchors could do")]
    assert leaks.index("Computer programming") < leaks.index("Construction")
    assert " · " not in leaks  # sectors by name, without their SIC division numbers ('62 · ')
    # with its period: the opportunities below it give their amounts a year
    assert "£110k paid to suppliers outside the region by 2 anchors from 1 Apr to 22 Nov 2026" in leaks
    assert "1 local supplier already works in this sector" in leaks
    assert "What the anchors could do together" in first
    assert "E07000901" not in first  # no codes on the first page: names only
    assert "About these figures." in first  # the first page holds its own note: one page, then the detail
    assert "Headline figures" in pages[1]
    appendix = " ".join(" ".join(pages[-3:]).split())
    assert first.count("R1 =") == 0 and " ".join(" ".join(pages).split()).count("R1 = £") == 1  # LM3 worked once
    assert "Sme share" not in appendix and "Vcse share" not in appendix


def test_pdf_is_paginated_tagged_titled_and_names_no_individual(first_report: tuple) -> None:
    out = first_report[0]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = pdf_text(out)
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "Fictional demo data" in text
    assert "1 April 2026 to 22 November 2026" in text
    for heading in (
        "Headline figures",
        "Monthly trend",
        "Leakage by sector",
        "Top collaboration opportunities",
        "Map",
        "Data freshness and quality",
        "Appendix: method, assumptions and licences",
    ):
        assert heading in text
    assert "Contains OS data © Crown copyright and database right" in text  # the sources the method names
    assert "Contains Royal Mail data" in text and "Open Government Licence v3.0" in text
    assert "Boundaries and postcodes invented for the fictional demo region" in text  # under the map
    assert PERSON not in text and REDACTED_LABEL not in text


def test_next_report_shows_change_since_the_previous_one_and_is_mailed(
    store: Path, first_report: tuple
) -> None:
    with smtp_server() as inbox:
        env = mail_env(inbox.port, ANCHORSPEND_REPORT_TO="board@example.org")
        outbox = store.parent / "outbox"
        result = anchorspend(
            "report", "--db", str(store), "--week", "2026-W48", "--outbox", str(outbox), "--send", env=env
        )
    assert result.returncode == 0, result.stderr
    written = [p.name for p in outbox.iterdir()]
    assert len(written) == 1 and re.fullmatch(r"anchorspend-report_2026-W48_\d{4}-\d\d-\d\d\.pdf", written[0])
    text = pdf_text(outbox / written[0])
    # Week 48 ends on 29 November: the 999,999 paid on 30 November is still outside; nothing changed.
    assert "Previous report: week 2026-W47" in text
    assert re.search(r"Spend in scope\s+£332,000\s+no change", text)
    [(recipients, message)] = inbox.received
    assert recipients == ["board@example.org"]
    assert [a.get_filename() for a in message.iter_attachments()] == written


def test_failure_logs_exits_non_zero_alerts_the_admin_and_leaves_no_pdf(tmp_path: Path) -> None:
    outbox = tmp_path / "outbox"
    with smtp_server() as inbox:
        env = mail_env(inbox.port)
        result = anchorspend(
            "report", "--db", str(tmp_path / "missing.duckdb"), "--outbox", str(outbox), env=env
        )
    assert result.returncode != 0
    assert "report FAILED" in result.stderr and "no store at" in result.stderr
    assert "Traceback" not in result.stderr
    assert not outbox.exists() or not any(outbox.iterdir())
    [(recipients, message)] = inbox.received
    assert recipients == ["admin@example.org"]
    assert "no store at" in message.get_body(("plain",)).get_content()


def _words(path: Path, page: int) -> list[tuple[str, float, float]]:
    """(word, top, height in pt) of every word on one page, as pdftotext finds them."""
    found = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [
        (word, float(top), float(bottom) - float(top))
        for top, bottom, word in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', found)
    ]


def _chart_words(path: Path, heading: str, above: str, below: tuple[str, ...]) -> tuple[list[tuple[str, float]], float]:
    """The words of the chart on the page headed `heading` (between the last line holding `above` and the first
    line starting with one of `below`) with their heights, and the height of a 10 pt line of text on that page."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    every = [_words(path, p) for p in range(1, pages + 1)]
    words = next(page for page in every if heading in " ".join(w for w, _, _ in page[:40]))
    top = max(y for w, y, _ in words if w == above)
    bottom = min(y for w, y, _ in words if y > top and w in below)
    chart = [(w, h) for w, y, h in words if top + 5 < y < bottom - 2]
    body = sorted(h for w, y, h in words if y > bottom + 20 and not w.startswith("£"))
    return chart, body[len(body) // 2]


@pytest.mark.parametrize(
    ("heading", "above", "below"),
    [
        ("Leakage by sector", "shown", ("The",)),  # the chart between its paragraph and its table's caption
        ("Map: where the suppliers paid are", "wherever", ("Boundaries", "Contains")),  # above the licence line
    ],
)
def test_charts_print_their_text_as_large_as_the_text_around_them(
    first_report: tuple, heading: str, above: str, below: tuple[str, ...]
) -> None:
    chart, typical = _chart_words(first_report[0], heading, above, below)
    money = [w.strip("().,") for w, _ in chart if re.match(r"^\(?£\d", w)]
    assert money and all(re.match(r"^£\d+(\.\d)?(bn|m|k)?$", t) for t in money), money  # £10m, never £10M
    small = [(w, round(h, 1)) for w, h in chart if h < 0.9 * typical]
    assert chart and not small, f"chart words under 90% of the {typical:.1f} pt text around them: {small}"
