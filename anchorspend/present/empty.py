"""What a page says when it has nothing to show, with what to do about it (one set of words for every page)."""

from __future__ import annotations

NO_PAYMENTS = (
    "No payments loaded yet. Load spend files on the Data page (Load a spend file) or with `anchorspend ingest`, "
    "or build the fictional demo region with `anchorspend demo` to look around first."
)
NO_COLLABORATION = (
    "No sector where two or more of the anchors could act together was found in this scope. Choose more anchors "
    "or a longer period in the sidebar, or load more anchors' spend files."
)
