"""The app's shared layer, the only part of anchorspend that imports Streamlit.

store (path, change stamp, cached reads) · reads (typed cached metrics, place, boundaries) · figures (the charts
a page draws from its reads, shared with warm) · mode (secrets, workshop mode) · auth (sign-in) · sidebar (filters
and links) · tables · editor · page (header, headlines, charts, guard) · router (sidebar + st.navigation). Pages
use `from anchorspend import ui; ui.x`.
"""

from anchorspend.present.columns import ACRONYMS
from anchorspend.present.columns import label as column_label
from anchorspend.ui.auth import auth_mode, require_sign_in, sign_in_form, signed_in
from anchorspend.ui.editor import editor
from anchorspend.ui.mode import ADMIN_PAGES, closed_in_workshop, secret, workshop, workshop_locked
from anchorspend.ui.page import chart, filters, guard, headline, no_place, page_header, place_label, run
from anchorspend.ui.reads import (
    compute,
    coverage,
    district_names,
    monthly_trend,
    opportunity_payments,
    payments,
    place,
    shapes,
    spend_by_district,
    spend_by_lsoa,
    spend_by_ward,
    supplier_points,
    supplier_table,
    tiers,
)
from anchorspend.ui.router import route
from anchorspend.ui.sidebar import sidebar
from anchorspend.ui.store import database_path, has_store, query, store_stamp, writable
from anchorspend.ui.tables import column_formats, frame_table, private, projector_table, table
from anchorspend.view import INDIVIDUAL_LABEL

__all__ = [
    "ACRONYMS",
    "ADMIN_PAGES",
    "INDIVIDUAL_LABEL",
    "auth_mode",
    "chart",
    "closed_in_workshop",
    "column_formats",
    "column_label",
    "compute",
    "coverage",
    "database_path",
    "district_names",
    "editor",
    "filters",
    "frame_table",
    "guard",
    "has_store",
    "headline",
    "monthly_trend",
    "no_place",
    "opportunity_payments",
    "page_header",
    "payments",
    "place",
    "place_label",
    "private",
    "projector_table",
    "query",
    "require_sign_in",
    "route",
    "run",
    "secret",
    "shapes",
    "sidebar",
    "sign_in_form",
    "signed_in",
    "spend_by_district",
    "spend_by_lsoa",
    "spend_by_ward",
    "store_stamp",
    "supplier_points",
    "supplier_table",
    "table",
    "tiers",
    "workshop",
    "workshop_locked",
    "writable",
]
