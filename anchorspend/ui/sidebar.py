"""The shared sidebar: period, anchors, spend basis and place, kept in the URL so a view can be shared."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import polars as pl
import streamlit as st

from anchorspend import links
from anchorspend.report.period import default_period
from anchorspend.ui import reads
from anchorspend.ui.mode import workshop, workshop_locked
from anchorspend.ui.store import has_store, query
from anchorspend.view import PERIOD_KINDS, Filters, literal


def _read_link(anchor_ids: Mapping[int, str]) -> None:
    """Once per browser session: set the sidebar from the URL, so a shared link shows the same view."""
    state = st.session_state
    if state.get("_link_read"):
        return
    state["_link_read"] = True
    view = links.read({key: st.query_params.get_all(key) for key in st.query_params}, anchor_ids)
    state["_link"] = view
    if view.workshop:
        state["workshop"] = True
    if view.all_spend:
        state["influenceable"] = False
    if view.anchors:
        state["anchor"] = list(view.anchors)


def _link_period(first: date, last: date) -> None:
    """Put the link's period (if any) into the period widgets, or say why it cannot be shown."""
    view = st.session_state.pop("_link", None)
    if view is None:
        return
    st.session_state["_link_places"] = (view.local, view.regional)
    problems = list(view.problems)
    period = view.period
    if period is not None and period.kind == "custom":
        start, end = max(period.start, first), min(period.end, last)
        if start <= end:
            st.session_state["period"] = "custom"
            st.session_state["dates"] = (start, end)
        else:
            problems.append(f"period {period.code} has no payments loaded")
    elif period is not None:
        if period.code in links.period_choices(period.kind, first, last):
            st.session_state["period"] = period.kind
            st.session_state[period.kind] = period.code
        else:
            problems.append(f"period {period.code} has no payments loaded")
    if problems:
        st.session_state["_link_problems"] = problems


def _period(first: date, last: date, draw: bool = True) -> tuple[links.Period, str]:
    """The period the sidebar shows: its menus when drawn, else the same choice read from the session."""
    st.session_state.setdefault("period", "fy")
    kinds: list[str] = list(PERIOD_KINDS)
    kind = (
        st.selectbox(
            "Period",
            kinds,
            format_func=lambda k: PERIOD_KINDS[k],
            key="period",
            help="Financial years run April to March; quarters are the financial year's (Q1 = April-June).",
        )
        if draw
        else st.session_state["period"]
    )
    if kind == "custom":
        st.session_state.setdefault("dates", (first, last))
        chosen = (
            st.date_input("From – to", min_value=first, max_value=last, key="dates", format="DD/MM/YYYY")
            if draw
            else st.session_state["dates"]
        )
        # a range being chosen is one date for a moment; nothing chosen is the whole span
        days = list(chosen) if isinstance(chosen, tuple) else [chosen] if isinstance(chosen, date) else []
        start, end = (days + [first, last])[0], (days[1:] + [last])[0]
        return links.Period("custom", start, end), f"{start:%d %b %Y} to {end:%d %b %Y}"
    kind = kind or "fy"
    choices = links.period_choices(kind, first, last)
    if st.session_state.get(kind) not in choices:
        st.session_state[kind] = next(iter(choices))
    codes: list[str] = list(choices)
    code = (
        st.selectbox(PERIOD_KINDS[kind], codes, format_func=lambda c: choices[c], key=kind)
        if draw
        else st.session_state[kind]
    )
    return named_period(code or next(iter(choices)), first, last)


def named_period(code: str, first: date, last: date) -> tuple[links.Period, str]:
    """The period a code of the period menus names, with its label, over the payments loaded [first, last]."""
    period = links.parse_period(code)
    label = links.period_choices(period.kind, first, last)[period.code]
    # to date, as the weekly report's default period ends (report.period.default_period): the last payment or
    # the last complete week, whichever is earlier, so that both print the same changes on the year
    to_date = default_period(last).date_to
    end = to_date if period.start <= to_date else last
    if period.end > end:
        label = f"{label} (to {end:%d %b %Y})"
        period = links.Period(period.kind, period.start, end)
    return period, label


def default_filters(first: date, last: date) -> Filters:
    """The filters a new visitor's sidebar starts with (no link): the newest financial year to date, every anchor,
    influenceable spend, the stored place."""
    period, label = named_period(next(iter(links.period_choices("fy", first, last))), first, last)
    return Filters(date_from=period.start, date_to=period.end, period_label=label)


def _write_link(params: Mapping[str, str]) -> None:
    """Keep the sidebar's part of the URL in step with the view (other keys belong to pages)."""
    current = st.query_params
    for key in links.OWN_KEYS + links.LEGACY_KEYS:
        if key in params:
            if current.get_all(key) != [params[key]]:
                current[key] = params[key]
        elif key in current:
            del current[key]


# The sidebar's own keys in the session: kept while workshop mode shows them as one line instead of as widgets
# (Streamlit forgets a widget's value in a run that does not draw it).
VIEW_KEYS = (
    *("period", "dates", "anchor", "influenceable", "local", "regional"),
    *(kind for kind in PERIOD_KINDS if kind != "custom"),  # each kind's menu keeps its own choice
)
CHANGING = "_changing_view"


