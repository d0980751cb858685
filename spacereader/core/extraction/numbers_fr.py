"""Numbers as French texts write them: "1 000", "1,2 milliard", "vingt-cinq", "cinquième".

A space (no-break and narrow no-break spaces arrive folded to one) separates
thousands and a comma separates decimals; number words join with hyphens, "et"
and spaces ("quatre-vingt-dix", "vingt et un", "deux cents"). Units keep the
canonical names of English texts ("years", "km", "EUR"), so that figures of both
languages sort and compare alike. The month table is `numbers.FRENCH_MONTHS`.
"""

from __future__ import annotations

import functools
import re

from spacereader.core.extraction.numbers import _unit_alternation

# "un"/"une" are left out, as "a" is in English: they are articles far more often.
SMALL = {
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
TENS = {
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
}
# Words that only continue a number ("vingt et un", "dix-sept"), never open one.
_INNER = {"un": 1, "une": 1, "et": 0}
ORDINALS = {
    "premier": 1,
    "première": 1,
    "premiers": 1,
    "premières": 1,
    "second": 2,
    "seconde": 2,
    "deuxième": 2,
    "troisième": 3,
    "quatrième": 4,
    "cinquième": 5,
    "sixième": 6,
    "septième": 7,
    "huitième": 8,
    "neuvième": 9,
    "dixième": 10,
    "onzième": 11,
    "douzième": 12,
    "treizième": 13,
    "quatorzième": 14,
    "quinzième": 15,
    "seizième": 16,
    "vingtième": 20,
    "trentième": 30,
    "quarantième": 40,
    "cinquantième": 50,
    "centième": 100,
}
SCALES = {
    "million": 1e6,
    "millions": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "mille": 1e3,
    "md": 1e9,
    "mds": 1e9,
    "mrd": 1e9,
    "m": 1e6,
    "k": 1e3,
}
DURATION_UNITS = {
    "an": "years",
    "ans": "years",
    "année": "years",
    "années": "years",
    "mois": "months",
    "semaine": "weeks",
    "semaines": "weeks",
    "jour": "days",
    "jours": "days",
    "heure": "hours",
    "heures": "hours",
    "minute": "minutes",
    "minutes": "minutes",
    "seconde": "seconds",
    "secondes": "seconds",
    "décennie": "decades",
    "décennies": "decades",
    "siècle": "centuries",
    "siècles": "centuries",
}
MEASURE_UNITS = {
    "km": "km",
    "kilomètre": "km",
    "kilomètres": "km",
    "m": "m",
    "mètre": "m",
    "mètres": "m",
    "cm": "cm",
    "centimètres": "cm",
    "mm": "mm",
    "millimètres": "mm",
    "kg": "kg",
    "kilo": "kg",
    "kilos": "kg",
    "kilogramme": "kg",
    "kilogrammes": "kg",
    "g": "g",
    "gramme": "g",
    "grammes": "g",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "km/h": "km/h",
    "km/s": "km/s",
    "m/s": "m/s",
    "ua": "AU",
    "unités astronomiques": "AU",
    "années-lumière": "ly",
    "année-lumière": "ly",
    "w": "W",
    "watts": "W",
    "kw": "kW",
    "kilowatts": "kW",
    "mw": "MW",
    "mégawatts": "MW",
    "gw": "GW",
    "hz": "Hz",
    "mhz": "MHz",
    "ghz": "GHz",
    "to": "TB",
    "go": "GB",
    "téraoctets": "TB",
    "gigaoctets": "GB",
    "°c": "°C",
    "degrés celsius": "°C",
    "degrés": "°",
    "kelvins": "K",
    "km²": "km²",
    "kilomètres carrés": "km²",
    "m²": "m²",
    "mètres carrés": "m²",
    "kn": "kN",
    "kilonewtons": "kN",
    "newtons": "N",
}
# Currencies after an amount, with what may join them: "de dollars", "d'euros", "€".
CURRENCY_WORDS = {
    "euros": "EUR",
    "euro": "EUR",
    "€": "EUR",
    "dollars": "USD",
    "dollars américains": "USD",
    "dollar": "USD",
    "$": "USD",
    "yuans": "CNY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "roupies": "INR",
    "yens": "JPY",
    "yen": "JPY",
    "roubles": "RUB",
    "livres sterling": "GBP",
    "£": "GBP",
}

_OPENING = sorted([*SMALL, *TENS, "cents", "cent", "mille"], key=len, reverse=True)
# "-cinq", " cents", " mille", " et un": what may follow a number word within the number.
_CONTINUATION = (
    rf"(?:-(?:{'|'.join(_OPENING)})|\ (?:cents|cent|mille)|(?:\ et\ |-et-)(?:une|un|onze))(?!\w)"
)
# "trois", "vingt-cinq", "quatre-vingt-dix", "vingt et un", "deux cents", "trois mille".
WORD_NUMBER = rf"(?:(?:{'|'.join(_OPENING)})(?!\w)(?:{_CONTINUATION}){{0,4}})"
# "1 000", "22 500", "1 935,3", "1,2", "2.5", "46".
DIGITS = r"(?:\d{1,3}(?:\ \d{3})+(?:,\d+)?|\d+(?:,\d+)?(?!\d)|\d+(?:\.\d+)?)"
SCALE = r"(?:milliards?|millions?|Mds?|Mrd)"
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL = rf"(?:(?:{ORDINAL_WORD})|\d{{1,3}}(?:er|re|e|ème|ᵉ))"
MEASURE = _unit_alternation(MEASURE_UNITS)
DURATION = _unit_alternation(DURATION_UNITS)
CURRENCY_WORD = _unit_alternation(CURRENCY_WORDS)


@functools.lru_cache(maxsize=4096)  # the same few surfaces recur ("46", "quatre", "2030")
def parse_number(text: str) -> float | None:
    """The value of French digits ("1 000", "1,2") or number words ("vingt-cinq")."""
    cleaned = text.replace(" ", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        pass
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s\-]+", text.lower()):
        if word in SMALL:
            current += SMALL[word]
        elif word in TENS:
            # "quatre-vingt(s)": four twenties.
            current = current * 20 if current == 4 else current + TENS[word]
        elif word in ("cent", "cents"):
            current = max(current, 1) * 100
        elif word == "mille":
            total += max(current, 1) * 1000
            current = 0
        elif word in _INNER:
            current += _INNER[word]
            continue
        else:
            return None
        seen = True
    total += current
    return float(total) if seen else None


@functools.lru_cache(maxsize=1024)
def parse_ordinal(text: str) -> float | None:
    """The value of "cinquième", "premier" or "21e"."""
    lowered = text.lower()
    digits = re.match(r"(\d+)(?:er|re|e|ème|ᵉ)$", lowered)
    if digits:
        return float(digits.group(1))
    value = ORDINALS.get(lowered)
    return None if value is None else float(value)


def scale_of(word: str) -> float:
    """The factor a French scale word stands for ("milliard" -> 1e9)."""
    return SCALES.get(word.lower(), 1.0)
