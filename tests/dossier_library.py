"""A small library that follows one program over five years, for the dossier tests.

The International Lunar Research Station's member countries grow from 2 to
17; two sources three weeks apart disagree (13 and 10 in April 2024); the
Artemis Accords' signatories stand in the same sentences and must stay out of
the ILRS's series; one document has no year, one no date at all, one does not
name the ILRS.
"""

from __future__ import annotations

from pathlib import Path

DOCUMENTS = {
    "2021-roadmap.txt": (
        "Lunar station roadmap presented\n\n"
        "MOSCOW, March 9, 2021 — China and Russia presented the International Lunar"
        " Research Station (ILRS) roadmap. The ILRS counted 2 member countries, while"
        " the Artemis Accords had 8 signatories.\n"
    ),
    "2022-partners.txt": (
        "Station gains partners\n\n"
        "BEIJING, June 15, 2022 — The ILRS now has 5 partner countries, officials said.\n"
    ),
    "2023-organizations.txt": (
        "Organizations join lunar station\n\n"
        "WUHAN, May 10, 2023 — Officials said the ILRS counts 10 countries and"
        " international organizations.\n"
    ),
    "2024-eirns.txt": (
        "ILRS membership grows again\n\n"
        "EIRNS — April 2, 2024 — The ILRS counted 13 member countries.\n"
    ),
    "2024-tass.txt": (
        "Lunar station and the Accords compared\n\n"
        "TASS — April 20, 2024 — By then the ILRS counted 10 member countries, while the"
        " Artemis Accords had 38 signatories.\n"
    ),
    "2025-agreements.txt": (
        "Station signs more agreements\n\n"
        "GENEVA, January 15, 2025 — The ILRS has 17 member countries. The ILRS has signed"
        " 46 cooperation agreements.\n"
    ),
    "yearless.txt": (
        "Lunar station briefing notes\n\n"
        "EIRNS — Jan. 28 — The ILRS was discussed again by the partners.\n"
    ),
    "undated.txt": (
        "Notes on lunar cooperation today\n\n"
        "Delegates talked about the ILRS and its science goals at length.\n"
    ),
    "unrelated.txt": (
        "Mars sample plans\n\nWASHINGTON — May 1, 2023 — NASA reviewed Mars Sample Return.\n"
    ),
}
# File names in the order the dossier must give (undated last).
ORDER = [
    "2021-roadmap.txt",
    "2022-partners.txt",
    "2023-organizations.txt",
    "2024-eirns.txt",
    "2024-tass.txt",
    "2025-agreements.txt",
    "yearless.txt",
    "undated.txt",
]
MEMBERS = [2.0, 5.0, 10.0, 13.0, 10.0, 17.0]


def write_library(folder: Path) -> Path:
    """The documents as files in `folder` (made if need be)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
