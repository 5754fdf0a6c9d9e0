"""Data: load spend files, replace or remove them, coverage, imports, rules, change log."""

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import polars as pl
import streamlit as st

from anchorspend import db, links, ui
from anchorspend.admin_views import (
    coverage_by_month,
    files_view,
    import_uploads,
    log_view,
    upload_problem,
    without_empty,
)
from anchorspend.present.anchor_names import short_names
from anchorspend.present.empty import NO_PAYMENTS
from anchorspend.view import Filters, fy_start_year, literal

UPLOAD_LIMIT_MB = 100
KINDS = ("council", "nhs", "housing", "education", "police", "other")
NEW_ANCHOR = "New anchor…"
EVERY_SHEET = "Every sheet"
NEXT_ANCHOR = "_load_anchor_next"  # the new anchor a load just made, chosen in the list on the next run
LAST_LOAD = "_last_load"  # (sha256 of the file, its load reports): shown until another file is chosen


def main() -> None:
    st.title("Data")
    if ui.closed_in_workshop():
        return
    who = ui.require_sign_in("load files and change settings")
    if ui.auth_mode() is None:  # local use: say so rather than "signed in as local"
        st.caption(
            "No sign-in is set up, so anyone who can open this page can change the data (see 'Sign-in' in the "
            "README). Every change is kept in the change log."
        )
    else:
        st.caption(f"Signed in as {literal(who.removeprefix('app:'))}. Every change is kept in the change log.")
    load, files, coverage, imports, rules, log = st.tabs(
        [
            "Load a spend file",
            "Files loaded",
            "Coverage",
            "Registers, contracts, geography",
            "Rules and assumptions",
            "Change log",
        ]
    )
    sections = (
        (load, "Loading", lambda: _load(who)),
        (files, "The list of files", lambda: _files(who)),
        (coverage, "The coverage grid", _coverage),
        (imports, "Importing", lambda: _imports(who)),
        (rules, "The rules and assumptions", _rules),
        (log, "The change log", _log),
    )
    for tab, what, body in sections:
        with tab, ui.guard(what):  # one tab's failure leaves the others working
            body()


FIELD_LABELS = {
    "paid_on": "Date paid *",
    "fiscal_period": "Or: accounting period (when there is no date)",
    "amount": "Amount (£) *",
    "credit": "Or beside it: credits / refunds (£), stored negative",
    "supplier": "Supplier (who was paid) *",
    "gross": "Gross amount (incl. VAT)",
    "vat": "VAT",
    "entity": "Paying body or department",
    "expense_type": "Expense type",
    "expense_area": "Service area",
    "description": "Description",
    "transaction_ref": "Transaction reference",
    "company_number": "Company number",
    "charity_number": "Charity number",
}
# The fields every total rests on, as the sentence above the preview names them.
KEY_FIELDS = {
    "paid_on": "date paid",
    "fiscal_period": "accounting period",
    "amount": "amount",
    "credit": "refunds (negative)",
    "supplier": "supplier",
}


def upload_limit_mb() -> int:
    """The upload size limit: a deployment may lower it in secrets (upload_limit_mb)."""
    try:
        return max(1, int(ui.secret("upload_limit_mb", UPLOAD_LIMIT_MB)))
    except (TypeError, ValueError):
        return UPLOAD_LIMIT_MB


def _saved_upload(upload) -> Path:
    """Keep an upload beside the store (git-ignored) under its name, in a folder named by its content."""
    data = upload.getvalue()
    folder = Path(ui.database_path()).resolve().parent / "uploads" / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    path.write_bytes(data)
    return path


