"""The Charity Commission, NHS ODS, GIAS and ONS council files, read by the one file reader (anchorspend.files)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import polars as pl

from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import read_file
from anchorspend.files.text import decode_text, sniff_delimiter
from anchorspend.suppliers.normalise import normalise_charity_number, normalise_company_number
from anchorspend.suppliers.registers import layouts
from anchorspend.suppliers.registers.errors import RegisterError

# The columns every register frame has (register_from_frame.sql turns it into the register's table).
SCHEMA: dict[str, pl.DataType | type[pl.DataType]] = {
    "entity_id": pl.String,
    "name": pl.String,
    "previous_names": pl.List(pl.String),
    "postcode": pl.String,
    "status": pl.String,
    "is_active": pl.Boolean,
    "category": pl.String,
    "org_kind": pl.String,
    "accounts_category": pl.String,
    "sic_codes": pl.List(pl.String),
    "company_number": pl.String,
    "charity_number": pl.String,
    "rejected": pl.String,  # why a row is not loaded; null for a loaded row
}
# GIAS establishment groups that are not public bodies (their type then comes from other evidence).
GIAS_NOT_PUBLIC = ("independent", "welsh", "other types", "children's centres")


def read(register: str, paths: list[Path]) -> pl.DataFrame:
    """All rows of a register's files as one frame (rows that cannot be loaded keep their reason)."""
    frames = []
    for path in paths:
        try:
            raw = read_file(path)
            if b"\x00" in raw[:8192]:
                raise RegisterError(f"{path.name}: not a text file (it holds binary data)")
            text, _ = decode_text(raw)  # UTF-8 with or without a BOM, or Windows-1252 (GIAS)
        except FileRefused as exc:
            raise RegisterError(str(exc)) from exc
        delimiter = sniff_delimiter(text[:65536])  # the charity extract is tab-separated
        try:
            rows = [
                [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            ]
        except csv.Error as exc:
            raise RegisterError(f"{path.name}: could not read the file as CSV ({exc})") from exc
        rows = [row for row in rows if any(row)]
        if not rows:
            raise RegisterError(f"{path.name}: the file is empty")
        reader = {"charities": _charities, "ods": _ods, "gias": _gias, "councils": _councils}[register]
        frames.append(reader(path, rows))
    return pl.concat(frames, how="vertical")


def rejected(frame: pl.DataFrame) -> tuple[int, str | None]:
    """How many rows of a register frame are not loaded, and the first one's reason."""
    reasons = frame.filter(pl.col("rejected").is_not_null())
    if reasons.is_empty():
        return 0, None
    first = reasons.row(0, named=True)
    return reasons.height, f"{first['entity_id'] or first['name'] or 'a row'}: {first['rejected']}"


def _cell_by_name(at: dict[str, int]) -> Callable[[list[str], str], str]:
    """A row's cell by its header name: '' when the column is absent or the row is short."""

    def cell(row: list[str], name: str) -> str:
        return row[at[name]] if name in at and at[name] < len(row) else ""

    return cell


def _by_header(path: Path, rows: list[list[str]], needed: tuple[str, ...]) -> tuple[dict[str, int], list[list[str]]]:
    """Column positions by header, refusing a file that lacks one the register needs."""
    header = [cell.lstrip("\ufeff").strip() for cell in rows[0]]
    positions = {name: i for i, name in enumerate(header) if name}
    missing = [name for name in needed if name not in positions]
    if missing:
        raise RegisterError(f"{path.name}: not the published layout (no column {', '.join(missing[:3])})")
    return positions, rows[1:]


def _frame(records: list[dict[str, object]]) -> pl.DataFrame:
    return pl.DataFrame(records, schema=SCHEMA)


def _entity(**values: object) -> dict[str, object]:
    record: dict[str, object] = dict.fromkeys(SCHEMA)
    record.update(previous_names=[], sic_codes=[])
    record.update(values)
    return record


def _charities(path: Path, rows: list[list[str]]) -> pl.DataFrame:
    at, body = _by_header(path, rows, layouts.CHARITIES_NEEDED)
    cell = _cell_by_name(at)

    records = []
    for row in body:
        number = normalise_charity_number(cell(row, "registered_charity_number"))
        linked = cell(row, "linked_charity_number")
        name = cell(row, "charity_name")
        reason = None if number and name else "no charity number or name"
        if number and linked.strip("0 ") and linked.isdigit():
            number = f"{number}-{int(linked)}"  # a linked charity (subsidiary), as normalise_charity_number writes it
        status = cell(row, "charity_registration_status")
        records.append(
            _entity(
                entity_id=number,
                name=name,
                postcode=cell(row, "charity_contact_postcode"),
                status=status or None,
                is_active=status.lower() in ("registered", ""),
                category=cell(row, "charity_type") or None,
                org_kind="cio" if cell(row, "charity_is_cio").lower() in ("true", "1", "yes") else "charity",
                company_number=normalise_company_number(cell(row, "charity_company_registration_number") or None),
                charity_number=number,
                rejected=reason,
            )
        )
    return _frame(records)


def _ods(path: Path, rows: list[list[str]]) -> pl.DataFrame:
    if not rows or len(rows[0]) < 12:
        raise RegisterError(f"{path.name}: not an NHS ODS extract (no header row, {layouts.ODS_WIDTH} columns)")
    fields = layouts.ODS_FIELDS
    records = []
    for row in rows:
        code, name = row[fields["code"]], row[fields["name"]]
        close = row[fields["close_date"]] if len(row) > fields["close_date"] else ""
        records.append(
            _entity(
                entity_id=code.upper() or None,
                name=name,
                postcode=row[fields["postcode"]] if len(row) > fields["postcode"] else None,
                status="closed" if close else "open",
                is_active=not close,
                category=f"NHS ODS {path.stem}",
                org_kind="public",
                rejected=None if code and name else "no ODS code or name",
            )
        )
    return _frame(records)


def _gias(path: Path, rows: list[list[str]]) -> pl.DataFrame:
    at, body = _by_header(path, rows, layouts.GIAS_NEEDED)
    cell = _cell_by_name(at)

    records = []
    for row in body:
        urn, name = cell(row, "URN"), cell(row, "EstablishmentName")
        group = cell(row, "EstablishmentTypeGroup (name)") or cell(row, "TypeOfEstablishment (name)")
        status = cell(row, "EstablishmentStatus (name)")
        public = not any(word in group.lower() for word in GIAS_NOT_PUBLIC)
        records.append(
            _entity(
                entity_id=urn or None,
                name=name,
                postcode=cell(row, "Postcode"),
                status=status or None,
                is_active=not status.lower().startswith("closed"),
                category=cell(row, "TypeOfEstablishment (name)") or None,
                org_kind="public" if public else "independent",
                company_number=normalise_company_number(cell(row, "CompaniesHouseNumber") or None),
                charity_number=normalise_charity_number(cell(row, "CharitiesCommissionNumber") or None),
                rejected=None if urn.isdigit() and name else "no URN or name",
            )
        )
    return _frame(records)


def _councils(path: Path, rows: list[list[str]]) -> pl.DataFrame:
    header = [cell.lstrip("\ufeff").strip() for cell in rows[0]]
    codes = [(i, m) for i, cell in enumerate(header) if (m := layouts.COUNCIL_CODE_COLUMN.match(cell))]
    names = {cell.upper(): i for i, cell in enumerate(header)}
    found = [(i, names[f"{m[1]}{m[2]}NM".upper()], m) for i, m in codes if f"{m[1]}{m[2]}NM".upper() in names]
    if not found:
        raise RegisterError(
            f"{path.name}: not an ONS names and codes list of councils (no LADyyCD and LADyyNM columns)"
        )
    at_code, at_name, match = found[0]
    welsh = names.get(f"{match[1]}{match[2]}NMW".upper())
    records = []
    for row in rows[1:]:
        code = row[at_code].upper() if at_code < len(row) else ""
        name = row[at_name] if at_name < len(row) else ""
        place = name.split(",")[0].strip()  # "Bristol, City of" is written "Bristol City Council"
        others = [style.format(place) for style in layouts.COUNCIL_STYLES] if place else []
        if welsh is not None and welsh < len(row) and row[welsh].strip() not in ("", name):
            others.append(row[welsh].strip())
        records.append(
            _entity(
                entity_id=code or None,
                name=name,
                previous_names=others,
                status="current",
                is_active=True,
                category=f"ONS {match[1].upper()}{match[2]}",
                org_kind="public",
                rejected=None if layouts.COUNCIL_CODE.match(code) and name else "no GSS code or name",
            )
        )
    return _frame(records)
