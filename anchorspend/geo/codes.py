"""ONS GSS code families: which prefixes are districts, wards and LSOAs (and which are not districts)."""

from __future__ import annotations

import re

# Local-authority districts: England unitary, non-metropolitan, metropolitan and London; Wales; Scotland; NI.
DISTRICT_PREFIXES = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")
WARD_PREFIXES = ("E05", "W05", "S13", "N08")
NOT_DISTRICT = {"E10": "county", "E11": "metropolitan county", "E12": "region", "E92": "country"}
LSOA_2011 = re.compile(r"^[EW]01\d{6}$")
GSS_CODE = re.compile(r"^[ENSW]\d{8}$")