def _choose_anchor(anchors: pl.DataFrame) -> tuple[str, str, str, int | None]:
    """The anchor chosen (or named new), its kind, and the earlier file the upload replaces, if any."""
    if NEXT_ANCHOR in st.session_state:  # a new anchor just loaded is in the list now: choose it there
        st.session_state["load_anchor"] = st.session_state.pop(NEXT_ANCHOR)
    left, right = st.columns(2)
    choice = left.selectbox(
        "Anchor (who published the file)", anchors["name"].to_list() + [NEW_ANCHOR], key="load_anchor"
    )
    if choice == NEW_ANCHOR:
        anchor = left.text_input("Name of the new anchor", key="new_anchor").strip()
        kind = right.selectbox("Kind", KINDS, key="new_kind")
    else:
        anchor = choice
        kind = anchors.filter(pl.col("name") == choice)["kind"][0]
    active = ui.query("files_list").filter(pl.col("status") == "active") if ui.has_store() else pl.DataFrame()
    same = active.filter(pl.col("anchor") == anchor) if not active.is_empty() else active
    replacing = right.selectbox(
        "Replaces an earlier file (a re-issued month)?",
        [None] + same["file_id"].to_list() if not same.is_empty() else [None],
        format_func=lambda i: (
            "No, it is a new file" if i is None else f"{same.filter(pl.col('file_id') == i)['name'][0]} (file {i})"
        ),
        key="load_replaces",
    )
    return choice, anchor, kind, replacing


def _load(who: str) -> None:
    from anchorspend import ingest
    from anchorspend.ingest.columns import missing_fields

    anchors = ui.query("ui_anchors") if ui.has_store() else pl.DataFrame({"name": [], "kind": []})
    place = ui.place()
    if place is not None and place.is_fictional:
        # `make run` builds the demo into the default store, so a first real file would land among made-up ones
        st.info(
            f"This store holds a fictional place ({literal(place.name)}): a real file loaded here is pooled with "
            "its made-up payments. For your own place, start the app on a store of its own, e.g. "
            "`ANCHORSPEND_DB=data/myplace.duckdb .venv/bin/streamlit run serve.py`, and load the files there."
        )
    choice, anchor, kind, replacing = _choose_anchor(anchors)
    limit = upload_limit_mb()
    upload = st.file_uploader(
        f"Spend file (CSV, XLSX, XLS or a text PDF, up to {limit} MB)",
        type=["csv", "xlsx", "xls", "pdf"],
        max_upload_size=limit,
        key="spend_upload",
    )
    if upload is None or not anchor:
        st.caption("Choose the anchor and a file; the columns are recognised for known layouts.")
        return
    known = {name.casefold(): name for name in anchors["name"].to_list()}
    if choice == NEW_ANCHOR and anchor.casefold() in known:  # one anchor, not two spellings of it
        st.error(f"Not loaded: {literal(known[anchor.casefold()])} is already an anchor; choose it in the list.")
        return
    problem = upload_problem(upload.name, upload.getvalue(), limit)
    if problem:
        st.error(f"Not loaded: {literal(problem)}")
        return
    path = _saved_upload(upload)
    try:
        layouts = ingest.detect_layout(path, store=ui.database_path())
    except ingest.IngestError as exc:
        st.error(f"Not loaded: {literal(upload.name)} cannot be read as a spend file ({literal(exc)}).")
        return
    if not layouts:
        st.error(
            f"Not loaded: {literal(upload.name)} has no header row in its first 50 rows (is it empty, or not a "
            "spending table?)."
        )
        return
    sheets = [x.sheet for x in layouts]
    sheet = (
        st.selectbox(
            "Sheet",
            [EVERY_SHEET] + sheets,
            key="load_sheet",
            help="Every sheet whose columns are recognised is loaded; the others are listed as skipped.",
        )
        if len(layouts) > 1
        else sheets[0]
    )
    layout = layouts[0] if sheet == EVERY_SHEET else next(x for x in layouts if x.sheet == sheet)
    chosen_sheet = None if sheet == EVERY_SHEET else layout.sheet or None
    mapping = _mapping(layout, ingest.FIELDS)
    missing = [FIELD_LABELS[f].rstrip(" *") for f in missing_fields(mapping)]
    if missing:
        st.warning(f"Say which column holds: {literal(', '.join(missing))}. Then load the file.")
    chosen_file = hashlib.sha256(upload.getvalue()).hexdigest()
    if st.button("Load the file", type="primary", key="load_go", disabled=bool(missing)):
        # Only a mapping the person changed is passed (and remembered as theirs); else ingest decides.
        given = mapping if mapping != layout.mapping else None
        with st.spinner("Reading and loading…"), db.acting_as(who):
            if replacing is not None:
                reports = [
                    ingest.replace_file(ui.database_path(), int(replacing), path, sheet=chosen_sheet, mapping=given)
                ]
            else:
                reports = ingest.ingest_file(ui.database_path(), path, anchor, kind, sheet=chosen_sheet, mapping=given)
        _drop_empty(reports, who)
        # Run again so that the sidebar offers the new months (it was drawn before the load: a first file left
        # it saying "No data yet"); the report stays on screen while this file is the one chosen.
        st.session_state[LAST_LOAD] = (chosen_file, reports)
        if choice == NEW_ANCHOR and any(r.status == "loaded" and r.rows_loaded for r in reports):
            st.session_state[NEXT_ANCHOR] = anchor
        st.rerun()
    last = st.session_state.get(LAST_LOAD)
    if last and last[0] == chosen_file:
        for report in last[1]:
            _show_report(report)


