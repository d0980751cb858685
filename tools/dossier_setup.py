"""Set the app up for the dossier screenshot: a small library that follows the ILRS
over five years, then its dossier window in front of the main window.

    python tools/screenshot.py docs/dossier.png --setup tools/dossier_setup.py --wait 9

Run by tools/screenshot.py inside the app (`app` is the SpaceReaderApp). With
SPACEREADER_DEMO_PASSAGE=1, a sentence of the dossier is then opened in the reader.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.dossier_library import write_library

app = globals()["app"]
CITIES = ("BEIJING", "MOSCOW", "WUHAN", "HEFEI", "GENEVA", "VIENNA", "PRETORIA", "BAKU")
MEMBERS = {2021: 2, 2022: 5, 2023: 10, 2024: 13, 2025: 17}
MONTHS = (
    "January February March April May June July August September October November December"
).split()
SENTENCES = (
    "{city}, {date} — The International Lunar Research Station (ILRS) now counts {n} member"
    " countries, officials said after the partners met.",
    "{city}, {date} — Delegates reviewed the ILRS roadmap; the station has {n} partner"
    " countries, and its first modules are due around 2030.",
    "{city}, {date} — A new memorandum brings the ILRS to {n} member countries, while the"
    " Artemis Accords have {accords} signatories.",
)


def write_more(folder: Path) -> None:
    """Two dozen dated reports on the station's membership, one of them stale."""
    rng = random.Random(3)
    for number in range(24):
        year = 2021 + number // 5
        month = rng.randint(1, 12)
        value = MEMBERS[year] if number != 17 else MEMBERS[year - 1]
        text = rng.choice(SENTENCES).format(
            city=rng.choice(CITIES),
            date=f"{MONTHS[month - 1]} {rng.randint(1, 28)}, {year}",
            n=value,
            accords=20 + 4 * (year - 2021) + rng.randint(0, 3),
        )
        title = f"Lunar station report {number + 1}: partners meet in {text.split(',')[0].title()}"
        (folder / f"report-{number:02d}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")


folder = Path(tempfile.mkdtemp(prefix="spacereader-dossier-demo-"))
write_library(folder)
write_more(folder)
app.importer.import_paths([folder], open_first=False)


def show() -> None:
    window = app.dossier.open_dossier("ILRS")
    window.setGeometry(360, 40, 1060, 840)


def open_passage() -> None:
    window = app.dossier.window
    model = window.documents_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == "Lunar station and the Accords compared":
            window.documents.activated.emit(model.index(0, 0, model.index(row, 0)))
            return


QTimer.singleShot(4000, show)
if os.environ.get("SPACEREADER_DEMO_PASSAGE"):
    QTimer.singleShot(7000, open_passage)
