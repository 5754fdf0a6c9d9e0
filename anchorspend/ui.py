"""What the pages share: store, sidebar, workshop mode, sign-in. The only module importing Streamlit."""

from __future__ import annotations

import contextlib
import hmac
import importlib
import logging
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from anchorspend import db, downloads, links
from anchorspend.config import Settings
from anchorspend.present.headlines import Headline
from anchorspend.view import (
    INDIVIDUAL_LABEL,
    PERIOD_KINDS,
    Filters,
    make_scope,
    mask_individuals,
)

log = logging.getLogger(__name__)
ADMIN_PAGES = ("Suppliers", "Data")

# ---------------------------------------------------------------- the store


def database_path() -> str:
    """The store the app shows."""
    return str(Settings.from_env().database_path)


def store_stamp(path: str) -> int:
    """Changes whenever a writer commits (the file or its write-ahead log), so caches follow new data."""
    stamp = 0
    for name in (path, path + ".wal"):
        with contextlib.suppress(FileNotFoundError):
            stamp += os.stat(name).st_mtime_ns
    return stamp


def has_store() -> bool:
    """Whether there is a store to show."""
    return os.path.exists(database_path())


@st.cache_data(ttl="1h", show_spinner=False, max_entries=500)
def _cached_query(path: str, stamp: int, name: str, params: tuple[tuple[str, object], ...]) -> pl.DataFrame:
    # A short read-only connection: the command line can write as soon as it is closed.
    with db.connect(path, read_only=True, wait_s=30) as con:
        return db.run_query(con, name, **dict(params))


def query(name: str, **params: object) -> pl.DataFrame:
    """Run queries/<name>.sql on the store, cached by its parameters and the store's last change."""
    path = database_path()
    if not os.path.exists(path):
        return pl.DataFrame()
    return _cached_query(path, store_stamp(path), name, tuple(sorted(params.items())))


@st.cache_data(ttl="1h", show_spinner="Working out the numbers…", max_entries=200)
def _cached_call(
    path: str, stamp: int, function: str, filters: Filters, scope_extra: dict[str, Any], extra: dict[str, Any]
) -> Any:
    from anchorspend import metrics as metrics_module

    with db.connect(path, read_only=True, wait_s=30) as con:
        scope = make_scope(metrics_module.Scope, filters, **scope_extra)
        return getattr(metrics_module, function)(con, scope, **extra)


def metrics_call(
    function: str, filters: Filters, scope: Mapping[str, Any] | None = None, **extra: Any
) -> Any:
    """Call anchorspend.metrics.<function>(con, scope, **extra) on the store, cached like query()."""
    path = database_path()
    if not os.path.exists(path):
        raise FileNotFoundError(
            "There is no store yet: load files on the Data page or run `anchorspend demo`."
        )
    return _cached_call(path, store_stamp(path), function, filters, dict(scope or {}), extra)


def compute(filters: Filters, **scope: Any) -> dict[str, Any]:
    """The metrics --json object for these filters: every headline number comes from here."""
    return metrics_call("compute", filters, scope)


@st.cache_data(ttl="1h", show_spinner=False, max_entries=100)
def _cached_store_call(path: str, stamp: int, target: str, args: tuple[Any, ...]) -> Any:
    module, name = target.rsplit(".", 1)
    function = getattr(importlib.import_module(module), name)
    with db.connect(path, read_only=True, wait_s=30) as con:
        return function(con, *args)


def store_call(target: str, *args: Any) -> Any:
    """Call module.function(con, *args) on the store, cached like query()."""
    path = database_path()
    if not os.path.exists(path):
        return None
    return _cached_store_call(path, store_stamp(path), target, args)


SIMPLIFY_DEGREES = 0.0005  # about 50 m: outlines stay faithful and the page stays light


def simplified_geojson(
    con: duckdb.DuckDBPyConnection, level: str, within: tuple[str, ...] | None
) -> dict[str, Any]:
    """Boundaries of one level from anchorspend.geo as GeoJSON (feature id = GSS code), simplified."""
    from anchorspend.geo.shapes import shapes as geo_shapes

    frame = geo_shapes(con, level, within=within)
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    return frame.set_index("code", drop=False).__geo_interface__