def _next_steps(report) -> None:
    """Where the new payments show: the sidebar's period may not reach them, and no place means no local share."""
    first, last = date.fromisoformat(report.period_from), date.fromisoformat(report.period_to)
    shown = ui.filters()
    if shown.date_from is not None and shown.date_from <= last and first <= shown.date_to:
        st.caption(
            f"The pages' figures for the sidebar's period, {literal(shown.period_label)}, include it now. Check "
            "its months on 'Coverage', and new spellings of suppliers on the Suppliers page's review queue."
        )
    else:
        year = links.financial_year(fy_start_year(last))
        st.info(
            f"The sidebar shows {literal(shown.period_label or 'no period')}, which holds none of these payments: "
            f"choose financial year {literal(year.code)} under Period to see them."
        )
        st.button(
            f"Show {literal(year.code)} in the sidebar",
            key="load_show_period",
            on_click=_choose_period,
            args=(year.code,),
        )
    if not ui.tiers(shown)[0]:
        st.info(
            "No place is set, so every supplier's location counts as unknown and the local figures read 'Not set'. "
            "Import the geography (boundaries and a postcode lookup) on 'Registers, contracts, geography', then "
            "choose the local and regional districts under Place in the sidebar, or store them with "
            "`anchorspend place set`."
        )


def _choose_period(code: str) -> None:
    """Set the sidebar's period to a financial year (before the next run draws it)."""
    st.session_state["period"] = "fy"
    st.session_state["fy"] = code


def _mapping(layout, fields: tuple[str, ...]) -> dict[str, str]:
    """Show the proposed mapping; let the user fix it (remembered for this layout next time)."""
    source = {
        "synonyms": "recognised by their names",
        "content": "recognised by what they hold (check them below)",
        "remembered": "as you mapped this layout before",
        "user": "as given",
    }.get(layout.mapped_by, layout.mapped_by)
    basis = {"net": "net of VAT", "gross": "including VAT"}.get(layout.amount_basis, "not said (net or gross)")
    if not layout.mapping:  # 'recognised by their names' would claim what did not happen
        source = "none recognised"
    # The three columns every total rests on, named here: a wrong guess is seen before the load, not after.
    placed = [
        f"{what} from '{layout.mapping[field]}'"
        for field, what in KEY_FIELDS.items()
        if layout.mapping.get(field)
    ]
    st.markdown(
        f"Header found on row {layout.header_row}"
        + (f": {literal(', '.join(placed))}" if placed else "")
        + f" (columns {source}; 'Columns' below changes them). VAT basis of the amounts: {basis}."
    )
    if layout.sample:
        st.dataframe(pl.DataFrame(layout.sample, infer_schema_length=None).head(5), hide_index=True)
    if layout.missing:
        st.info(
            "This layout is new to Anchor Spend. Say which column holds each field marked *; the mapping "
            "is remembered, so the next file with these headers loads without asking."
        )
    with st.expander("Columns", expanded=bool(layout.missing)):
        options = [None] + list(layout.columns)
        mapping: dict[str, str] = {}
        columns = st.columns(3)
        for i, field in enumerate(fields):
            current = layout.mapping.get(field)
            chosen = columns[i % 3].selectbox(
                FIELD_LABELS.get(field, field.replace("_", " ")),
                options,
                index=options.index(current) if current in options else 0,
                key=f"map_{layout.fingerprint[:8]}_{field}",
                format_func=lambda c: "—" if c is None else c,
            )
            if chosen:
                mapping[field] = chosen
    return mapping