def sidebar() -> Filters:
    """Draw the shared filters (kept in the URL as readable codes, so a view can be shared); return them."""
    anchor_ids = reads.anchor_ids()
    _read_link(anchor_ids)
    if workshop_locked():
        st.session_state["workshop"] = True
    st.session_state.setdefault("workshop", False)
    if not workshop():
        st.session_state.pop(CHANGING, None)  # workshop mode turned on again starts with its menus put away
    # In workshop mode the view is set by the shared link and said under every page's title; its menus wait
    # behind one button. Each menu costs a new person's browser its own script (about 0.4 s of CPU for a cold
    # page, measured with /work/probe/cold.py), which a room of laptops on one link pays ten times at once.
    draw = not workshop() or bool(st.session_state.get(CHANGING))
    with st.sidebar:
        if draw:
            st.toggle(
                "Workshop mode",
                key="workshop",
                disabled=workshop_locked(),
                help="Large type and plain words for a room; hides admin pages and the names of individuals.",
            )
        else:
            _keep_view()
        span = query("ui_data_range") if has_store() else pl.DataFrame()
        if span.is_empty() or span["first_paid_on"][0] is None:
            st.info("No payments loaded yet." if has_store() else "No data yet.")
            _write_link(links.write(None, (), {}, workshop=workshop()))
            return Filters()
        first, last = span["first_paid_on"][0], span["last_paid_on"][0]
        _link_period(first, last)
        period, label = _period(first, last, draw)
        names = list(anchor_ids.values())
        st.session_state["anchor"] = [a for a in st.session_state.get("anchor", []) if a in names]
        st.session_state.setdefault("influenceable", True)
        if draw:
            chosen = st.multiselect(
                "Anchors",
                names,
                key="anchor",
                placeholder="All anchors",
                help="In a shared link anchors are given by id (`?anchor=1,3`): "
                + "; ".join(f"{anchor_id} = {literal(name)}" for anchor_id, name in sorted(anchor_ids.items())),
            )
            influenceable = st.toggle(
                "Influenceable spend only",
                key="influenceable",
                help="Leaves out payments to other public bodies, HMRC, pensions, precepts and "
                "levies and the categories marked non-influenceable on the Data page.",
            )
        else:
            chosen, influenceable = st.session_state["anchor"], st.session_state["influenceable"]
        local, regional = _place_choice(draw)
        for problem in st.session_state.pop("_link_problems", []):
            st.warning(f"The link asked for something this store cannot show: {literal(problem)}.")
        if workshop():
            _workshop_buttons(draw)
    ids = {name: anchor_id for anchor_id, name in anchor_ids.items()}
    _write_link(links.write(period, chosen, ids, local, regional, not influenceable, workshop_locked() or workshop()))
    return Filters(
        date_from=period.start,
        date_to=period.end,
        anchors=tuple(chosen),
        influenceable_only=influenceable,
        local=local,
        regional=regional,
        period_label=label,
    )


def _keep_view() -> None:
    """Keep the view's choices through runs that do not draw their widgets."""
    for key in VIEW_KEYS + ("workshop",):
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def _workshop_buttons(drawn: bool) -> None:
    """Workshop mode's two buttons: show or hide the view's menus; leave workshop mode (unless it is locked)."""
    st.button(
        "Done" if drawn else "Change the view",
        key="change_view",
        on_click=lambda: st.session_state.update({CHANGING: not drawn}),
        help=None if drawn else "Period, anchors, spend and place. The page's line under its title says the view.",
    )
    if not drawn and not workshop_locked():
        st.button(
            "Leave workshop mode",
            key="leave_workshop",
            on_click=lambda: st.session_state.update({"workshop": False, CHANGING: False}),
        )


def _place_choice(draw: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Local and regional tiers: the stored place unless changed here (then passed to metrics); its menus when
    drawn, else the same choice read from the session."""
    current = reads.place()
    names = reads.district_names()
    stored = (
        {"local": list(current.local), "regional": list(current.regional)} if current else {"local": [], "regional": []}
    )
    from_link = dict(zip(("local", "regional"), st.session_state.pop("_link_places", ((), ())), strict=True))
    for tier in ("local", "regional"):
        wanted = list(from_link[tier]) or st.session_state.get(tier, stored[tier])
        unknown = [code for code in wanted if code not in names]
        if unknown and from_link[tier]:
            st.session_state.setdefault("_link_problems", []).append(
                f"{tier} district {', '.join(unknown)} is not in the geography loaded"
            )
        st.session_state[tier] = [code for code in wanted if code in names]
    title = current.name if current else "No place set"
    labels = {"local": "Local tier", "regional": "Regional tier (includes local)"}
    if not draw:
        local, regional = st.session_state["local"], st.session_state["regional"]
    else:
        with st.expander(f"Place: {literal(title)}", expanded=bool(from_link["local"] or from_link["regional"])):
            local, regional = (
                st.multiselect(
                    label,
                    list(names),
                    key=tier,
                    format_func=lambda c: f"{names.get(c, c)} ({c})",
                )
                for tier, label in labels.items()
            )
    changed = sorted(local) != sorted(stored["local"]) or sorted(regional) != sorted(stored["regional"])
    if not changed:
        return (), ()
    return tuple(local), tuple(sorted(set(regional) | set(local)))
