"""What a figure counts or measures, in words, for a briefing or a listing.

A figure's `unit` is a machine form: a noun phrase for counts ("countries"), a
currency code for money ("INR"), a symbol for measures ("km", "%"). Its
`qualifier` ("more than", "about") hedges the number and is already part of the
figure's own text ("more than 55"). Joining qualifier and unit without the
number made "more than times" and "about INR"; the description below says what
is counted, in English, and leaves the hedge with the number it belongs to.
"""

from __future__ import annotations

from spacereader.core.extraction.model import Figure, FigureKind

CURRENCY_NAMES = {
    "USD": "US dollars",
    "EUR": "euros",
    "CNY": "Chinese yuan",
    "INR": "Indian rupees",
    "JPY": "Japanese yen",
    "GBP": "pounds sterling",
    "RUB": "Russian roubles",
    "CAD": "Canadian dollars",
    "AUD": "Australian dollars",
    "NZD": "New Zealand dollars",
    "HKD": "Hong Kong dollars",
    "SGD": "Singapore dollars",
}

UNIT_NAMES = {
    "%": "percent",
    "km": "kilometres",
    "m": "metres",
    "cm": "centimetres",
    "mm": "millimetres",
    "mi": "miles",
    "ft": "feet",
    "in": "inches",
    "AU": "astronomical units",
    "ly": "light years",
    "pc": "parsecs",
    "km²": "square kilometres",
    "m²": "square metres",
    "kg": "kilograms",
    "g": "grams",
    "t": "tonnes",
    "lb": "pounds",
    "km/h": "kilometres per hour",
    "km/s": "kilometres per second",
    "m/s": "metres per second",
    "mph": "miles per hour",
    "W": "watts",
    "kW": "kilowatts",
    "MW": "megawatts",
    "GW": "gigawatts",
    "N": "newtons",
    "kN": "kilonewtons",
    "Hz": "hertz",
    "kHz": "kilohertz",
    "MHz": "megahertz",
    "GHz": "gigahertz",
    "K": "kelvins",
    "°C": "degrees Celsius",
    "°": "degrees",
    "GB": "gigabytes",
    "TB": "terabytes",
    "kbit/s": "kilobits per second",
    "Mbit/s": "megabits per second",
    "Gbit/s": "gigabits per second",
}


def what_it_counts(figure: Figure) -> str:
    """What the figure counts or measures ("times", "Indian rupees", "kilometres").

    Empty for years and dates, and for a count whose noun was not found. The
    qualifier is not repeated: it reads with the number, in the figure's text.
    """
    if figure.kind in (FigureKind.YEAR, FigureKind.DATE):
        return ""
    if figure.kind is FigureKind.MONEY:
        return CURRENCY_NAMES.get(figure.unit, figure.unit)
    return UNIT_NAMES.get(figure.unit, figure.unit)