def _drop_empty(reports, who: str) -> None:
    """Keep no file that loaded nothing: it would block loading the same file again with a corrected mapping."""
    from anchorspend import ingest

    for report in reports:
        if report.status == "loaded" and report.rows_loaded == 0 and report.replaced_file_id is None:
            with db.acting_as(who), ui.writable() as con:
                ingest.remove_file(con, int(report.file_id))


def _show_report(report) -> None:
    """The load report: read, loaded, rejected with reasons, and where to see the payments next."""
    if report.status == "failed":
        st.error(f"Not loaded: {literal(report.file)}. {literal(report.error)}")
        return
    if report.status == "already_loaded":
        st.info(
            f"{literal(report.file)} was already loaded for {literal(report.anchor)} (file {report.file_id}); "
            "nothing changed."
        )
        return
    if report.rows_loaded == 0 and report.replaced_file_id is not None:
        st.error(
            f"Nothing loaded from {literal(report.file)}: it replaced file {report.replaced_file_id}, whose payments "
            f"are now out of every total. Check the column mapping, remove file {report.file_id} and load "
            "the right file."
        )
    elif report.rows_loaded == 0:  # _drop_empty removed it
        why = (
            f"all {report.rows_read:,} rows were rejected (reasons below); check the column mapping"
            if report.rows_read
            else "it holds no payment rows"
        )
        st.error(f"Nothing loaded from {literal(report.file)}: {why}. The file was not kept.")
    else:
        st.success(
            f"{literal(report.file)}: {report.rows_loaded:,} of {report.rows_read:,} rows loaded for "
            f"{literal(report.anchor)} "
            f"as file {report.file_id} (£{report.amount_total:,.2f}, "
            f"{literal(report.period_from)} to {literal(report.period_to)})."
        )
        _next_steps(report)
    cols = st.columns(4)
    cols[0].metric("Rows read", f"{report.rows_read:,}")
    cols[1].metric("Loaded", f"{report.rows_loaded:,}")
    cols[2].metric("Rejected", f"{report.rows_rejected:,}")
    cols[3].metric("Duplicates of other files", f"{report.duplicates:,}")
    for warning in report.warnings:
        st.warning(literal(warning))
    for skipped in report.skipped_sheets:
        st.caption(f"Sheet skipped: {literal(skipped)}")
    if len(report.sheets) > 1:
        ui.table(
            pl.DataFrame(
                [
                    {
                        "sheet": c.sheet,
                        "read": c.rows_read,
                        "loaded": c.rows_loaded,
                        "rejected": c.rows_rejected,
                        "amount_gbp": float(c.amount_total),
                    }
                    for c in report.sheets
                ]
            ),
            "sheets_loaded",
        )
    if report.rejections:
        st.markdown("Rejected rows (the first 100; all are kept in the store):")
        rejected = pl.DataFrame(
            [
                {"sheet": r.sheet, "row": r.row_number, "reason": r.reason, "as read": r.raw_text}
                for r in report.rejections
            ]
        )
        ui.table(without_empty(rejected, "sheet"), "rejected_rows")


