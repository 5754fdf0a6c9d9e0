"""Data: load spend files, replace or remove them, coverage, imports, rules, change log."""

import hashlib
from pathlib import Path

import polars as pl
import streamlit as st

from anchorspend import ui
from anchorspend.view import Filters, gbp

UPLOAD_LIMIT_MB = 100
KINDS = ("council", "nhs", "housing", "education", "police", "other")
NEW_ANCHOR = "New anchor…"


def main() -> None:
    st.title("Data")
    who = ui.require_sign_in("load files and change settings")
    st.caption(f"Signed in as {who.removeprefix('app:')}. Every change is kept in the change log.")
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
    with load:
        _load(who)
    with files:
        _files()
    with coverage:
        _coverage()
    with imports:
        _imports()
    with rules:
        _rules()
    with log:
        ui.table(ui.query("ui_change_log", limit=1000), "change_log")


def _saved_upload(upload) -> Path:
    """Keep an upload beside the store (git-ignored) under its name, in a folder named by its content."""
    data = upload.getvalue()
    folder = Path(ui.database_path()).resolve().parent / "uploads" / hashlib.sha256(data).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    path.write_bytes(data)
    return path


def _load(who: str) -> None:
    from anchorspend import ingest

    anchors = ui.query("ui_anchors") if ui.has_store() else pl.DataFrame({"name": [], "kind": []})
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
            "No, it is a new file"
            if i is None
            else f"{same.filter(pl.col('file_id') == i)['name'][0]} (file {i})"
        ),
        key="load_replaces",
    )
    upload = st.file_uploader(
        f"Spend file (CSV or XLSX, up to {UPLOAD_LIMIT_MB} MB)",
        type=["csv", "xlsx"],
        max_upload_size=UPLOAD_LIMIT_MB,
        key="spend_upload",
    )
    if upload is None or not anchor:
        st.caption("Choose the anchor and a file; the columns are recognised for known layouts.")
        return
    path = _saved_upload(upload)
    layouts = ingest.detect_layout(path, store=ui.database_path())
    layout = (
        layouts[0]
        if len(layouts) == 1
        else next(
            (
                x
                for x in layouts
                if x.sheet == st.selectbox("Sheet", [x.sheet for x in layouts], key="load_sheet")
            ),
            layouts[0],
        )
    )
    mapping = _mapping(layout, ingest.FIELDS)
    if st.button("Load the file", type="primary", key="load_go"):
        with st.spinner("Reading and loading…"):
            if replacing is not None:
                reports = [
                    ingest.replace_file(
                        ui.database_path(), int(replacing), path, sheet=layout.sheet or None, mapping=mapping
                    )
                ]
            else:
                reports = ingest.ingest_file(
                    ui.database_path(), path, anchor, kind, sheet=layout.sheet or None, mapping=mapping
                )
        for report in reports:
            _show_report(report)


def _mapping(layout, fields: tuple[str, ...]) -> dict[str, str]:
    """Show the proposed mapping; let the user fix it (remembered for this layout next time)."""
    st.markdown(
        f"Header found on row {layout.header_row}; amounts look **{layout.amount_basis}** of VAT "
        f"(mapping from {layout.mapped_by})."
    )
    if layout.sample:
        st.dataframe(pl.DataFrame(layout.sample, infer_schema_length=None).head(5), hide_index=True)
    if layout.missing:
        st.warning(
            f"Not recognised yet: {', '.join(layout.missing)}. Say which column holds each; the mapping is "
            "remembered for files of this layout."
        )
    with st.expander("Columns", expanded=bool(layout.missing)):
        options = [None] + list(layout.columns)
        mapping: dict[str, str] = {}
        columns = st.columns(3)
        for i, field in enumerate(fields):
            current = layout.mapping.get(field)
            chosen = columns[i % 3].selectbox(
                field.replace("_", " "),
                options,
                index=options.index(current) if current in options else 0,
                key=f"map_{layout.fingerprint[:8]}_{field}",
                format_func=lambda c: "—" if c is None else c,
            )
            if chosen:
                mapping[field] = chosen
    return mapping


