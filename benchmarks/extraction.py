"""Extraction benchmark: quality against the gold annotations, and the cost on import.

    .venv/bin/python benchmarks/extraction.py               # 10,000 documents
    .venv/bin/python benchmarks/extraction.py --docs 1000   # a quick run
    .venv/bin/python benchmarks/extraction.py --quality     # the quality table only

Quality: precision and recall of program mentions, distinct programs and figures
on each annotated document in tests/data/extraction, and overall.

Speed: a synthetic library (space-policy sentences with programs, acronyms and
numbers, ~400 words a document) is imported with Library.add into temporary XDG
folders twice, once plain and once with `extract` run on every text, and the
import times are compared (goal: at most +30%).
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


def import_library(texts: list[str], with_extraction: bool) -> tuple[float, float]:
    """Seconds to import every text (and extract, if asked), and seconds spent extracting."""
    folder = Path(tempfile.mkdtemp(prefix="spacereader-extract-bench-"))
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[variable] = str(folder / variable.lower())
    from spacereader.core.document import DocumentFormat
    from spacereader.core.extraction import default_gazetteer, extract
    from spacereader.core.library import Library
    from spacereader.core.loaders import LoadedText

    default_gazetteer()  # loaded once per process, as in the app
    library = Library(seeds=folder / "no-seeds")
    extracting = 0.0
    started = time.perf_counter()
    try:
        for index, text in enumerate(texts):
            library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"bench:{index}")
            if with_extraction:
                before = time.perf_counter()
                extract(text)
                extracting += time.perf_counter() - before
        total = time.perf_counter() - started
    finally:
        library.close()
        shutil.rmtree(folder, ignore_errors=True)
    return total, extracting


def speed(count: int) -> None:
    import_started = time.perf_counter()
    import spacereader.core.extraction  # noqa: F401

    elapsed = 1000 * (time.perf_counter() - import_started)
    print(f"import spacereader.core.extraction: {elapsed:.0f} ms (already imported by the table)")
    from spacereader.core.extraction import default_gazetteer

    loading = time.perf_counter()
    default_gazetteer()
    print(f"gazetteer load and index: {1000 * (time.perf_counter() - loading):.0f} ms")
    rng = random.Random(4)
    texts = [document(rng, index) for index in range(count)]
    words = sum(len(text.split()) for text in texts)
    print(f"library: {count} documents, {words / 1e6:.1f}M words")
    plain, _ = import_library(texts, with_extraction=False)
    with_extraction, extracting = import_library(texts, with_extraction=True)
    print(f"import without extraction: {plain:.1f} s")
    print(
        f"import with extraction:    {with_extraction:.1f} s "
        f"({100 * (with_extraction / plain - 1):+.1f}%; goal <= +30%)"
    )
    print(
        f"extraction alone: {extracting:.1f} s, {1000 * extracting / count:.2f} ms a document, "
        f"{words / extracting / 1e3:.0f}k words/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the library")
    parser.add_argument("--quality", action="store_true", help="only the quality table")
    args = parser.parse_args()
    quality()
    if not args.quality:
        print()
        speed(args.docs)


if __name__ == "__main__":
    main()