def _files(who: str) -> None:
    from anchorspend import ingest

    if "files_done" in st.session_state:
        st.success(st.session_state.pop("files_done"))
    files = ui.query("files_list")
    if files.is_empty():
        st.info("No files loaded yet.")
        return
    ui.table(files_view(files), "files")
    st.caption(
        "A re-issued file: load it on 'Load a spend file' and say which file it replaces; the old one's "
        "payments go as the new ones arrive."
    )
    active = files.filter(pl.col("status") == "active")
    if active.is_empty():
        return
    st.markdown("**Remove a wrong file** (its payments leave every total; the file stays listed as removed).")
    left, right = st.columns([3, 1])
    file_id = left.selectbox(
        "File",
        active["file_id"].to_list(),
        key="remove_file",
        format_func=lambda i: (
            f"{active.filter(pl.col('file_id') == i)['anchor'][0]}: "
            f"{active.filter(pl.col('file_id') == i)['name'][0]} (file {i})"
        ),
    )
    sure = right.checkbox("I am sure", key="remove_sure")
    if st.button("Remove the file", disabled=not sure, key="remove_go"):
        with db.acting_as(who), ui.writable() as con:
            removed = ingest.remove_file(con, int(file_id))
        st.session_state["files_done"] = f"File {file_id} removed ({removed:,} payments)."
        st.rerun()  # the list above, the coverage and every page now without it


def _coverage() -> None:
    if not ui.has_store():
        st.info(NO_PAYMENTS)
        return
    grid = ui.coverage(Filters())
    if grid.is_empty():
        st.info(NO_PAYMENTS)
        return
    tall = coverage_by_month(grid)
    anchors = [c for c in tall.columns if c != "month"]
    short = short_names(anchors)
    st.caption(
        "Net £ loaded per month (rows) and anchor (columns). A cell reading None is a month with no payments "
        "loaded for that anchor: ask the anchor for the file, or load it on 'Load a spend file'."
    )
    ui.table(
        tall,
        "coverage",
        column_config={  # anchors by short name: six full names did not fit one screen
            c: st.column_config.NumberColumn(short.get(c, c), format="£%,.0f", help=c) for c in anchors
        },
        height=ROW_PX * (tall.height + 1) + 3,  # every month at once: a gap must not hide below a scroll
    )


ROW_PX = 35  # st.dataframe's row height
def _log() -> None:
    ui.table(
        log_view(ui.query("ui_change_log", limit=1000)),
        "change_log",
        column_config={  # old and new side by side on one screen
            "changed_at": st.column_config.DatetimeColumn("When", format="D MMM YYYY, HH:mm"),
            "changed_by": st.column_config.Column("Who"),
            "old_value": st.column_config.Column("Old value", width="medium"),
            "new_value": st.column_config.Column("New value", width="medium"),
        },
    )
    st.caption("The newest 1,000 changes; download the table for the full text of long values.")


def _imports(who: str) -> None:
    kind = st.radio(
        "What are you importing?",
        ["register", "contracts", "geography", "assumptions"],
        horizontal=True,
        key="import_kind",
        format_func={
            "register": "Supplier register (e.g. Companies House export)",
            "contracts": "Contracts register",
            "geography": "Geography (boundaries, postcode lookup, IMD)",
            "assumptions": "LM3 assumptions and survey returns (TOML/CSV)",
        }.get,
    )
    types = {
        "register": ["csv", "xlsx", "xls"],
        "contracts": ["csv", "xlsx", "xls"],
        "geography": ["geojson", "json", "csv", "zip"],
        "assumptions": ["toml", "csv"],
    }[kind]
    anchors = ui.query("ui_anchors")["name"].to_list() if ui.has_store() else []
    anchor = st.selectbox("Published by", [None] + anchors, key="import_anchor") if kind == "contracts" else None
    uploads = st.file_uploader(
        "Files",
        type=types,
        accept_multiple_files=True,
        max_upload_size=upload_limit_mb() * 5,
        key=f"import_{kind}",
    )
    if not uploads or not st.button("Import", type="primary", key="import_go"):
        return
    limit = upload_limit_mb() * 5
    problems = [p for p in (upload_problem(u.name, u.getvalue(), limit) for u in uploads) if p]
    if problems:
        st.error("Not imported: " + literal(" ".join(problems)))
        return
    paths = [_saved_upload(u) for u in uploads]
    try:
        with st.spinner("Importing…"), db.acting_as(who), ui.writable() as con:
            lines = import_uploads(con, kind, paths, anchor)
            from anchorspend import pipeline

            pipeline.refresh(con)
    except zipfile.BadZipFile:  # a damaged workbook: the readers' own message names no file
        st.error("Not imported: a workbook among the files is damaged or not really .xlsx; save it again.")
        return
    except (ValueError, OSError) as exc:  # each importer says what is wrong with a file in one line
        st.error(f"Not imported: {literal(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)}")
        return
    st.success("Imported. " + literal(" ".join(lines)))