def _show_report(report) -> None:
    """The load report: read, loaded, rejected with reasons."""
    if report.status == "failed":
        st.error(f"{report.file}: not loaded. {report.error}")
        return
    if report.status == "already_loaded":
        st.info(
            f"{report.file} was already loaded for {report.anchor} (file {report.file_id}); nothing changed."
        )
        return
    st.success(
        f"{report.file}: {report.rows_loaded:,} of {report.rows_read:,} rows loaded for {report.anchor} "
        f"({gbp(float(report.amount_total), short=False)}, {report.period_from} to {report.period_to})."
    )
    cols = st.columns(4)
    cols[0].metric("Rows read", f"{report.rows_read:,}")
    cols[1].metric("Loaded", f"{report.rows_loaded:,}")
    cols[2].metric("Rejected", f"{report.rows_rejected:,}")
    cols[3].metric("Duplicates of other files", f"{report.duplicates:,}")
    if report.rejections:
        st.markdown("Rejected rows (first few; all are kept in the store):")
        ui.table(
            pl.DataFrame(
                [
                    {"sheet": r.sheet, "row": r.row_number, "reason": r.reason, "as read": r.raw_text}
                    for r in report.rejections
                ]
            ),
            "rejected_rows",
        )


def _files() -> None:
    from anchorspend import ingest

    files = ui.query("files_list")
    if files.is_empty():
        st.info("No files loaded yet.")
        return
    ui.table(files.drop("sha256", strict=False), "files")
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
        with ui.writable() as con:
            removed = ingest.remove_file(con, int(file_id))
        st.success(f"File {file_id} removed ({removed:,} payments).")


def _coverage() -> None:
    grid = ui.metrics_call("coverage", Filters())
    if grid.is_empty():
        st.info("No payments loaded yet.")
        return
    wide = grid.with_columns(
        pl.col("month").dt.strftime("%Y-%m"),
        pl.when(pl.col("is_missing"))
        .then(None)
        .otherwise(pl.col("amount_gbp").cast(pl.Float64))
        .alias("amount_gbp"),
    ).pivot(on="month", index="anchor", values="amount_gbp", sort_columns=True)
    st.caption("Net £ loaded per anchor and month; an empty cell is a month with no payments loaded.")
    ui.table(
        wide,
        "coverage",
        column_config={
            c: st.column_config.NumberColumn(c, format="£%,.0f") for c in wide.columns if c != "anchor"
        },
    )


def _imports() -> None:
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
        "register": ["csv", "xlsx"],
        "contracts": ["csv", "xlsx"],
        "geography": ["geojson", "json", "csv", "zip"],
        "assumptions": ["toml", "csv"],
    }[kind]
    anchors = ui.query("ui_anchors")["name"].to_list() if ui.has_store() else []
    anchor = (
        st.selectbox("Published by", [None] + anchors, key="import_anchor") if kind == "contracts" else None
    )
    uploads = st.file_uploader(
        "Files",
        type=types,
        accept_multiple_files=True,
        max_upload_size=UPLOAD_LIMIT_MB * 5,
        key=f"import_{kind}",
    )
    if not uploads or not st.button("Import", type="primary", key="import_go"):
        return
    paths = [_saved_upload(u) for u in uploads]
    with st.spinner("Importing…"), ui.writable() as con:
        if kind == "register":
            from anchorspend.suppliers import import_register

            results = [import_register(con, p) for p in paths]
        elif kind == "contracts":
            from anchorspend.suppliers import import_contracts

            results = [import_contracts(con, p, anchor=anchor) for p in paths]
        elif kind == "geography":
            from anchorspend.geo import import_files

            results = [import_files(con, paths)]
        else:
            from anchorspend.metrics import import_assumptions

            results = [import_assumptions(con, p) for p in paths]
        from anchorspend import pipeline

        pipeline.refresh(con)
    st.success("Imported: " + "; ".join(str(r) for r in results))


def _rules() -> None:
    st.markdown(
        "**What counts as influenceable spend.** Payments matching an enabled rule are left out when the "
        "sidebar's 'Influenceable spend only' is on."
    )
    ui.editor(
        "influenceable_rules",
        "ui_influenceable_rules",
        "applies_to is org_type (exact), or supplier_name / expense_type / expense_area / description "
        "(a case-insensitive regular expression).",
    )
    st.markdown("**Local re-spend rates (LM3).**")
    ui.editor(
        "respend_rates",
        "ui_respend_rates",
        "Fractions between 0 and 1 with low/high for the band and a source.",
    )
    st.markdown("**Payroll and staff living locally (LM3).**")
    ui.editor(
        "anchor_payroll", "ui_anchor_payroll", "One row per anchor and financial year (year_from = 1 April)."
    )


ui.run(main)
