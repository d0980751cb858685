"""Numbers as texts write them: digits with separators, number words, scales, ordinals, units."""

from __future__ import annotations

import functools
import re

SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "bn": 1e9,
    "mn": 1e6,
}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# French months, as French writes them (in lower case), with their abbreviations.
FRENCH_MONTHS = {
    "janvier": 1,
    "février": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "janv": 1,
    "févr": 2,
    "avr": 4,
    "juil": 7,
    "oct": 10,
    "nov": 11,
    "déc": 12,
}
DURATION_UNITS = {
    "year": "years",
    "years": "years",
    "month": "months",
    "months": "months",
    "week": "weeks",
    "weeks": "weeks",
    "day": "days",
    "days": "days",
    "hour": "hours",
    "hours": "hours",
    "minute": "minutes",
    "minutes": "minutes",
    "second": "seconds",
    "seconds": "seconds",
    "decade": "decades",
    "decades": "decades",
    "century": "centuries",
    "centuries": "centuries",
}
MEASURE_UNITS = {
    "km": "km",
    "kilometre": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometers": "km",
    "m": "m",
    "metre": "m",
    "metres": "m",
    "meter": "m",
    "meters": "m",
    "cm": "cm",
    "centimetres": "cm",
    "centimeters": "cm",
    "mm": "mm",
    "millimetres": "mm",
    "millimeters": "mm",
    "kg": "kg",
    "kilogram": "kg",
    "kilograms": "kg",
    "kilogrammes": "kg",
    "g": "g",
    "gram": "g",
    "grams": "g",
    "grammes": "g",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "ton": "t",
    "tons": "t",
    "metric tons": "t",
    "lb": "lb",
    "lbs": "lb",
    "pounds": "lb",
    "mile": "mi",
    "miles": "mi",
    "mph": "mph",
    "km/h": "km/h",
    "km/s": "km/s",
    "m/s": "m/s",
    "feet": "ft",
    "foot": "ft",
    "ft": "ft",
    "inches": "in",
    "au": "AU",
    "astronomical units": "AU",
    "light-years": "ly",
    "light years": "ly",
    "light-year": "ly",
    "parsecs": "pc",
    "w": "W",
    "watts": "W",
    "kw": "kW",
    "kilowatts": "kW",
    "mw": "MW",
    "megawatts": "MW",
    "gw": "GW",
    "hz": "Hz",
    "khz": "kHz",
    "mhz": "MHz",
    "ghz": "GHz",
    "kbps": "kbit/s",
    "mbps": "Mbit/s",
    "gbps": "Gbit/s",
    "tb": "TB",
    "gb": "GB",
    "terabytes": "TB",
    "gigabytes": "GB",
    "°c": "°C",
    "degrees celsius": "°C",
    "degrees": "°",
    "kelvin": "K",
    "km²": "km²",
    "square kilometres": "km²",
    "square kilometers": "km²",
    "m²": "m²",
    "square metres": "m²",
    "square meters": "m²",
    "kn": "kN",
    "kilonewtons": "kN",
    "newtons": "N",
}
CURRENCY_SYMBOLS = {
    "us$": "USD",
    "c$": "CAD",
    "a$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "rs.": "INR",
    "rs": "INR",
    "inr": "INR",
    "usd": "USD",
    "eur": "EUR",
    "rmb": "CNY",
    "cny": "CNY",
    "gbp": "GBP",
    "jpy": "JPY",
}
CURRENCY_WORDS = {
    "dollars": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "yen": "JPY",
    "pounds sterling": "GBP",
    "roubles": "RUB",
    "rubles": "RUB",
    "usd": "USD",
    "eur": "EUR",
}

_WORD_NUMBER = "|".join(sorted([*SMALL, *TENS], key=len, reverse=True))
# "twenty-five", "two hundred and fifty", "four", "1,731", "2.89".
_HUNDREDS = rf"(?: hundred(?: and (?:{_WORD_NUMBER})(?:-(?:{_WORD_NUMBER}))?)?)?"
WORD_NUMBER = rf"(?:(?:{_WORD_NUMBER})(?:[- ](?:{_WORD_NUMBER}))?{_HUNDREDS})"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
SCALE = r"(?:million|billion|trillion|thousand|crores?|lakhs?|bn|mn)"
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL = rf"(?:(?:(?:{'|'.join(TENS)})-)?(?:{ORDINAL_WORD})|\d{{1,3}}(?:st|nd|rd|th))"


def _unit_alternation(units: dict[str, str] | dict[str, int]) -> str:
    names = sorted(units, key=len, reverse=True)
    return "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)


MEASURE = _unit_alternation(MEASURE_UNITS)
DURATION = _unit_alternation(DURATION_UNITS)
CURRENCY_SYMBOL = _unit_alternation(CURRENCY_SYMBOLS)
CURRENCY_WORD = _unit_alternation(CURRENCY_WORDS)
MONTH = _unit_alternation(MONTHS)


@functools.lru_cache(maxsize=4096)  # the same few surfaces recur ("46", "four", "2030")
def parse_number(text: str) -> float | None:
    """The value of digits ("1,731", "2.89") or number words ("twenty-five", "four")."""
    cleaned = text.replace(",", "").strip()
    try:
        return float(cleaned)
    except ValueError:
        pass
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s\-]+", text.lower()):
        if word == "and":
            continue
        if word in SMALL:
            current += SMALL[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        else:
            return None
        seen = True
    total += current
    return float(total) if seen else None


@functools.lru_cache(maxsize=1024)
def parse_ordinal(text: str) -> float | None:
    """The value of "fifth", "twenty-first" or "21st"."""
    lowered = text.lower()
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", lowered)
    if digits:
        return float(digits.group(1))
    tens, _, last = lowered.rpartition("-")
    if last not in ORDINALS:
        return None
    return float(ORDINALS[last] + (TENS.get(tens, 0) if tens else 0))


def scale_of(word: str) -> float:
    """The factor a scale word stands for ("billion" -> 1e9)."""
    return SCALES.get(word.lower(), 1.0)


def canonical_unit(table: dict[str, str], text: str) -> str:
    """A unit's canonical spelling, whatever its case and spacing in the text."""
    key = " ".join(text.lower().split())
    return table.get(key, table.get(text, key))