RULE_TARGETS = {
    "org_type": "Organisation type (exact)",
    "supplier_name": "Supplier name",
    "expense_type": "Expense type",
    "expense_area": "Service area",
    "description": "Description",
}


def _fraction(label: str, help_text: str | None = None) -> object:
    return st.column_config.NumberColumn(label, min_value=0.0, max_value=1.0, step=0.01, help=help_text)


def _rules() -> None:
    st.markdown(
        "**What counts as influenceable spend.** Payments matching an enabled rule are left out when the "
        "sidebar's 'Influenceable spend only' is on."
    )
    ui.editor(
        "influenceable_rules",
        "ui_influenceable_rules",
        "A rule on an organisation type matches it exactly (e.g. public); on a name, expense type, service area "
        "or description its pattern is a case-insensitive regular expression (e.g. pension|superannuation).",
        column_config={
            "rule_id": st.column_config.NumberColumn("Rule"),
            "applies_to": st.column_config.SelectboxColumn(
                "Applies to", options=list(RULE_TARGETS), required=True, format_func=RULE_TARGETS.get, width="medium"
            ),
            "pattern": st.column_config.TextColumn("Pattern", required=True),
            "reason": st.column_config.TextColumn("Why it is left out"),
            "enabled": st.column_config.CheckboxColumn("On", default=True),
        },
    )
    st.markdown("**Local re-spend rates (LM3).**")
    ui.editor(
        "respend_rates",
        "ui_respend_rates",
        "The share of each £ a supplier re-spends locally, between 0 and 1, with a low and high value for the "
        "band and a source. '*' matches any organisation type or SIC division.",
        column_config={
            "org_type": st.column_config.TextColumn("Organisation type", help="sme, large, vcse, public, staff or *"),
            "sic_division": st.column_config.TextColumn("SIC division", help="Two digits (e.g. 41), or *"),
            "supplier_tier": st.column_config.SelectboxColumn(
                "Supplier is",
                options=["local", "nonlocal"],
                required=True,
                default="local",
                format_func={"local": "local", "nonlocal": "not local"}.get,
            ),
            "rate": _fraction("Re-spend rate"),
            "low": _fraction("Low"),
            "high": _fraction("High"),
            "source": st.column_config.TextColumn("Source", required=True),
        },
    )
    st.markdown("**Payroll and staff living locally (LM3).**")
    anchors = ui.query("ui_anchors") if ui.has_store() else pl.DataFrame({"name": [], "anchor_id": []})
    names = dict(zip(anchors["anchor_id"].to_list(), anchors["name"].to_list(), strict=True))
    ui.editor(
        "anchor_payroll",
        "ui_anchor_payroll",
        "One row per anchor and financial year (starting 1 April)."
        + ("" if names else " Load a spend file first: a payroll belongs to an anchor."),
        column_config={
            "anchor_id": st.column_config.SelectboxColumn(
                "Anchor",
                options=sorted(names),
                required=True,
                format_func=lambda i: names.get(i, str(i)),
                width="medium",
            ),
            "anchor": None,  # the name is shown in the Anchor column already
            # an empty table is edited as text (ui.editor), where a date column cannot be
            "year_from": st.column_config.DatetimeColumn("Financial year from", format="D MMM YYYY")
            if not ui.query("ui_anchor_payroll").is_empty()
            else st.column_config.TextColumn("Financial year from (YYYY-04-01)"),
            "payroll_gbp": st.column_config.NumberColumn("Payroll (£)", min_value=0, format="£%,.0f"),
            "staff_local_share": _fraction(
                "Staff living locally", "Fraction of staff (0 to 1) living in the local area"
            ),
            "staff_respend_rate": _fraction("Staff re-spend rate", "Share of pay they spend locally (0 to 1)"),
            "source": st.column_config.TextColumn("Source"),
        },
    )


ui.run(main)
