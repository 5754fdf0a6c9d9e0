"""Is a payee a person rather than an organisation: a redaction label, a person's name, or a code."""

from __future__ import annotations

import re

from anchorspend.suppliers.normalise import fold

# Every label the reference files use ("Redacted Personal Information", "REDACTED - Personal Information",
# "Redacted Data", "Redacted Personal Data") and the usual others. Whole words only, so that
# "Redactive Publishing Limited" and "Personal Safety Training" stay organisations.
REDACTION = re.compile(
    r"^\W*(?:REDACTED\b.*|PERSONAL (?:DATA|INFORMATION|DETAILS)\b.*|(?:PRIVATE )?INDIVIDUALS?|"
    r"NAME WITHHELD|WITHHELD|NOT DISCLOSED|NON[- ]DISCLOSABLE|CONFIDENTIAL|DATA PROTECTION|"
    r"PERSONAL INFORMATION REDACTED|SUPPLIER NAME REDACTED)\W*$"
)
# Personal budget / client codes instead of a name: Calderdale writes "2022:06VI Visual Impairment".
PERSONAL_BUDGET_CODE = re.compile(r"^\d{4}:\d{2}")
TITLES = {"MR", "MRS", "MS", "MISS", "MX", "DR", "REV", "REVD", "MASTER", "CLLR", "COUNCILLOR", "PROF"}
# Words that make a name an organisation's, whatever else it looks like.
ORGANISATION_WORDS = {
    "LTD", "LIMITED", "PLC", "LLP", "CIC", "CIO", "INC", "CO", "COMPANY", "AND", "OF", "THE", "FOR", "UK",
    "SERVICES", "SERVICE", "GROUP", "CENTRE", "CENTER", "SCHOOL", "CARE", "HOME", "HOMES", "TRUST", "ASSOCIATION",
    "CLUB", "SOCIETY", "SOLUTIONS", "ENERGY", "HIRE", "NURSERY", "NURSERIES", "CHURCH", "ACADEMY", "COLLEGE",
    "UNIVERSITY", "HOUSE", "HOTEL", "HOTELS", "TAXI", "TAXIS", "CABS", "SYSTEMS", "SUPPLIES", "HOUSING",
    "PARTNERSHIP", "ELECTRICAL", "ELECTRICS", "NHS", "CHAMBERS", "FOUNDATION", "PROJECT", "NETWORK", "STUDIO",
    "STUDIOS", "MEDIA", "CONSULTANCY", "LEISURE", "MOTORS", "PRINT", "DESIGN", "SECURITY", "LEGAL", "SOLICITORS",
    "ASSOCIATES", "BUILDERS", "ENTERPRISES", "INSTITUTE", "COMMUNITY", "COUNCIL", "BANK", "TRAVEL", "PROPERTIES",
    "PROPERTY", "MEMORIALS", "WINDOWS", "PLUMBERS", "TRADING", "TA", "SONS", "BROTHERS", "BROS", "FARM", "FARMS",
    "GARAGE", "DIRECT", "ONLINE", "INTERNATIONAL", "GLOBAL", "SUPPORT", "HEALTH", "HEALTHCARE", "MEDICAL",
    "PRACTICE", "SURGERY", "PHARMACY", "DENTAL", "FUND", "BAND", "PLAYGROUP", "PRESCHOOL", "FORUM", "TEAM",
    "AGENCY", "OFFICE", "COMMITTEE", "PARISH", "TOWERS", "HALL", "LODGE", "COURT", "PARK", "PLACE", "STREET",
    "ROAD", "CONSULTANTS", "CONSULTING", "MANAGEMENT", "RECRUITMENT", "TRAINING", "EDUCATION", "ARTS", "THEATRE",
    "EVENTS", "SPORTS", "FITNESS", "TRANSPORT", "COACHES", "FURNITURE", "JOINERY", "ROOFING", "FENCING",
    "ENGINEERING", "ENVIRONMENTAL", "CATERING", "CLEANING", "PAINTING", "FLOORING", "SIGNS", "PHOTOGRAPHY",
    "FUTURES", "FACTORS", "WORLD", "COMPLIANCE", "PLASTICS", "DECORATORS", "CARPETS", "CARS", "CRANES",
    "ORGANISATION", "RESIDENTIAL", "HAULAGE", "ENTERTAINMENTS", "ECOM", "PLATFORMS", "PRESENTER",
}
# Initials that spell a legal form or a public body rather than a person's initials ("Trafford M B C", "S.L.").
INITIALISMS = {"MBC", "BC", "CC", "DC", "NH", "SL", "SA", "BV", "NV", "UK", "CIC", "NHS", "PLC", "LTD", "LLP"}
# Common given names (UK), for "DUNCAN CAMPBELL" or "Cath Ford" written with no title.
FORENAMES = set(
    """AARON ADAM ADRIAN AIDAN ALAN ALEX ALEXANDER ALI ALICE ALISON AMANDA AMY ANDREA ANDREW ANDY ANGELA ANN ANNA
    ANNE ANTHONY ANTONY BARBARA BARRY BEN BENJAMIN BERNARD BETH BILL BOB BRENDA BRIAN BRUCE CAROL CAROLINE
    CATH CATHERINE CHARLES CHARLOTTE CHERYL CHLOE CHRIS CHRISTINE CHRISTOPHER CLAIRE CLARE COLIN CRAIG DANIEL
    DANNY DARREN DAVE DAVID DAWN DEAN DEBBIE DEBORAH DENISE DEREK DIANE DONNA DOUGLAS DUNCAN EDWARD ELAINE
    ELIZABETH ELLEN EMILY EMMA ERIC GARY GAVIN GEOFF GEOFFREY GEORGE GERALD GILLIAN GLEN GLENN GORDON GRAHAM
    HANNAH HARRY HAZEL HELEN IAN IMRAN JACK JACKIE JACQUELINE JAMES JAMIE JANE JANET JASON JEAN JEFF JENNIFER
    JENNY JEREMY JESSICA JILL JOAN JOANNE JOE JOHN JON JONATHAN JOSEPH JOY JUDITH JULIA JULIE JUSTIN KAREN KATE
    KATHERINE KATHRYN KATIE KEITH KELLY KEVIN KIM KIRSTY LAURA LEE LEANNE LESLEY LESLIE LINDA LISA LORRAINE LOUISE
    LUCY LUKE LYNN LYNNE MALCOLM MANDY MARGARET MARIA MARIE MARK MARTIN MARY MATTHEW MAUREEN MELANIE MICHAEL
    MICHELLE MIKE MOHAMMED MOHAMMAD MUHAMMAD NATALIE NATALYA NEIL NICHOLAS NICK NICOLA NIGEL NORMAN PAMELA
    PATRICIA PATRICK PAUL PAULA PAULINE PETER PHILIP PHILLIP RACHEL RICHARD ROB ROBERT ROBERTA ROGER RONALD ROSS
    RUTH RYAN SALLY SAM SAMANTHA SANDRA SARAH SCOTT SEAN SHARON SHAUN SHEILA SIMON SOPHIE STEPH STEPHANIE STEPHEN
    STEVE STEVEN STUART SUE SUSAN TERRY THOMAS TIM TIMOTHY TINA TOM TONY TRACEY TRACY TREVOR VALERIE VICKY
    VICTORIA WAYNE WENDY WILLIAM ZOE""".split()
)
CODE_TOKEN = re.compile(r"^[A-Z]{0,3}[-/]?\d{4,}[A-Z0-9/-]*$")  # "C123456", "100234", "AB-12345"
# Firms named after a person, written without a legal form in the files.
FIRMS_NAMED_AFTER_PEOPLE = {"GERALD EVE", "JOHN LEWIS", "DAVID LLOYD", "ROBERT DYAS", "JAMES HAY"}
WORD = re.compile(r"[A-Z][A-Z'\-]*")


