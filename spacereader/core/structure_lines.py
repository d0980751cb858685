"""How a single line of a text capture reads: navigation, a label, a date, a kicker.

Regular expressions and predicates that structure detection applies line by
line. Each works on one line (or a short window), so detection stays linear.
"""

from __future__ import annotations

import re

MAX_LABEL_CHARS = 48
MAX_NAV_CHARS = 100
# A byline block under the title: a few short lines, one of them a date.
MAX_BYLINE_CHARS = 60
# A one- to three-word line above a title-like line is a kicker ("Science", "Launch").
MAX_KICKER_CHARS = 30
MAX_KICKER_WORDS = 3
# Words besides the date on a date line ("Published on", "9:07 PM UTC"); longer ones are prose.
MAX_DATE_LINE_WORDS = 3

NAV_START = re.compile(
    r"""^(?:back\ to|go\ back|retour|printable\ version|version\ imprimable|print(?:\ this)?
        (?:\ page|\ article|\ version)?$|share(?:\ this)?\b|e-?mail\ this|skip\ to|home$|menu$
        |subscribe\b|sign\ (?:in|up)\b|log\ ?in\b|accept\ (?:all\ )?cookies
        |this\ site\ uses\ cookies|we\ use\ cookies|related\ (?:articles|stories|links)
        |read\ more$|top\ of\ page|back\ to\ top
        |next\ article|previous\ article|follow\ us|tweet$|imprimer|partager|haut\ de\ page
        |our\ standards\b|advertisement$|publicité$)""",
    re.IGNORECASE | re.VERBOSE,
)
# A line of counters only: "1234 views · 56 likes", "12 comments", "3,4 k vues".
COUNTERS = re.compile(
    r"^(?:\d[\d,.\u00a0\u202f]*\s?[kKM]?\s+(?:views?|likes?|comments?|shares?|reads?"
    r"|reactions?|vues?|commentaires?|partages?|lectures?)\s*(?:[·•|,/-]\s*|$))+$",
    re.IGNORECASE,
)
# "Space / Espace", "News / Brèves": short bilingual or path-like labels.
LABEL = re.compile(r"^[^\W\d][\w'’&.\- ]{0,30}(?:\s+[/|>»]\s+[^\W\d][\w'’&.\- ]{0,30})+$")
METADATA = re.compile(
    r"^(?P<key>by|source|date|published|updated|author|from)\s*[:\-]?\s+(?P<value>.+)$",
    re.IGNORECASE,
)
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# French captures: "3 mars 2023", "1er février".
MOIS = r"(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)"
DATE = re.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:er)?\s+(?i:{MOIS})(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})(?!\w)"
)
WORD = re.compile(r"[^\W\d_]{3,}")
# Credits closing a wire story: "Reporting by …; Editing by …".
CREDITS = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing|editing|compiled|translated)\s+by\b", re.I
)
# "EIRNS—", "WASHINGTON (Reuters) —", "PARIS, Jan. 28 (AFP) -": a wire dateline.
DATELINE_SOURCE = re.compile(
    r"^(?P<source>[A-Z][A-Z&.]+(?:[ ,]+[A-Z][A-Z&.]+)*(?:\s*\((?P<agency>[^)]{2,30})\))?)"
    r"(?P<rest>[^—–]{0,40}?)(?:\s*(?:—|–|--)\s*|\s+-\s+)"
)
AGENCY = re.compile(r"\(([^)]{2,30})\)")
# What may stand between a dateline's dash and its date: "EIRNS—On Jan. 28 …".
_DATE_LEAD = re.compile(r"(?:on|le)\s+", re.IGNORECASE)


def is_nav_line(line: str) -> bool:
    """True for page furniture of a web capture: "Back to …", "Printable version / …",
    "1234 views · 56 likes"."""
    line = line.strip()
    return len(line) <= MAX_NAV_CHARS and bool(NAV_START.match(line) or COUNTERS.match(line))


def is_label(line: str) -> bool:
    return len(line) <= MAX_LABEL_CHARS and bool(LABEL.match(line.strip()))


def is_label_or_nav(line: str) -> bool:
    return is_label(line) or is_nav_line(line)


def date_in_line(line: str) -> str:
    """The date a short date line carries ("Publié le 3 mars 2023 à 10h12"), else ""."""
    line = line.strip()
    if len(line) > MAX_BYLINE_CHARS or line.endswith((".", "!", "?")):
        return ""
    match = DATE.search(line)
    if match is None:
        return ""
    rest = line[: match.start()] + " " + line[match.end() :]
    return match.group() if len(WORD.findall(rest)) <= MAX_DATE_LINE_WORDS else ""


def dateline_end(line: str) -> int:
    """Where a dated wire dateline opening `line` ends ("MOSCOW, March 9, 2021 — ",
    "WASHINGTON — March 11, 2024 — ", "PARIS, le 9 mars 2021 — "), or 0 when there is none.

    A dateline without a date ("NASA — The Artemis Program") is no dateline here:
    a headline may read like that.
    """
    dateline = DATELINE_SOURCE.match(line)
    if dateline is None:
        return 0
    if DATE.search(dateline.group("rest")):
        return dateline.end()
    after = dateline.end()
    lead = _DATE_LEAD.match(line, after)
    date = DATE.match(line, lead.end() if lead else after)
    if date is None:
        return 0
    # "WASHINGTON — March 11, 2024 — NASA said": the date has a dash of its own.
    closing = re.compile(r"\s*(?:—|–|--|-)\s*").match(line, date.end())
    return closing.end() if closing and not lead else dateline.end()


def is_kicker(line: str) -> bool:
    line = line.strip()
    return (
        len(line) <= MAX_KICKER_CHARS
        and len(line.split()) <= MAX_KICKER_WORDS
        and not line.endswith((".", "!", "?", ":"))
        and not date_in_line(line)
    )