def shapes(level: str, districts: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every district, or the wards / small areas (with IMD decile) inside some districts, as GeoJSON."""
    within = tuple(sorted(districts)) if level != "district" else None
    found = store_call("anchorspend.ui.simplified_geojson", level, within)
    return found or {"type": "FeatureCollection", "features": []}


def place() -> Any:
    """The stored place (anchorspend.geo.place.Place), or None."""
    return store_call("anchorspend.geo.place.get_place")


def tiers(filters: Filters) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The local and regional district codes in force: the sidebar's, else the stored place."""
    if filters.local:
        return filters.local, filters.regional
    stored = place()
    if stored is None:
        return (), ()
    return tuple(stored.local), tuple(sorted(set(stored.regional) | set(stored.local)))


@contextmanager
def writable() -> Iterator[duckdb.DuckDBPyConnection]:
    """A short writable connection for one change; caches follow because the store's stamp changes."""
    with db.connect(database_path(), wait_s=30) as con:
        yield con


# ---------------------------------------------------------------- settings, workshop mode and sign-in


def secret(name: str, default: Any = None) -> Any:
    """A value from .streamlit/secrets.toml, or default when there is none."""
    try:
        return st.secrets.get(name, default)
    except Exception:  # no secrets file at all
        return default


def workshop_locked() -> bool:
    """A deployment setting that keeps workshop mode on."""
    flag = os.environ.get("ANCHORSPEND_LOCK_WORKSHOP") or secret("lock_workshop", "")
    return str(flag).lower() in ("1", "true", "yes", "on")


def workshop() -> bool:
    """Whether the app is in workshop mode (large type, plain words, no admin pages, no payee names)."""
    return workshop_locked() or bool(st.session_state.get("workshop"))


def closed_in_workshop() -> bool:
    """On an admin page: in workshop mode say it is closed and return True. The router hides these pages, but a
    link that is a fresh server's first visit runs the page without it."""
    if workshop():
        st.info("This page is not part of workshop mode.")
        return True
    return False


def auth_mode() -> str | None:
    """'oidc' when [auth] is configured, 'password' when admin_password is set, else None (local use)."""
    if secret("auth"):
        return "oidc"
    if secret("admin_password"):
        return "password"
    return None


def signed_in() -> str | None:
    """Who may change things now: the signed-in user, 'app:local' when no sign-in is configured, else None."""
    mode = auth_mode()
    if mode is None:
        return "app:local"
    if mode == "oidc":
        if st.user.get("is_logged_in"):  # .get: st.user lacks the attribute when the auth section is unread
            return f"app:{st.user.get('email') or st.user.get('name') or 'user'}"
        return None
    return "app:admin" if st.session_state.get("_signed_in") else None


def sign_in_form(what: str, key: str = "sign_in") -> None:
    """Ask for sign-in in place (the rest of the page still shows); a right password reruns the page."""
    st.info(f"Sign in to {what}.")
    if auth_mode() == "oidc":
        st.button("Sign in", on_click=st.login, type="primary", key=f"{key}_oidc")
        return
    with st.form(key):
        password = st.text_input("Administrator password", type="password", key=f"{key}_password")
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted and hmac.compare_digest(password.encode(), str(secret("admin_password")).encode()):
        st.session_state["_signed_in"] = True
        st.rerun()
    if submitted:
        st.error("That password is not right.")


def require_sign_in(what: str) -> str:
    """Return who is signed in; otherwise show the sign-in form and stop the page."""
    who = signed_in()
    if who:
        return who
    sign_in_form(what)
    st.stop()
    return ""  # unreachable: st.stop() raises


def workshop_style() -> None:
    """Large type for a projector."""
    st.html("""<style>
      html, body, [data-testid="stAppViewContainer"] { font-size: 20px; }
      [data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
        font-size: 3.2rem !important; line-height: 1.2; }
      [data-testid="stMetricLabel"] p { font-size: 1.25rem !important; }
      [data-testid="stMetricDelta"] * { font-size: 1rem !important; }
      [data-testid="stMain"] [data-testid="stMarkdownContainer"] p { font-size: 1.2rem; }
      [data-testid="stMain"] [data-testid="stCaptionContainer"],
      [data-testid="stMain"] [data-testid="stCaptionContainer"] * { font-size: 1rem; color: #31333f !important; }
    </style>""")


# ---------------------------------------------------------------- the shared sidebar


def district_names() -> dict[str, str]:
    """Each district's name by its code (empty before geography is imported)."""
    districts = query("ui_districts")
    return (
        dict(zip(districts["district_code"], districts["name"], strict=True))
        if not districts.is_empty()
        else {}
    )


def _anchor_ids() -> dict[int, str]:
    """Each loaded anchor's id and name (links name anchors by id)."""
    anchors = query("ui_anchors") if has_store() else pl.DataFrame()
    if anchors.is_empty():
        return {}
    return dict(zip(anchors["anchor_id"], anchors["name"], strict=True))


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


def _period(first: date, last: date) -> tuple[links.Period, str]:
    st.session_state.setdefault("period", "fy")
    kind = st.selectbox(
        "Period",
        list(PERIOD_KINDS),
        format_func=PERIOD_KINDS.get,
        key="period",
        help="Financial years run April to March; quarters are the financial year's (Q1 = April-June).",
    )
    if kind == "custom":
        st.session_state.setdefault("dates", (first, last))
        chosen = st.date_input("From – to", min_value=first, max_value=last, key="dates", format="DD/MM/YYYY")
        start, end = (tuple(chosen) + (last,))[:2] if chosen else (first, last)
        return links.Period("custom", start, end), f"{start:%d %b %Y} to {end:%d %b %Y}"
    kind = kind or "fy"
    choices = links.period_choices(kind, first, last)
    if st.session_state.get(kind) not in choices:
        st.session_state[kind] = next(iter(choices))
    code = st.selectbox(PERIOD_KINDS[kind], list(choices), format_func=choices.get, key=kind)
    period = links.parse_period(code or next(iter(choices)))
    label = choices[period.code]
    if period.end > last:  # to date: compare like with like against the baseline a year earlier
        label = f"{label} (to {last:%d %b %Y})"
        period = links.Period(period.kind, period.start, last)
    return period, label


def _write_link(params: Mapping[str, str]) -> None:
    """Keep the sidebar's part of the URL in step with the view (other keys belong to pages)."""
    current = st.query_params
    for key in links.OWN_KEYS + links.LEGACY_KEYS:
        if key in params:
            if current.get_all(key) != [params[key]]:
                current[key] = params[key]
        elif key in current:
            del current[key]


def sidebar() -> Filters:
    """Draw the shared filters (kept in the URL as readable codes, so a view can be shared); return them."""
    anchor_ids = _anchor_ids()
    _read_link(anchor_ids)
    if workshop_locked():
        st.session_state["workshop"] = True
    st.session_state.setdefault("workshop", False)
    with st.sidebar:
        st.toggle(
            "Workshop mode",
            key="workshop",
            disabled=workshop_locked(),
            help="Large type and plain words for a room; hides admin pages and the names of individuals.",
        )
        span = query("ui_data_range") if has_store() else pl.DataFrame()
        if span.is_empty() or span["first_paid_on"][0] is None:
            st.info("No payments loaded yet." if has_store() else "No data yet.")
            _write_link(links.write(None, (), {}, workshop=workshop()))
            return Filters()
        first, last = span["first_paid_on"][0], span["last_paid_on"][0]
        _link_period(first, last)
        period, label = _period(first, last)
        names = list(anchor_ids.values())
        st.session_state["anchor"] = [a for a in st.session_state.get("anchor", []) if a in names]
        chosen = st.multiselect(
            "Anchors",
            names,
            key="anchor",
            placeholder="All anchors",
            help="In a shared link anchors are given by id (`?anchor=1,3`): "
            + "; ".join(f"{anchor_id} = {name}" for anchor_id, name in sorted(anchor_ids.items())),
        )
        st.session_state.setdefault("influenceable", True)
        influenceable = st.toggle(
            "Influenceable spend only",
            key="influenceable",
            help="Leaves out payments to other public bodies, HMRC, pensions, precepts and "
            "levies and the categories marked non-influenceable on the Data page.",
        )
        local, regional = _place_choice()
        for problem in st.session_state.pop("_link_problems", []):
            st.warning(f"The link asked for something this store cannot show: {problem}.")
    ids = {name: anchor_id for anchor_id, name in anchor_ids.items()}
    _write_link(
        links.write(period, chosen, ids, local, regional, not influenceable, workshop_locked() or workshop())
    )
    return Filters(
        date_from=period.start,
        date_to=period.end,
        anchors=tuple(chosen),
        influenceable_only=influenceable,
        local=local,
        regional=regional,
        period_label=label,
    )


def _place_choice() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Local and regional tiers: the stored place unless changed here (then passed to metrics)."""
    current = place()
    names = district_names()
    stored = (
        {"local": list(current.local), "regional": list(current.regional)}
        if current
        else {"local": [], "regional": []}
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
    with st.expander(f"Place: {title}", expanded=bool(from_link["local"] or from_link["regional"])):
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


def place_label(filters: Filters) -> str:
    """The place and its tiers, for captions."""
    current = place()
    names = district_names()
    local = filters.local or (tuple(current.local) if current else ())
    name = current.name if current else "no place set"
    # say "fictional" once: the demo's own place name already says it
    says_so = "fictional" in name.lower()
    fictional = " (fictional demo)" if current and current.is_fictional and not says_so else ""
    return f"{name}{fictional}: local = {', '.join(names.get(c, c) for c in local) or 'not set'}"


# ---------------------------------------------------------------- page furniture


def _through_the_router() -> None:
    """Run again through app.py when Streamlit ran a page file on its own.

    Until some run has called st.navigation, Streamlit treats the pages/ folder as an old-style multipage
    app: a fresh server whose first visitor opens a shared link to /map runs pages/map.py alone, with no
    sidebar and every file listed. Marking the app as st.navigation-based and running again sends this and
    every later run through the router, on the page the link asked for.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def filters() -> Filters:
    """The filters the sidebar set on this run."""
    _through_the_router()
    value = st.session_state.get("filters")
    return value if isinstance(value, Filters) else Filters()


def page_header(title: str, filters: Filters, plain: str | None = None) -> None:
    """Title (plain words in workshop mode) and the scope the page shows."""
    st.title(plain if plain and workshop() else title)
    if workshop():
        workshop_style()
    st.caption(f"{place_label(filters)} · {filters.describe(plain=workshop())}")


def headline(column: Any, item: Headline, numbers: Mapping[str, Any]) -> None:
    """One headline with its change, definition and arithmetic (and its meaning in workshop mode)."""
    from anchorspend.present.words import headline_help

    with column:
        st.metric(
            item.plain_label if workshop() else item.label,
            item.formatted(numbers),
            delta=item.change(numbers),
            delta_color="off" if item.kind == "gbp" else "inverse" if item.lower_is_better else "normal",
            help=headline_help(item, numbers),
            border=True,
        )
        if workshop():
            st.markdown(item.meaning)


def private(frame: pl.DataFrame, name_column: str, flag_column: str = "is_individual") -> pl.DataFrame:
    """Hide individual payees' names in workshop mode (they never show in totals by name anyway)."""
    return mask_individuals(frame, name_column, flag_column) if workshop() else frame


MONEY = re.compile(r"(_gbp|^amount|^spend|^leakage|_spend|_leakage|^payroll)")
RATE = re.compile(r"(^rate$|_rate$)")
# Column names as people read them; others are spelled out from the name (column_label).
COLUMN_LABELS = {
    "total_spend": "Spend in scope",
    "unknown_spend": "Spend, location unknown",
    "unknown_share": "Location unknown",
    "org_type": "Organisation type",
    "sic_division": "SIC division",
    "sic_section": "Sector (SIC section)",
    "rate_from": "Rate from",
    "staff_local_share": "Staff living locally",
    "year_from": "Financial year from",
    "is_local": "Local?",
    "relocalisation_candidate": "Re-localisation candidate?",
}
ACRONYMS = {"sic": "SIC", "lsoa": "LSOA", "imd": "IMD", "sme": "SME", "vcse": "VCSE", "lm3": "LM3"}


def column_label(name: str) -> str:
    """A column's heading as shown: 'payroll_gbp' -> 'Payroll (£)', 'supplier_tier' -> 'Supplier tier'."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name.removesuffix("_gbp").split("_")
    text = " ".join(ACRONYMS.get(w.lower(), w) for w in words if w)
    text = text[:1].upper() + text[1:]
    return f"{text} (£)" if name.endswith("_gbp") else text


def is_percent(name: str, dtype: Any) -> bool:
    """Whether a column holds a share or a rate (a fraction)."""
    return dtype.is_numeric() and (name.endswith("_share") or bool(RATE.search(name)))


def column_formats(frame: pl.DataFrame) -> dict[str, Any]:
    """Readable headings; £ with separators for money, percentages for shares and rates, dates as dates."""
    formats: dict[str, Any] = {}
    for name, dtype in frame.schema.items():
        label = column_label(name)
        if dtype.is_numeric() and MONEY.search(name):
            formats[name] = st.column_config.NumberColumn(label.removesuffix(" (£)"), format="£%,.0f")
        elif is_percent(name, dtype):
            # shown as percentage points with one decimal (table() multiplies by 100): Streamlit's "percent"
            # format drops trailing zeros, so 56% stood beside 16.28% in one column
            formats[name] = st.column_config.NumberColumn(label, format="%.1f%%")
        elif dtype == pl.Date or (dtype == pl.Datetime and ("_from" in name or "_on" in name)):
            formats[name] = st.column_config.DateColumn(label, format="D MMM YYYY")
        else:
            formats[name] = st.column_config.Column(label)
    return formats


def table(frame: pl.DataFrame, name: str, caption: str | None = None, **dataframe_args: Any) -> Any:
    """A table with CSV and XLSX downloads (formula injection neutralised; individuals masked)."""
    dataframe_args["column_config"] = {**column_formats(frame), **dataframe_args.get("column_config", {})}
    shown = frame
    if workshop():
        for column in ("supplier", "name", "payee", "supplier_raw"):
            shown = mask_individuals(shown, column)
    downloadable = shown.drop([c for c in ("is_individual",) if c in shown.columns])  # fractions stay fractions
    percents = [c for c, dtype in downloadable.schema.items() if is_percent(c, dtype)]
    event = st.dataframe(
        downloadable.with_columns(pl.col(c) * 100 for c in percents), hide_index=True, **dataframe_args
    )
    buttons = st.container(horizontal=True)  # sized to their labels: never cut off on a small screen
    buttons.download_button(
        "Download CSV",
        lambda: downloads.to_csv(downloadable),  # built on click, not on every run
        f"{name}.csv",
        "text/csv",
        key=f"csv_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    buttons.download_button(
        "Download XLSX",
        lambda: downloads.to_xlsx(downloadable, name, caption),
        f"{name}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"xlsx_{name}",
        icon=":material/download:",
        on_click="ignore",
    )
    return event


def chart(fig: Any, key: str | None = None, **args: Any) -> Any:
    """A Plotly figure with its text alternative as alt text and in an expander for screen-reader users."""
    from anchorspend.charts import alt_text

    text = alt_text(fig)
    if workshop():  # readable from the back of a room, with room for the larger labels
        fig.update_layout(font={"size": 20}, legend={"font": {"size": 18}})
        if fig.layout.height:
            fig.update_layout(height=int(fig.layout.height * 1.4))
    # theme=None: the figure's own dark, larger type (charts.base) instead of Streamlit's pale grey ticks
    event = st.plotly_chart(fig, key=key, alt=text, config={"displaylogo": False}, theme=None, **args)
    with st.expander("Chart as text", expanded=False):
        st.write(text)
    return event


def editor(
    name: str, query_name: str, help_text: str, column_config: Mapping[str, Any] | None = None
) -> None:
    """Edit one of the user-editable tables; saving needs sign-in when configured and is logged."""
    from anchorspend import edits

    before = query(query_name)
    columns = list(edits.EDITABLE[name].columns)
    extra = [c for c in before.columns if c not in columns]
    st.caption(help_text)
    who = signed_in()
    if who is None:  # reading is open; changing needs sign-in
        st.dataframe(before, hide_index=True)
        sign_in_form("change these assumptions", key=f"sign_in_{name}")
        return
    edited = st.data_editor(
        before.to_pandas()
        if not before.is_empty()
        else pl.DataFrame(schema={c: pl.String for c in columns}).to_pandas(),
        num_rows="dynamic",
        hide_index=True,
        key=f"edit_{name}",
        disabled=extra + (["rule_id"] if "rule_id" in columns else []),
        column_config=dict(column_config or {}),
    )
    if f"saved_{name}" in st.session_state:
        st.success(st.session_state.pop(f"saved_{name}"))
    if st.button("Save changes", key=f"save_{name}", type="primary"):
        try:
            with writable() as con:
                changed = edits.save_table(
                    con, name, before, pl.from_pandas(edited).drop(extra, strict=False), who
                )
        except (ValueError, duckdb.Error) as exc:  # a row the table cannot hold: say which, keep the edits
            st.error(f"Not saved: {str(exc).splitlines()[0]}")
            return
        st.session_state[f"saved_{name}"] = f"Saved: {changed} row(s) changed, kept in the change log."
        del st.session_state[f"edit_{name}"]  # the saved table is the new starting point
        st.rerun()


@contextmanager
def guard(what: str = "This page") -> Iterator[None]:
    """Turn any error inside the block into a clear one-line message, never a traceback."""
    try:
        yield
    except db.StoreBusy:
        st.warning("The store is busy with a long load. Try again in a minute; nothing was lost.")
    except FileNotFoundError as exc:
        st.info(str(exc).splitlines()[0])
    except ImportError as exc:
        st.info(f"{what} needs a part of Anchor Spend that is not installed yet ({exc.name or exc}).")
    except Exception as exc:  # a page must never show a traceback
        log.exception("%s failed", what)
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(f"{what} could not be shown: {message}")


def run(body: Callable[[], None]) -> None:
    """Run a page body under guard(), always through the router (see _through_the_router)."""
    _through_the_router()
    with guard():
        body()


__all__ = ["INDIVIDUAL_LABEL", "ADMIN_PAGES"]
