"""Page furniture: the header, headline cards, charts with alt text, and a guard that never shows a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import streamlit as st

from anchorspend import db
from anchorspend.present.headlines import Headline
from anchorspend.present.place import NO_PLACE, place_set
from anchorspend.present.words import headline_help, plain_help
from anchorspend.ui import reads, router, stills
from anchorspend.ui.mode import workshop, workshop_style
from anchorspend.view import Filters, literal

log = logging.getLogger(__name__)


def filters() -> Filters:
    """The filters the sidebar set on this run."""
    value = st.session_state.get("filters")
    return value if isinstance(value, Filters) else Filters()


def place_label(filters: Filters) -> str:
    """The place and its tiers, for captions."""
    current = reads.place()
    names = reads.district_names()
    local = filters.local or (tuple(current.local) if current else ())
    name = current.name if current else "no place set"
    # say "fictional" once: the demo's own place name already says it
    says_so = "fictional" in name.lower()
    fictional = " (fictional demo)" if current and current.is_fictional and not says_so else ""
    return f"{name}{fictional}: local = {', '.join(names.get(c, c) for c in local) or 'not set'}"


def page_header(title: str, filters: Filters, plain: str | None = None) -> None:
    """Title (plain words in workshop mode) and the scope the page shows."""
    st.title(plain if plain and workshop() else title)
    if workshop():
        workshop_style()
    st.caption(f"{literal(place_label(filters))} · {literal(filters.describe(plain=workshop()))}")


def headline(column: Any, item: Headline, numbers: Mapping[str, Any]) -> None:
    """One headline with its change, definition and arithmetic (and its meaning in workshop mode)."""
    with column:
        room = workshop()
        st.metric(
            item.plain_label if room else item.label,
            item.formatted(numbers),
            delta=item.change(numbers, plain=room),
            delta_color="off" if item.kind == "gbp" else "inverse" if item.lower_is_better else "normal",
            help=literal(plain_help(item, numbers) if room else headline_help(item, numbers), lines=True),
            border=True,
        )
        if workshop():
            st.markdown(item.meaning)


def no_place(numbers: Mapping[str, Any]) -> bool:
    """Say, once on the page, that no place is set and how to set one; whether that is so."""
    if place_set(numbers):
        return False
    st.warning(NO_PLACE)
    return True


def chart(fig: Any, key: str | None = None, **args: Any) -> Any:
    """A chart with its text alternative as alt text and in an expander for screen-reader users: a picture drawn on
    the server, with a switch to explore it in the browser (normal mode, a chart with a key), or the Plotly chart.

    Loading and running Plotly cost each browser about a second of CPU on a cold page, most of a page's work
    (measured with bench/bench_room.py's room of browsers): a chart that is read, not pointed at, need not pay it.
    Returns the Plotly chart's event, None while it is a picture."""
    from anchorspend.charts import alt_text

    text = alt_text(fig)
    picture, event = None, None
    room = workshop()
    if room:  # readable from the back of a room, with room for the larger labels, in the room's words
        fig, text = stills.for_room(fig)
        picture = stills.still(fig, text)  # drawn once on the server for the whole room (maps stay interactive)
    elif key is not None and not st.session_state.get(explore_key(key)):
        picture = stills.still(fig, text, stills.DESK_WIDTH)
    if picture is not None:
        st.html(picture)
    else:
        # theme=None: the figure's own dark, larger type (charts.base) instead of Streamlit's pale grey ticks
        # No Plotly toolbar: its eight buttons were eight tab stops per chart for keyboard users; the data is in
        # the tables' downloads and in "Chart as text".
        event = st.plotly_chart(fig, key=key, alt=text, config={"displayModeBar": False}, theme=None, **args)
    if key is not None and not room and (picture is not None or st.session_state.get(explore_key(key))):
        st.toggle("Explore this chart", key=explore_key(key), help=EXPLORE_HELP)
    with st.expander("Chart as text", expanded=False):
        st.markdown(literal(text, lines=True))
    return event


EXPLORE_HELP = "Draw it in your browser: point at a bar, line or area for its exact value, zoom in and pan."


def explore_key(key: str) -> str:
    """The session-state key of a chart's "Explore this chart" switch."""
    return f"explore_{key}"


@contextmanager
def guard(what: str = "This page") -> Iterator[None]:
    """Turn any error inside the block into a clear one-line message, never a traceback."""
    try:
        yield
    except db.StoreBusy:
        st.warning("The store is busy with a long load. Try again in a minute; nothing was lost.")
    except FileNotFoundError as exc:
        st.info(literal(str(exc).splitlines()[0]))
    except ImportError as exc:
        st.info(f"{what} needs a part of Anchor Spend that is not installed yet ({literal(exc.name or exc)}).")
    except Exception as exc:  # a page must never show a traceback
        log.exception("%s failed", what)
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        st.error(f"{what} could not be shown: {literal(message)}")


def run(body: Callable[[], None]) -> None:
    """Run a page body under guard(), always inside the router (a page file run on its own routes itself)."""
    if not router.routing() and router.take_over():
        return
    with guard():
        body()
