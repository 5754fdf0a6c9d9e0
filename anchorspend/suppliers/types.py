"""Organisation type, exactly one per supplier, the first rule that applies (PRODUCT.md's order).

1. public  - a public body: a council, the NHS, central government, police, fire, a maintained school, or a
             register that says so (org_kind 'public').
2. vcse    - voluntary, community or social enterprise: a registered charity number, or a legal form of
             CIC, CIO, company limited by guarantee or community benefit / registered society (from a register
             or written in the name).
   (individual payees are typed at payee level and never get a supplier row, so no rule here.)
3. sme     - fewer than 250 employees by a register, or flagged SME by a register or contracts register.
4. large   - 250 or more employees, or a register or contracts register says it is not an SME.
5. unknown - none of the above.
"""

from __future__ import annotations

import re

from anchorspend.suppliers.normalise import fold

PUBLIC_NAME = re.compile(
    r"\b(?:(?:CITY|COUNTY|BOROUGH|DISTRICT|PARISH|TOWN|METROPOLITAN) COUNCIL|COUNCIL|M ?B ?C|NHS|HMRC|"
    r"HM REVENUE|HM COURTS|HMCTS|DEPARTMENT (?:FOR|OF)|MINISTRY OF|CABINET OFFICE|HOME OFFICE|POLICE|"
    r"FIRE (?:AND|&) RESCUE|COMBINED AUTHORITY|ENVIRONMENT AGENCY|OFSTED|DVLA|LAND REGISTRY|INLAND REVENUE|"
    r"INTEGRATED CARE BOARD|CLINICAL COMMISSIONING|FOUNDATION TRUST|HOSPITALS? TRUST|GOVERNMENT|"
    r"ACCOUNTANT GENERAL|PRIMARY SCHOOL|INFANT SCHOOL|JUNIOR SCHOOL|NURSERY SCHOOL|J (?:AND|&) I SCHOOL|"
    r"PUBLIC HEALTH|DISCLOSURE (?:AND|&) BARRING|TRANSPORT FOR)\b"
    # A university or a further education college as anchors name them ("University Of Salford", "Sheffield
    # Hallam University", "Salford City College"); a longer name after "University of" is something there
    # ("University Of Salford Busy Bees", a nursery).
    r"|^(?:THE )?UNIVERSITY OF (?:THE )?[A-Z]+(?: [A-Z]+)?$|\bUNIVERSITY$|\b(?:SIXTH FORM )?COLLEGE$"
)
# "Citizens Advice" or "British Council"-like bodies are charities; these words stop the public rule.
NOT_PUBLIC = re.compile(r"\b(?:ADVICE|LTD|LIMITED|PLC|LLP|CIC|CHARITY|SOCIETY|ASSOCIATION)\b")
VCSE_NAME = re.compile(
    r"\b(?:C ?I ?C|COMMUNITY INTEREST COMPANY|C ?I ?O|CHARITABLE INCORPORATED|CHARITY|CHARITABLE|"
    r"COMMUNITY BENEFIT SOCIETY|CREDIT UNION|HOUSING ASSOCIATION|CITIZENS ADVICE|VOLUNTARY|"
    r"(?:CHURCH|SCOUT|GUIDE) (?:GROUP|HALL)|SCOUTS?|GIRLGUIDING|FOUNDATION|FOOD ?BANK)\b"
)
VCSE_KINDS = {"charity", "cic", "cio", "guarantee", "society", "vcse"}
# Companies House accounts categories: micro-entity and small companies' accounts (and abridged or audit-exempt
# ones, which only small companies may file) mean an SME; full and group accounts mean large; the rest say nothing.
SME_ACCOUNTS = {
    "MICRO ENTITY",
    "SMALL",
    "TOTAL EXEMPTION SMALL",
    "TOTAL EXEMPTION FULL",
    "UNAUDITED ABRIDGED",
    "AUDITED ABRIDGED",
    "MEDIUM",
}
LARGE_ACCOUNTS = {"FULL", "GROUP"}


def org_type(
    names: list[str],
    org_kinds: list[str],
    charity_number: str | None,
    employees: int | None,
    is_sme: bool | None,
    accounts_category: str | None = None,
    registers: list[str] | None = None,
) -> tuple[str, str]:
    """(type, rule) for one organisation, from its spellings and what registers say about it.

    registers names the national register entities it is linked to ('companies_house 01234567'), so the rule
    says which register settled it.
    """
    texts = [" ".join(re.sub(r"[^A-Z0-9&]+", " ", fold(n)).split()) for n in names]
    kinds = {k for k in org_kinds if k}
    source = f" ({', '.join(registers[:2])})" if registers else ""
    if "public" in kinds:
        return "public", f"public: register says public body{source}"
    for text in texts:
        if PUBLIC_NAME.search(text) and not NOT_PUBLIC.search(text):
            return "public", f"public: name '{text}' names a public body"
    if charity_number:
        return "vcse", "vcse: registered charity number"
    if kinds & VCSE_KINDS:
        return "vcse", f"vcse: register legal form {sorted(kinds & VCSE_KINDS)[0]}{source}"
    for text in texts:
        if VCSE_NAME.search(text):
            return "vcse", f"vcse: name '{text}' states a VCSE form"
    if employees is not None and employees < 250:
        return "sme", f"sme: {employees} employees (< 250)"
    if is_sme is True:
        return "sme", "sme: flagged SME by a register"
    if employees is not None:
        return "large", f"large: {employees} employees (>= 250)"
    if is_sme is False:
        return "large", "large: flagged not SME by a register"
    if accounts_category in SME_ACCOUNTS:
        return "sme", f"sme: Companies House accounts category {accounts_category}{source}"
    if accounts_category in LARGE_ACCOUNTS:
        return "large", f"large: Companies House accounts category {accounts_category}{source}"
    return "unknown", "unknown: no register, number or telling name"
