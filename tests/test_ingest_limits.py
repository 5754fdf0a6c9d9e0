"""Hostile files refused before any reader touches them: workbook extents, zip bombs, special and huge files."""

from __future__ import annotations

import os
import threading
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from cli_process import run_cli

from anchorspend.files import limits
from anchorspend.files.errors import FileRefused
from anchorspend.ingest import detect_layout, ingest_file
from anchorspend.ingest.errors import IngestError

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def cell(ref: str | None, text: str) -> str:
    where = f' r="{ref}"' if ref else ""
    return f'<c{where} t="inlineStr"><is><t>{text}</t></is></c>'


def workbook(path: Path, rows: str, dimension: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal XLSX written by hand: one sheet whose <sheetData> is rows."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", CONTENT_TYPES)
        book.writestr("_rels/.rels", ROOT_RELS)
        book.writestr("xl/workbook.xml", WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        book.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return path


HEADER_ROW = (
    '<row r="1">'
    + "".join(cell(f"{col}1", name) for col, name in zip("ABC", ("Date", "Supplier", "Amount"), strict=True))
    + "</row>"
)


def refused(path: Path, store: Path) -> str:
    """The one-line error of loading the file, checked to be a failure of one line."""
    report = ingest_file(store, path, "Hostile Council", "council")[0]
    assert report.status == "failed"
    assert report.error and "\n" not in report.error and len(report.error) < 300
    return report.error


def test_cells_at_the_far_corner_are_refused_not_allocated(tmp_path: Path, store_path: Path) -> None:
    path = workbook(tmp_path / "corner.xlsx", HEADER_ROW + f'<row r="1048576">{cell("XFD1048576", "x")}</row>')
    assert path.stat().st_size < 2000  # the 1.5 KB file of the report
    error = refused(path, store_path)
    assert "16,384 columns, over the limit of 1,000" in error
    with pytest.raises(IngestError, match="over the limit"):
        detect_layout(path)  # the Data page's upload preview


def test_declared_dimension_is_checked(tmp_path: Path, store_path: Path) -> None:
    path = workbook(tmp_path / "declared.xlsx", HEADER_ROW, dimension="A1:XFD1048576")
    assert "sheet 'sheet1' declares 16,384 columns, over the limit of 1,000" in refused(path, store_path)


def test_tall_and_wide_rectangle_over_the_cell_limit(tmp_path: Path, store_path: Path) -> None:
    # 900 columns is within the column limit, 30,000 rows x 900 columns is not within the cell limit.
    path = workbook(tmp_path / "tall.xlsx", HEADER_ROW + f'<row r="30000">{cell("AHP30000", "x")}</row>')
    error = refused(path, store_path)
    assert "30,000 rows x 900 columns" in error and f"{limits.MAX_SHEET_CELLS:,} cells" in error


def test_cells_without_references_are_counted(tmp_path: Path, store_path: Path) -> None:
    path = workbook(tmp_path / "norefs.xlsx", HEADER_ROW + "<row>" + cell(None, "x") * 1500 + "</row>")
    assert "over the limit of 1,000" in refused(path, store_path)


def test_zip_bomb_is_refused_by_its_unzipped_size(tmp_path: Path, store_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 8 << 20)
    path = workbook(tmp_path / "bomb.xlsx", HEADER_ROW, extra={"xl/media/padding.bin": b"\0" * (16 << 20)})
    assert path.stat().st_size < 100_000
    error = refused(path, store_path)
    assert "bomb.xlsx unzips to 16," in error and "bytes, over the limit of 8 MB (a zip bomb?)" in error


def test_not_a_zip_is_refused_in_one_line(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    # the report names the file once, before its reason (LoadReport.failed), so the reason does not repeat it
    assert "could not open the workbook: it is damaged or not really .xlsx" in refused(path, store_path)


def test_a_normal_workbook_still_loads(tmp_path: Path, store_path: Path, no_refresh: list[object]) -> None:
    rows = HEADER_ROW + "".join(
        f'<row r="{n}">{cell(f"A{n}", "2024-04-0" + str(n))}{cell(f"B{n}", "Acme Ltd")}'
        f'<c r="C{n}"><v>{n}.5</v></c></row>'
        for n in range(2, 6)
    )
    report = ingest_file(store_path, workbook(tmp_path / "ok.xlsx", rows, "A1:C5"), "Town", "council")[0]
    assert report.status == "loaded", report.error
    assert report.rows_loaded == 4


def test_the_cli_survives_the_hostile_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "corner.xlsx", HEADER_ROW + f'<row r="1048576">{cell("XFD1048576", "x")}</row>')
    done = run_cli("ingest", path, "--anchor", "Town", "--kind", "council", "--db", tmp_path / "s.duckdb")
    assert done.returncode == 1, done.stderr  # a refusal, not an abort (134)
    assert "over the limit of 1,000" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def _in_time(action, seconds: float = 20):  # noqa: ANN001, ANN202
    """Run action in a thread and fail if it has not returned in time (a read of a pipe blocks for ever)."""
    outcome: list[object] = []

    def attempt() -> None:
        try:
            outcome.append(action())
        except Exception as exc:  # handed back to the test's thread
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "blocked reading a special file"
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def test_a_fifo_is_refused_before_reading(tmp_path: Path, store_path: Path) -> None:
    fifo = tmp_path / "spend.csv"
    os.mkfifo(fifo)
    [report] = _in_time(lambda: ingest_file(store_path, fifo, "Town", "council"))
    assert report.status == "failed"
    assert "not a regular file" in report.error
    with pytest.raises(FileRefused, match="not a regular file"):
        _in_time(lambda: limits.read_file(fifo))


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(special: str, store_path: Path) -> None:
    if not Path(special).exists():
        pytest.skip(f"{special} not on this system")
    [report] = _in_time(lambda: ingest_file(store_path, Path(special), "Town", "council"))
    assert "not a regular file" in report.error


def test_a_folder_is_refused(tmp_path: Path, store_path: Path) -> None:
    report = ingest_file(store_path, tmp_path, "Town", "council")[0]
    assert (report.file, report.error) == (tmp_path.name, "it is a folder, not a file")  # the name once


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, store_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(limits.MAX_FILE_BYTES + 1)  # sparse: no disk used, nothing to read
    report = ingest_file(store_path, path, "Town", "council")[0]
    said = "it is 2,147,483,649 bytes, over the limit of 2 GiB for one file"
    assert (report.file, report.error) == ("huge.csv", said)  # the name once, before the reason


def test_references_after_other_attributes_are_read_too(tmp_path: Path, store_path: Path) -> None:
    # Most writers put r first; some do not. The far corner is found either way.
    far = '<row r="1048576"><c t="inlineStr" s="0" r="XFD1048576"><is><t>x</t></is></c></row>'
    assert "16,384 columns, over the limit of 1,000" in refused(
        workbook(tmp_path / "late.xlsx", HEADER_ROW + far), store_path
    )
    near = '<row r="2"><c t="inlineStr" r="B2"><is><t>Acme Ltd</t></is></c></row>'
    limits.check_workbook(workbook(tmp_path / "fine.xlsx", HEADER_ROW + near))  # no refusal


def ods(path: Path, rows_xml: str) -> Path:
    """An OpenDocument spreadsheet with one sheet of the given row XML."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Payments">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content)
        book.writestr("META-INF/manifest.xml", manifest)
    return path


def ods_cell(text: str, repeat: int = 1) -> str:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeat}" office:value-type="string">'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


ODS_HEADER = "<table:table-row>" + ods_cell("Date") + ods_cell("Supplier") + ods_cell("Amount") + "</table:table-row>"


def test_an_ods_cell_repeated_a_billion_times_is_refused_not_allocated(tmp_path: Path, store_path: Path) -> None:
    # LibreOffice writes runs of equal cells once with a repeat count: 500 bytes can ask for 16 billion cells,
    # and the reader would allocate them (6 million took 770 MB).
    row = f'<table:table-row table:number-rows-repeated="1000000">{ods_cell("x", 16000)}</table:table-row>'
    path = ods(tmp_path / "bomb.ods", ODS_HEADER + row)
    assert path.stat().st_size < 1000
    assert "sheet 'Payments' has cells over 16,000 columns, over the limit of 1,000" in refused(path, store_path)
    tall = f'<table:table-row table:number-rows-repeated="30000">{ods_cell("x", 900)}</table:table-row>'
    assert "30,001 rows x 900 columns" in refused(ods(tmp_path / "tall.ods", ODS_HEADER + tall), store_path)


def test_an_ods_with_libreoffice_empty_runs_still_loads(
    tmp_path: Path, store_path: Path, no_refresh: list[object]
) -> None:
    # A real LibreOffice file ends with the rest of the sheet written as one empty run of rows and columns.
    rows = "".join(
        f"<table:table-row>{ods_cell(f'2024-04-0{n}')}{ods_cell('Acme Ltd')}{ods_cell(f'{n}.50')}"
        '<table:table-cell table:number-columns-repeated="1021"/></table:table-row>'
        for n in range(1, 5)
    )
    empty = (
        '<table:table-row table:number-rows-repeated="1048571">'
        '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
    )
    report = ingest_file(store_path, ods(tmp_path / "ok.ods", ODS_HEADER + rows + empty), "Town", "council")[0]
    assert report.status == "loaded", report.error
    assert (report.rows_loaded, report.amount_total) == (4, Decimal("12.00"))