def _words(raw_name: str) -> list[str]:
    return [w.replace("'", "").replace("-", "") for w in WORD.findall(fold(raw_name))]


def is_redaction_label(raw_name: str) -> bool:
    """A label written in place of a redacted person's name."""
    return bool(REDACTION.match(" ".join(fold(raw_name).replace("-", " ").split())))


def looks_like_person(raw_name: str) -> bool:
    """A person's name written outright: 'Mr Dean Underwood', 'J W PRICE', 'DUNCAN CAMPBELL', 'Greenfield A F'."""
    if re.search(r"[0-9&@/]", raw_name):
        return False
    words = _words(raw_name)
    if not 2 <= len(words) <= 4 or any(w in ORGANISATION_WORDS or w.endswith("ING") for w in words):
        return False
    if " ".join(words) in FIRMS_NAMED_AFTER_PEOPLE:
        return False
    if words[0] in TITLES:
        return True
    long_words = [w for w in words if len(w) > 1]
    initials = "".join(w for w in words if len(w) == 1)
    if initials in INITIALISMS:
        return False
    if len(long_words) == 1 and 1 <= len(initials) <= 2:  # "F G ROWLAND", "Greenfield A F"
        return True
    # A forename and a surname, with at most a middle initial ("DUNCAN CAMPBELL", "IAN G SCHOLES"); a third
    # long word is usually the trade ("Peter Douglass Platforms"), so that stays an organisation.
    return words[0] in FORENAMES and len(long_words) == 2 and len(initials) <= 1


def is_code(raw_name: str) -> bool:
    """A client or personal-budget code instead of a name."""
    text = fold(raw_name).strip()
    if PERSONAL_BUDGET_CODE.match(text):
        return True
    tokens = text.split()
    return bool(tokens) and all(CODE_TOKEN.match(t) for t in tokens)


def payee_kind(raw_name: str) -> str | None:
    """'redacted', 'person' or 'code' when the payee is an individual; None for an organisation."""
    if is_redaction_label(raw_name):
        return "redacted"
    if is_code(raw_name):
        return "code"
    if looks_like_person(raw_name):
        return "person"
    return None
