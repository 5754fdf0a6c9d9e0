"""The published layouts of the national registers, header by header, as their publishers write them."""

from __future__ import annotations

import re

# Companies House "Free Company Data Product" (BasicCompanyDataAsOneFile-YYYY-MM-DD.csv and its parts), header
# row as published; some cells carry a leading space (" CompanyNumber"), so headers are compared stripped.
COMPANIES_HOUSE = (
    "CompanyName",
    "CompanyNumber",
    "RegAddress.CareOf",
    "RegAddress.POBox",
    "RegAddress.AddressLine1",
    "RegAddress.AddressLine2",
    "RegAddress.PostTown",
    "RegAddress.County",
    "RegAddress.Country",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
    "CountryOfOrigin",
    "DissolutionDate",
    "IncorporationDate",
    "Accounts.AccountRefDay",
    "Accounts.AccountRefMonth",
    "Accounts.NextDueDate",
    "Accounts.LastMadeUpDate",
    "Accounts.AccountCategory",
    "Returns.NextDueDate",
    "Returns.LastMadeUpDate",
    "Mortgages.NumMortCharges",
    "Mortgages.NumMortOutstanding",
    "Mortgages.NumMortPartSatisfied",
    "Mortgages.NumMortSatisfied",
    "SICCode.SicText_1",
    "SICCode.SicText_2",
    "SICCode.SicText_3",
    "SICCode.SicText_4",
    "LimitedPartnerships.NumGenPartners",
    "LimitedPartnerships.NumLimPartners",
    "URI",
    *(f"PreviousName_{i}.{part}" for i in range(1, 11) for part in ("CONDATE", "CompanyName")),
    "ConfStmtNextDueDate",
    "ConfStmtLastMadeUpDate",
)

# Charity Commission for England and Wales, full register download, the charity table
# (publicextract.charity.txt, tab-separated): the columns read, by published header.
CHARITIES_NEEDED = ("registered_charity_number", "linked_charity_number", "charity_name")
CHARITIES_OPTIONAL = (
    "charity_type",
    "charity_registration_status",
    "charity_contact_postcode",
    "charity_company_registration_number",
    "charity_is_cio",
)

# NHS ODS standard CSV extracts (etr trusts, eccg CCGs, epraccur GP practices, ...): no header row, 27 columns.
ODS_FIELDS = {"code": 0, "name": 1, "postcode": 9, "open_date": 10, "close_date": 11, "status": 12}
ODS_WIDTH = 27

# GIAS "all establishment data" (edubasealldataYYYYMMDD.csv, cp1252): the columns read, by published header.
GIAS_NEEDED = (
    "URN",
    "EstablishmentName",
    "TypeOfEstablishment (name)",
    "EstablishmentStatus (name)",
    "Postcode",
)
GIAS_OPTIONAL = ("EstablishmentTypeGroup (name)", "UKPRN", "CompaniesHouseNumber", "CharitiesCommissionNumber")

# ONS "Names and Codes" lists of local authorities, e.g. "Local Authority Districts (December 2023) Names and Codes
# in the United Kingdom" (LAD23CD,LAD23NM,LAD23NMW,ObjectId; older editions FID first) and "Counties and Unitary
# Authorities" (CTYUA23CD,CTYUA23NM,...). The two digits are the edition's year, so a header is matched by
# pattern: a code column and the name column of the same prefix and year.
COUNCIL_CODE_COLUMN = re.compile(r"^(LAD|LTLA|UTLA|CTYUA|CTY|UA|CAUTH)(\d{2})CD$", re.IGNORECASE)
COUNCIL_CODE = re.compile(r"^[EWSN]\d{8}$")  # a GSS code: country letter, entity type, number
# How spend files write a council, from the name ONS publishes ("Salford"; "Bristol, City of" is "Bristol").
COUNCIL_STYLES = (
    "{} Council",
    "{} City Council",
    "City of {} Council",
    "{} Borough Council",
    "{} District Council",
    "{} County Council",
    "{} County Borough Council",
    "{} Metropolitan Borough Council",
    "{} Metropolitan District Council",
    "Metropolitan Borough of {}",
    "London Borough of {}",
    "Royal Borough of {}",
    "Borough of {}",
    "Cyngor {}",
)
