"""The method appendix: every definition the report uses, the LM3 sources and the data licences."""

from __future__ import annotations

from collections.abc import Mapping

# From PRODUCT.md, "The numbers": the definitions are part of the product, so the report prints them in full.
DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "Scope",
        "The chosen period × the chosen anchors × influenceable spend only (unless switched off). "
        "Amounts are net of VAT where the file says so; credits are negative and reduce the totals.",
    ),
    (
        "Influenceable spend",
        "Spend an anchor can actually redirect. Excluded by default: payments to other public "
        "bodies, HMRC, pensions, precepts and levies, and categories a user marks as "
        "non-influenceable. The rules are data in the store and can be edited.",
    ),
    (
        "Supplier location",
        "The best evidence available, in this order: a branch or delivery postcode from a "
        'supplier register ("based or branched", the CLES rule); a registered-office postcode; '
        "else unknown. Unknown is always shown as its own share, never counted as non-local.",
    ),
    (
        "Local share (tier t)",
        "Spend with suppliers located in tier t ÷ all spend in scope. Shown beside it: the "
        "unknown share, and the local share of located spend = spend in t ÷ spend with a "
        "known location.",
    ),
    (
        "Pooling across anchors",
        "Spend-weighted by default (Σ local ÷ Σ total). The unweighted mean of the anchors' "
        "own shares is shown too, labelled; it gives small anchors the weight of large ones.",
    ),
    (
        "Leakage",
        "Spend in scope with suppliers located outside the regional tier (or the local tier, when chosen), "
        "by sector. Addressable leakage is leakage in sectors where at least one known supplier is located "
        "in the local tier in the same SIC 2007 division; their number is shown beside it.",
    ),
    (
        "Sector",
        "The SIC 2007 division of the supplier where known, shown by its section (A–U); otherwise inferred "
        "from the supplier's name and the expense description, and marked as inferred.",
    ),
    (
        "Organisation type",
        "Exactly one per supplier, the first that applies: public body; VCSE (registered charity, "
        "CIC, CIO, company limited by guarantee, community benefit society); individual; SME "
        "(under 250 staff, or flagged SME by a register); large; unknown. Shares add up to 1.",
    ),
    (
        "LM3 (local multiplier)",
        "NEF's Local Multiplier 3, for the local tier: LM3 = (R1 + R2 + R3) ÷ R1, between 1 "
        "and 3. R1 = in-scope supplier spend + anchor payroll (without payroll it is "
        '"procurement-only LM3"). R2 = spend with suppliers located locally + payroll × '
        "share of staff living locally. R3 = Σ over local suppliers of spend × that "
        "supplier's local re-spend rate (its survey return if any, else the default for its "
        "type and sector) + local payroll × staff local re-spend rate. Worked check: R1 = "
        "100, half spent locally, local re-spend 60% → (100 + 50 + 30) ÷ 100 = 1.80.",
    ),
    (
        "LM3 is a lower bound",
        "Spend whose supplier location is unknown is not counted as local, so LM3 can only "
        "rise as locations are found.",
    ),
    (
        "Value per £1",
        "To a local supplier 1 + r_local; to a non-local supplier r_nonlocal, where r_local is the "
        "spend-weighted mean re-spend rate of local suppliers.",
    ),
    (
        "SME share, VCSE share",
        "Spend with suppliers of that type ÷ all spend in scope, each with its unknown share.",
    ),
    (
        "Spend in deprived areas",
        "Of local spend, the share with suppliers located by full postcode in LSOAs in "
        "national IMD 2019 deciles 1–2; local suppliers not located to a small area are "
        "its unknown share.",
    ),
    (
        "Change",
        "Each headline against the same period a year earlier, and against the figures the previous report "
        "printed for the same filters; in £ for amounts and in percentage points (pts) for shares.",
    ),
    (
        "Collaboration opportunities",
        "Shared suppliers (paid by two or more anchors); common leaking categories; "
        "local supplier intelligence; aligned re-procurement (contracts in one sector "
        "ending within 6–24 months at two or more anchors); fragmentation. Ranked by "
        "£ at stake.",
    ),
    (
        "Individual payees",
        "People paid by an anchor, named or redacted in the files. They stay in the totals and "
        "in the unknown-location share, and are never named in this report.",
    ),
)

LM3_SOURCES: tuple[str, ...] = (
    "New Economics Foundation (2002), The Money Trail: measuring your impact on the local economy using LM3.",
    "New Economics Foundation, LM3 study of Northumberland County Council's procurement (re-spend of local "
    "and non-local suppliers), the source of the value-per-£1 comparison.",
    'Centre for Local Economic Strategies (CLES), the Preston model spend analysis: the "based or branched" '
    "location rule and the local/regional tiers.",
)

LICENCES: tuple[str, ...] = (
    "Spend files and contracts registers: published by each anchor under the Open Government Licence "
    "v3.0 (OGL).",
    "Boundaries: Contains OS data © Crown copyright and database right. Source: Office for National "
    "Statistics, "
    "licensed under the Open Government Licence v3.0.",
    "Postcode lookups: Contains Royal Mail data © Royal Mail copyright and database right; Contains National "
    "Statistics data © Crown copyright and database right; OGL v3.0.",
    "English Indices of Deprivation 2019: Ministry of Housing, Communities and Local Government, OGL v3.0.",
    "Company details: Companies House, OGL v3.0.",
)


# Under each definition, the figures of this report it defines (keys of present.explain.definitions).
COMPUTED_UNDER = {
    "Scope": ("total_spend",),
    "Supplier location": ("unknown_share",),
    "Local share (tier t)": ("local_share", "regional_share", "located_local_share"),
    "Pooling across anchors": ("weighted_local_share", "unweighted_local_share"),
    "Leakage": ("leakage",),
    "Organisation type": ("type_shares",),
    "LM3 (local multiplier)": ("lm3",),
    "SME share, VCSE share": ("sme_share", "vcse_share"),
    "Spend in deprived areas": ("deprived_area_share",),
}


def definitions(metrics: Mapping[str, object]) -> list[tuple[str, str]]:
    """The report's definitions (PRODUCT.md); metrics' arithmetic with its numbers is printed apart."""
    return list(DEFINITIONS)
