"""Suppliers: search, payments across anchors, spellings, location evidence, the review queue."""

import dataclasses
import re

import polars as pl
import streamlit as st

from anchorspend import db, ui
from anchorspend.metrics.sectors import SECTIONS, section_name
from anchorspend.present.columns import ACRONYMS
from anchorspend.view import gbp, literal

SECTOR_NAMES = {letter: section_name(letter) for letter in SECTIONS}
SEARCH_LIMIT = 200
PAYMENTS_LIMIT = 1000
SUPPLIER_ID = re.compile(r"supplier \d+")


def main() -> None:
    if ui.closed_in_workshop():
        return
    filters = ui.filters()
    ui.page_header("Suppliers", filters)
    search, review = st.tabs(["Find a supplier", "Review queue"])
    with search:
        _search(filters)
    with review:
        _review()


def _search(filters) -> None:
    if "_supplier_goto" in st.session_state:  # after a merge or split: show the organisation it made
        st.session_state["supplier_q"] = st.session_state.pop("_supplier_goto")
        # A row index would now point at another supplier, and the browser keeps a table's ticked row: only a
        # table under a new key starts with nothing ticked.
        st.session_state["_supplier_round"] = st.session_state.get("_supplier_round", 0) + 1
    if "_supplier_done" in st.session_state:
        st.success(st.session_state.pop("_supplier_done"))
    text = st.text_input(
        "Search by name or any spelling",
        key="supplier_q",
        bind="query-params",
        placeholder="e.g. construction",
    )
    found = ui.query("ui_supplier_search", q=text.strip(), limit=SEARCH_LIMIT)
    if found.is_empty():
        st.info("No supplier matches." if text else "No suppliers yet: they appear once files are loaded and resolved.")
        return
    event = ui.table(
        search_view(found, ui.district_names()),
        "suppliers",
        column_config={  # the search spans every loaded month; the supplier's own figures below follow the period
            "paid_all_months_gbp": st.column_config.NumberColumn("Paid, all months", format="£%,.0f"),
            "payments_all_months": st.column_config.NumberColumn("Payments, all months"),
            "anchors_paying": st.column_config.NumberColumn("Anchors paying"),
        },
        caption="Suppliers found, with what they were paid in every loaded month",
        on_select="rerun",
        selection_mode="single-row",
        key=f"supplier_table_{st.session_state.get('_supplier_round', 0)}",
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if not rows:
        st.caption("Select a supplier to see its payments, spellings and where it is.")
        return
    _detail(filters, int(found["supplier_id"][rows[0]]))


def supplier_totals(table: pl.DataFrame, supplier_id: int) -> dict[str, float | int]:
    """One supplier's £ and paying anchors from metrics.supplier_table (nothing paid: zeros)."""
    found = table.filter(pl.col("supplier_id") == supplier_id) if not table.is_empty() else table
    if found.is_empty():
        return {"amount_gbp": 0.0, "anchor_count": 0}
    return {"amount_gbp": float(found["amount_gbp"][0] or 0), "anchor_count": int(found["anchor_count"][0] or 0)}


def plain(value: object, unknown: str = "unknown") -> str:
    """A stored code as words: 'registered_office' -> 'registered office', None -> unknown."""
    return str(value).replace("_", " ") if value not in (None, "") else unknown


def search_view(found: pl.DataFrame, districts: dict[str, str]) -> pl.DataFrame:
    """The search results as a reader scans them: name and money first, district by name, no ids or codes. The
    columns are named for what they count (every loaded month), so a download says it too."""
    return found.select(
        "name",
        pl.col("spend_gbp").alias("paid_all_months_gbp"),
        pl.col("payments").alias("payments_all_months"),
        pl.col("anchors").alias("anchors_paying"),
        pl.col("org_type").replace(ACRONYMS).alias("type"),
        pl.col("sic_section").replace_strict(SECTOR_NAMES, default=None).alias("sector"),  # by name, not letter
        pl.col("district_code").replace_strict(districts, default=pl.col("district_code")).alias("district"),
        pl.col("location_evidence").str.replace_all("_", " ").alias("located_by"),
    )


# What a payment row adds on a supplier's own page: the supplier's id, name, type and sector are the same on
# every row and would only push the amounts and descriptions off screen.
PAYMENT_COLUMNS = (
    "anchor",
    "paid_on",
    "amount_gbp",
    "supplier_as_written",
    "expense_type",
    "expense_area",
    "description",
    "transaction_ref",
    "source_file",
    "sheet",
    "row_number",
)


def payment_rows(payments: pl.DataFrame) -> pl.DataFrame:
    """A supplier's payments with only the columns that differ from row to row (a CSV's empty sheet dropped)."""
    shown = payments.select([c for c in PAYMENT_COLUMNS if c in payments.columns])
    return shown.drop([c for c in ("sheet",) if c in shown.columns and not (shown[c].fill_null("") != "").any()])


def facts_line(row: dict) -> str:
    """One line of what is known about a supplier, in words (the rule behind its type in brackets)."""
    rule = str(row["org_type_rule"] or "")
    org_type = ACRONYMS.get(str(row["org_type"]), plain(row["org_type"]))
    if rule:  # the rule starts with the type ('sme: 10 employees (< 250)'): say the type once
        org_type += f" ({literal(rule.removeprefix(str(row['org_type']) + ':').strip())})"
    sector = (
        f"SIC section {row['sic_section']}, division {row['sic_division'] or '?'} (from {plain(row['sector_source'])})"
        if row["sic_section"]
        else "not known"
    )
    return (
        f"**Type** {org_type} · **Sector** {literal(sector)} · **Postcode** {literal(row['postcode'] or 'unknown')} · "
        f"**District** {literal(row['district'] or row['district_code'] or 'unknown')} · "
        f"**Ward** {literal(row['ward'] or 'unknown')}"
        + (f" · **Small area (LSOA)** {literal(row['lsoa_code'])}" if row["lsoa_code"] else "")
    )


def _detail(filters, supplier_id: int) -> None:
    detail = ui.query("ui_supplier_detail", supplier_id=supplier_id)
    if detail.is_empty():
        st.warning("That supplier no longer exists (it may have been merged).")
        return
    row = detail.row(0, named=True)
    st.subheader(literal(row["name"]))
    payments = ui.payments(filters, supplier_ids=[supplier_id], limit=PAYMENTS_LIMIT)
    by_anchor = (
        (
            payments.group_by("anchor")
            .agg(pl.len().alias("payments"), pl.col("amount_gbp").sum())
            .sort("amount_gbp", descending=True)
        )
        if not payments.is_empty()
        else payments
    )
    period, every_month = (
        supplier_totals(ui.supplier_table(f), supplier_id)
        for f in (filters, dataclasses.replace(filters, date_from=None, date_to=None, period_label="all loaded months"))
    )
    st.caption(
        f"Figures for {literal(filters.period_label)} (the sidebar's period), with every loaded month beside them; "
        "the list above counts every loaded month."
    )
    cols = st.columns(4)
    cols[0].metric(
        f"Paid, {literal(filters.period_label)}",
        gbp(period["amount_gbp"]),
        help=f"Net payments in scope: {literal(filters.describe())}.",
    )
    cols[1].metric("Paid, all loaded months", gbp(every_month["amount_gbp"]))
    cols[2].metric(
        "Anchors paying it",
        f"{period['anchor_count']} of {every_month['anchor_count']}",
        help="Anchors paying it in the period, of those paying it in any loaded month.",
    )
    cols[3].metric("Located by", plain(row["location_evidence"], "not located"))
    st.markdown(facts_line(row))
    left, right = st.columns(2)
    with left:
        st.markdown("**Across anchors**")
        ui.table(by_anchor, f"{row['name']} by anchor", caption=f"{row['name']}: payments by anchor")
    with right:
        st.markdown("**Spellings (aliases)**")
        aliases = ui.query("ui_supplier_aliases", supplier_id=supplier_id)
        ui.table(
            aliases.drop("alias_id", strict=False), f"{row['name']} spellings", caption=f"{row['name']}: spellings"
        )
    st.markdown("**Location evidence from registers**")
    evidence = ui.query("ui_supplier_registers", supplier_id=supplier_id)
    # statements, not a conditional expression: Streamlit's "magic" would write the expression's value
    if evidence.is_empty():
        st.caption("No register or contracts entry matched.")
    else:
        ui.table(evidence, f"{row['name']} registers", caption=f"{row['name']}: register entries")
    st.markdown("**Payments**")
    # downloads named for the supplier, not its internal id ('supplier_142_payments' told a reader nothing)
    ui.table(payment_rows(payments), f"{row['name']} payments", caption=f"{row['name']}: payments")
    _merge_split(supplier_id, row["name"])
    _correct(supplier_id, row)


def _correct(supplier_id: int, row: dict) -> None:
    """Rename this supplier or set its postcode, sector or type by hand (logged, kept across re-loads)."""
    with st.expander("Correct this supplier by hand: name, postcode, sector, type"):
        who = ui.signed_in()
        if who is None:
            ui.sign_in_form("correct suppliers", key="sign_in_correct")
            return
        with st.form(f"correct_{supplier_id}"):
            name = st.text_input("Name", value=row["name"], key=f"correct_name_{supplier_id}")
            postcode = st.text_input(
                "Postcode",
                value=row["postcode"] or "",
                help="A full UK postcode, e.g. M5 4WT",
                key=f"correct_postcode_{supplier_id}",
            )
            sector = st.text_input(
                "Sector (SIC 2007 division)",
                value=row["sic_division"] or "",
                help="Two digits, e.g. 86",
                key=f"correct_sector_{supplier_id}",
            )
            types = ["public", "vcse", "sme", "large", "unknown"]
            kind = st.selectbox(
                "Type",
                types,
                index=types.index(row["org_type"]) if row["org_type"] in types else 4,
                key=f"correct_type_{supplier_id}",
            )
            if st.form_submit_button("Save"):
                wanted = {"name": name, "postcode": postcode, "sector": sector, "type": kind}
                current = {"name": row["name"], "postcode": row["postcode"] or "",
                           "sector": row["sic_division"] or "", "type": row["org_type"]}
                changed = {k: v for k, v in wanted.items() if str(v).strip() != str(current[k])}
                if changed:
                    _decide(who, "set", (supplier_id, changed), None, f"{', '.join(changed)} set by hand", name)


def _merge_split(supplier_id: int, name: str) -> None:
    """Merge this supplier into another, or split one spelling out of it (remembered across re-loads)."""
    with st.expander("Fix this match: merge or split"):
        who = ui.signed_in()
        if who is None:
            ui.sign_in_form("merge or split suppliers", key="sign_in_suppliers")
            return
        others = ui.query("ui_supplier_search", q="", limit=5000).filter(pl.col("supplier_id") != supplier_id)
        labels = merge_labels(others, ui.district_names())
        target = st.selectbox(
            "Merge into (same organisation)",
            others["supplier_id"].to_list(),
            index=None,
            format_func=labels.get,
            placeholder="Type a supplier's name",
            key=f"merge_into_{supplier_id}",
        )
        keep = st.text_input(
            "Name after merging (optional)", key=f"merge_name_{supplier_id}", placeholder="Keep the target's name"
        )
        if st.button("Merge", disabled=target is None, key=f"merge_go_{supplier_id}"):
            into = keep.strip() or others.filter(pl.col("supplier_id") == target)["name"][0]
            # The joined organisation may keep either name (the better-evidenced one), so look it up afterwards
            # by a spelling of the target, which it holds whatever it is called.
            spellings = ui.query("ui_supplier_aliases", supplier_id=int(target))["raw_name"]
            show = spellings[0] if not spellings.is_empty() else into
            message = f"{name} and {into} are now one organisation"
            _decide(who, "merge", supplier_id, (int(target), into), message, show)  # the name chosen stays
        aliases = ui.query("ui_supplier_aliases", supplier_id=supplier_id)["raw_name"].to_list()
        spelling = st.selectbox(
            "Split out a spelling (a different organisation)",
            aliases,
            index=None,
            placeholder="Choose a spelling",
            key=f"split_{supplier_id}",
        )
        if st.button("Split", disabled=spelling is None, key=f"split_go_{supplier_id}"):
            _decide(who, "split", spelling, None, f"'{spelling}' split from {name}", spelling)


def merge_labels(others: pl.DataFrame, districts: dict[str, str]) -> dict[int, str]:
    """Each merge candidate as 'name · district · £ all months': two firms of one name told apart."""
    return {
        row["supplier_id"]: " · ".join(
            [
                row["name"],
                districts.get(row["district_code"] or "", row["district_code"] or "place unknown"),
                f"{gbp(float(row['spend_gbp']))} all months",
            ]
        )
        for row in others.iter_rows(named=True)
    }


def _decide(who: str, action: str, subject, target, message: str, show: str) -> None:
    """Apply a decision through the suppliers module, refresh derived tables, then show the result."""
    from anchorspend import pipeline, suppliers

    try:
        with db.acting_as(who), ui.writable() as con:  # the refresh's own log lines name the user too
            if action == "merge":
                into_id, keep_name = target
                if keep_name:
                    suppliers.checked_value("name", keep_name)  # refused before anything is merged
                suppliers.merge(con, subject, into_id, by=who)
                if keep_name:
                    suppliers.set_field(con, into_id, "name", keep_name, by=who)
            elif action == "split":
                suppliers.split(con, subject, by=who)
            elif action == "set":
                for field, value in subject[1].items():  # every value checked before any is stored
                    suppliers.checked_value(field, value)
                for field, value in subject[1].items():
                    suppliers.set_field(con, subject[0], field, value, by=who)
            elif action == "accept":
                suppliers.accept(con, *subject, by=who)
            elif action in ("register_accept", "register_reject"):
                from anchorspend.suppliers.registers.link import decide

                decide(con, *subject, accept=action == "register_accept", by=who)
            else:
                suppliers.keep_apart(con, *subject, by=who)
            pipeline.refresh(con)
    except suppliers.DecisionError as exc:
        # the suppliers module names a supplier by its id; for a merge or split it is the one shown above
        why = SUPPLIER_ID.sub("this supplier", str(exc)) if action in ("merge", "split") else str(exc)
        st.error(f"Not done: {literal(why)}")
        return
    flash = "_supplier_done" if action in ("merge", "split", "set") else "_review_done"
    after = " Select it in the list below to check it." if action in ("merge", "split") else ""
    st.session_state[flash] = f"Done: {literal(message)}. The decision is kept and replayed on re-loads.{after}"
    if action in ("merge", "split"):
        st.session_state["_supplier_goto"] = show
    # The browser keeps a table's ticked row: only a table under a new key starts with nothing ticked.
    st.session_state["_review_round"] = st.session_state.get("_review_round", 0) + 1
    st.rerun()


def review_view(queue: pl.DataFrame) -> pl.DataFrame:
    """The review queue as a person reads it: the spelling, where it is filed, what it looks like; no ids."""
    return queue.select("spelling", "current_supplier", "candidate", "score", "reason")


def _review() -> None:
    if "_review_done" in st.session_state:
        st.success(st.session_state.pop("_review_done"))
    _spellings_review()
    _register_review()


def _spellings_review() -> None:
    st.subheader("Spellings to confirm")
    queue = ui.query("ui_review_queue")
    if queue.is_empty():
        st.info("Nothing to review: every spelling was matched with confidence.")
        return
    st.caption(
        "Spellings from payment files that the matcher was unsure about: each is filed under a supplier now "
        "but looks like another. Select a row, then accept (same organisation) or reject."
    )
    event = ui.table(
        review_view(queue),
        "review_queue",
        column_config={
            "current_supplier": st.column_config.Column("Filed under now"),
            "candidate": st.column_config.Column("Looks like"),
            "score": st.column_config.NumberColumn("Name similarity (of 100)", format="%.0f"),
        },
        on_select="rerun",
        selection_mode="single-row",
        key=f"review_table_{st.session_state.get('_review_round', 0)}",  # a new table after each decision
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if not rows:
        return
    item = queue.row(rows[0], named=True)
    st.markdown(
        f"Is **{literal(item['spelling'])}** (filed under {literal(item['current_supplier'] or 'no supplier')}) the "
        f"same organisation as **{literal(item['candidate'])}**? Name similarity {item['score']:.0f} of 100; "
        f"{literal(item['reason'])}."
    )
    who = ui.signed_in()
    if who is None:
        ui.sign_in_form("accept or reject matches", key="sign_in_review")
        return
    accept, reject = st.columns(2)
    subject = (int(item["alias_id"]), int(item["candidate_supplier_id"]))
    if accept.button("Accept: same organisation", type="primary", key="review_accept"):
        _decide(who, "accept", subject, None, f"'{item['spelling']}' is {item['candidate']}", item["candidate"])
    if reject.button("Reject: different organisations", key="review_reject"):
        _decide(who, "keep_apart", subject, None, f"'{item['spelling']}' is not {item['candidate']}", "")


REGISTER_NAMES = {
    "companies_house": "Companies House",
    "charities": "Charity Commission",
    "ods": "NHS ODS",
    "gias": "GIAS (schools)",
    "councils": "ONS councils",
}


def register_view(matches: pl.DataFrame) -> pl.DataFrame:
    """Register matches as a person checks them: the supplier, the entry (its register, number, name, postcode)."""
    return matches.select(
        pl.col("supplier_name").alias("supplier"),
        pl.col("register").replace(REGISTER_NAMES).alias("register"),
        pl.col("entity_id").alias("entry_number"),
        pl.col("entity_name").alias("entry_name"),
        pl.col("entity_postcode").alias("entry_postcode"),
        "evidence",
    )


def _register_review() -> None:
    """Register entries a supplier may be (two companies of one name, a similar name): a person chooses one."""
    st.subheader("Register entries to confirm")
    matches = ui.query("registers_review")
    if matches.is_empty():
        st.caption("No register entry waits for a decision.")
        return
    st.caption(
        "Each supplier here matched a national register entry it may or may not be (two companies of the same "
        "name, or a similar name). Select a row, then accept the entry that is the supplier or reject one that is "
        "not: an accepted entry gives the supplier its postcode, type and sector, and every decision is kept."
    )
    event = ui.table(
        register_view(matches),
        "register_matches",
        caption="Register entries to confirm",
        on_select="rerun",
        selection_mode="single-row",
        key=f"register_table_{st.session_state.get('_review_round', 0)}",  # a new table after each decision
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if not rows:
        return
    item = matches.row(rows[0], named=True)
    register = REGISTER_NAMES.get(item["register"], item["register"])
    entry = f"{item['entity_name']} ({item['entity_id']}, {item['entity_postcode'] or 'no postcode'})"
    st.markdown(
        f"Is **{literal(item['supplier_name'])}** the {literal(register)} entry **{literal(entry)}**? "
        f"Matched by {literal(item['evidence'])}."
    )
    who = ui.signed_in()
    if who is None:
        ui.sign_in_form("accept or reject register entries", key="sign_in_registers")
        return
    accept, reject = st.columns(2)
    subject = (int(item["supplier_id"]), str(item["register"]), str(item["entity_id"]))
    if accept.button("Accept: this entry is the supplier", type="primary", key="register_accept"):
        _decide(who, "register_accept", subject, None, f"{item['supplier_name']} is {register} {entry}", "")
    if reject.button("Reject: not this entry", key="register_reject"):
        _decide(who, "register_reject", subject, None, f"{item['supplier_name']} is not {register} {entry}", "")


ui.run(main)
