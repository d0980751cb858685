"""Extraction benchmark: quality against the gold annotations, and the cost on import.

    .venv/bin/python benchmarks/extraction.py               # 10,000 documents
    .venv/bin/python benchmarks/extraction.py --docs 1000   # a quick run
    .venv/bin/python benchmarks/extraction.py --quality     # the quality table only

Quality: precision and recall of program mentions, distinct programs and figures
on each annotated document in tests/data/extraction, and overall.

Speed: a synthetic library (space-policy sentences with programs, acronyms and
numbers, ~400 words a document) is imported with Library.add into two libraries
in temporary folders, taking turns document by document: one plain, one with
`extract` run once on every text. The import times are compared (goal: at most
+30%). Library.add fsyncs every document, so the import time depends on the disk.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacereader.core.library import Library

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "core" / "extraction"))

PROGRAM_NAMES = [
    "the International Lunar Research Station (ILRS)",
    "the ILRS",
    "Chang'e-5",
    "Chang’e-6",
    "Tianwen-1",
    "the Tiangong space station",
    "Shenzhou-15",
    "the BeiDou Navigation Satellite System",
    "the Artemis program",
    "Artemis II",
    "the Space Launch System (SLS)",
    "the International Space Station",
    "Gateway",
    "Galileo",
    "Copernicus",
    "Ariane 6",
    "Gaganyaan",
    "Chandrayaan-3",
    "the PSLV",
    "PSLV-C57",
    "NASA",
    "ESA",
    "ISRO",
    "JAXA",
    "Hayabusa2",
    "the Long March 5",
    "the lunar exploration program",
    "the manned space program",
    "the space station",
    "the Lunar Surface Power Initiative",
    "the high-speed rail program",
    "the Mars Sample Return Mission",
]
FIGURES = [
    "46 cooperation agreements",
    "19 countries and regions",
    "four international organizations",
    "almost 1,000 engineers",
    "since 2016",
    "on January 28, 2022",
    "for the next five years",
    "$2.89 billion",
    "€16.9 billion",
    "₹450 crore",
    "12.5%",
    "1,731 grams of samples",
    "an orbit of 400 km",
    "its fifth white paper",
    "more than 40 launches",
    "by 2030",
]
FILLER = """the of and to in a is that for its with by on as this are from at which but have
they were has will more can said also new after than other into some could over only space
policy cooperation development agreement partners mission launch satellite orbit station
national international science technology industry budget plan programme strategy review
research exploration data services capacity governance nations agency report""".split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(8, 16))]
    words.insert(rng.randrange(len(words)), rng.choice(PROGRAM_NAMES))
    if rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), rng.choice(FIGURES))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def document(rng: random.Random, index: int) -> str:
    title = f"Space policy brief {index}"
    paragraphs = []
    words = 0
    while words < 400:
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(3, 6)))
        words += len(paragraph.split())
        paragraphs.append(paragraph)
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def quality() -> None:
    from extraction_gold import DOCUMENTS, Score, document_text, evaluate, load_gold

    from spacereader.core.extraction import extract

    seed = (ROOT / "seeds" / "000_bc23038c13dbbe93.txt").read_text(encoding="utf-8")
    rows: list[tuple[str, dict[str, Score]]] = [
        ("seed", evaluate(extract(seed), load_gold("seed")))
    ]
    for name in DOCUMENTS:
        rows.append((name, evaluate(extract(document_text(name)), load_gold(name))))
    overall: dict[str, Score] = {}
    for _, scores in rows[1:]:
        for measure, score in scores.items():
            overall[measure] = overall[measure] + score if measure in overall else score
    rows.append(("overall (4 written documents)", overall))
    print(f"{'document':34} {'mentions P/R':>14} {'programs P/R':>14} {'figures P/R':>14}")
    for name, scores in rows:
        cells = [
            f"{scores[m].precision:.3f}/{scores[m].recall:.3f}"
            for m in ("mentions", "programs", "figures")
        ]
        print(f"{name:34} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}")
    counts = overall["mentions"].gold, overall["programs"].gold, overall["figures"].gold
    print(
        f"gold items in the written documents: {counts[0]} mentions, "
        f"{counts[1]} programs, {counts[2]} figures"
    )


def _fresh_library(folder: Path) -> Library:
    from spacereader.core.library import Library

    return Library(root=folder / "data", seeds=folder / "no-seeds")


def import_libraries(texts: list[str]) -> tuple[float, float, float]:
    """Seconds to import every text plainly, to import it with extraction, and to extract.

    Two libraries are filled in step, document by document: one plainly, one with
    `extract` run on each text (once, with the default gazetteer, as the app does).
    Taking turns puts both under the same disk and machine load; timed one after
    the other, a busy disk during either run skews the ratio by tens of percent.
    """
    from spacereader.core.document import DocumentFormat
    from spacereader.core.extraction import extract
    from spacereader.core.loaders import LoadedText

    folder = Path(tempfile.mkdtemp(prefix="spacereader-extract-bench-"))
    plain_library = _fresh_library(folder / "plain")
    extracting_library = _fresh_library(folder / "extracting")
    plain = with_extraction = extracting = 0.0
    clock = time.perf_counter
    try:
        for index, text in enumerate(texts):
            loaded = LoadedText(text=text, format=DocumentFormat.TEXT)
            started = clock()
            plain_library.add(loaded, f"bench:{index}")
            added = clock()
            extracting_library.add(loaded, f"bench:{index}")
            between = clock()
            extract(text)
            done = clock()
            plain += added - started
            with_extraction += done - added
            extracting += done - between
    finally:
        plain_library.close()
        extracting_library.close()
        shutil.rmtree(folder, ignore_errors=True)
    return plain, with_extraction, extracting


def speed(count: int) -> None:
    from spacereader.core.extraction import extract, load_gazetteer

    loading = time.perf_counter()
    gazetteer = load_gazetteer()
    extract("The ILRS (International Lunar Research Station) in 2030.", gazetteer)
    print(f"gazetteer load, index and first use: {1000 * (time.perf_counter() - loading):.0f} ms")
    rng = random.Random(4)
    texts = [document(rng, index) for index in range(count)]
    words = sum(len(text.split()) for text in texts)
    print(f"library: {count} documents, {words / 1e6:.1f}M words")
    plain, with_extraction, extracting = import_libraries(texts)
    print(f"import without extraction: {plain:.1f} s ({1000 * plain / count:.2f} ms a document)")
    print(
        f"import with extraction:    {with_extraction:.1f} s "
        f"({100 * (with_extraction / plain - 1):+.1f}%; goal <= +30%)"
    )
    print(
        f"extraction alone: {extracting:.1f} s, {1000 * extracting / count:.2f} ms a document, "
        f"{words / extracting / 1e3:.0f}k words/s"
    )
    # The same extraction with nothing in between: between two imports the processor's
    # caches have gone cold, which costs extraction about half again as much.
    sample = texts[: min(count, 1000)]
    started = time.perf_counter()
    for text in sample:
        extract(text)
    looped = time.perf_counter() - started
    print(f"extraction in a loop (warm caches): {1000 * looped / len(sample):.2f} ms a document")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the library")
    parser.add_argument("--quality", action="store_true", help="only the quality table")
    args = parser.parse_args()
    # Per-user folders (the config folder's gazetteer.toml too) in a temporary folder.
    home = Path(tempfile.mkdtemp(prefix="spacereader-extract-bench-home-"))
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = str(home / variable.lower())
    try:
        quality()
        if not args.quality:
            print()
            speed(args.docs)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
