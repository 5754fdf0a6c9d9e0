"""Warm the app's caches in the background, so that people find the default view already worked out.

A server's first visitor starts one thread. It works out what the analysis pages read for the default filters
(the same cached calls, so the same cache entries the pages then find), and does it again after every write to
the store, by the app or the command line, once the store has been quiet for a moment: the first person to open
the dashboard after a load no longer waits for the numbers, and a room that arrives at once shares them.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from anchorspend.ui import reads, stills
from anchorspend.ui.sidebar import default_filters
from anchorspend.ui.store import database_path, query, store_stamp

THREAD = "anchorspend-warm"
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"  # warns of a thread outside a run
POLL_S = 2.0  # how often the thread looks at the store's files (a stat; the store is opened only on a change)
log = logging.getLogger(__name__)
_started = threading.Event()


def start() -> None:
    """Start the warming thread once per server process; not under AppTest (no server), whose tests write the
    store from the same process."""
    from streamlit.runtime import Runtime

    # AppTest stands a mock in for the Runtime while a script runs (Runtime.exists() is then true): a thread
    # started there would outlive the test and warm whatever store the next test points ANCHORSPEND_DB at.
    if not Runtime.exists() or type(Runtime.instance()) is not Runtime or _started.is_set():
        return
    _started.set()
    from anchorspend.report.svg import warm_up

    warm_up()  # the exporter's Chromium starts beside the numbers (workshop pictures; the weekly PDF)
    thread = threading.Thread(target=follow_the_store, args=(threading.Event(),), name=THREAD, daemon=True)
    thread.start()


def follow_the_store(stop: threading.Event, poll_s: float = POLL_S) -> None:
    """Warm the default view now, then after every change of the store's version, until stop is set."""
    warmed, seen = 0, -1
    logging.getLogger(CONTEXT_LOGGER).addFilter(_no_context_warning)
    while True:
        try:
            path = database_path()
            stamp = store_stamp(path) if os.path.exists(path) else 0
            # at once on the first look; after a write, once a look finds the version unchanged (a load commits
            # twice, its rows and then its refresh)
            if stamp > 0 and stamp != warmed and (warmed == 0 or stamp == seen):
                started = time.perf_counter()
                warm_default_view()
                warmed = stamp
                log.info("warmed the default view of store version %s in %.1f s", stamp, time.perf_counter() - started)
            seen = stamp
        except Exception:  # a busy or half-built store: the pages compute on demand as before; try next time
            log.warning("could not warm the default view", exc_info=True)
        if stop.wait(poll_s):
            return


def _no_context_warning(record: logging.LogRecord) -> bool:
    """Streamlit warns that a thread outside a script run has no ScriptRunContext: expected here, not news."""
    return not (record.threadName == THREAD and "ScriptRunContext" in record.getMessage())


def warm_default_view() -> None:
    """Compute what the analysis pages read for a new visitor's filters (and draw the first page's charts once,
    which imports the parts of Plotly they need, and their pictures, which starts the exporter)."""
    from anchorspend.charts import alt_text
    from anchorspend.ui import figures

    span = query("ui_data_range")
    if span.is_empty() or span["first_paid_on"][0] is None:
        return
    filters = default_filters(span["first_paid_on"][0], span["last_paid_on"][0])
    reads.anchor_ids()
    reads.district_names()
    reads.place()
    numbers = reads.compute(filters)
    reads.coverage(filters)
    # the Overview's charts as the page draws them, and their pictures on a desk and on a workshop's projector
    for fig in figures.overview(filters, numbers).values():
        stills.still(fig, alt_text(fig), stills.DESK_WIDTH)
        stills.still(*stills.for_room(fig))
    reads.shapes("district")
    reads.spend_by_district(filters)
