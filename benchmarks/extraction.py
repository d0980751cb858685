"""Extraction benchmark: quality against the gold annotations, and the cost on import.

    .venv/bin/python benchmarks/extraction.py               # 10,000 documents
    .venv/bin/python benchmarks/extraction.py --docs 1000   # a quick run
    .venv/bin/python benchmarks/extraction.py --quality     # the quality table only

Quality: precision and recall of program mentions, distinct programs and figures
on each annotated document in tests/data/extraction, and overall.

Speed: a synthetic library (space-policy sentences with programs, acronyms and
numbers, ~400 words a document) is written as .txt files and imported from its
folder as `spacereader import` and File → Import do, into fresh libraries in
temporary folders: plainly, and with extraction into an extraction store (the
app's way: a worker process extracts while the import writes; the import ends
when every extraction is stored). The wall-clock times are compared (goal: at
most +30%). The import syncs every document, so its time depends on the disk;
plain and extracting runs alternate. Extraction's own cost on one core is printed too.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
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
    from extraction_gold import (
        DOCUMENTS,
        FRENCH_DOCUMENTS,
        Score,
        document_text,
        evaluate,
        load_gold,
    )

    from spacereader.core.extraction import extract

    seed = (ROOT / "seeds" / "000_bc23038c13dbbe93.txt").read_text(encoding="utf-8")
    rows: list[tuple[str, dict[str, Score]]] = [
        ("seed", evaluate(extract(seed), load_gold("seed")))
    ]
    totals: list[tuple[str, dict[str, Score]]] = []
    for label, documents in (("English", DOCUMENTS), ("French", FRENCH_DOCUMENTS)):
        overall: dict[str, Score] = {}
        for name in documents:
            scores = evaluate(extract(document_text(name)), load_gold(name))
            rows.append((name, scores))
            for measure, score in scores.items():
                overall[measure] = overall[measure] + score if measure in overall else score
        rows.append((f"overall ({len(documents)} written, {label})", overall))
        totals.append((label, overall))
    print(f"{'document':34} {'mentions P/R':>14} {'programs P/R':>14} {'figures P/R':>14}")
    for name, scores in rows:
        cells = [
            f"{scores[m].precision:.3f}/{scores[m].recall:.3f}"
            for m in ("mentions", "programs", "figures")
        ]
        print(f"{name:34} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14}")
    for label, overall in totals:
        counts = overall["mentions"].gold, overall["programs"].gold, overall["figures"].gold
        print(
            f"gold items in the written {label} documents: {counts[0]} mentions, "
            f"{counts[1]} programs, {counts[2]} figures"
        )


def write_library(texts: list[str], folder: Path) -> None:
    """The benchmark library as files, as a user would import them."""
    folder.mkdir(parents=True)
    for index, text in enumerate(texts):
        (folder / f"brief-{index:05}.txt").write_text(text, encoding="utf-8")


def timed_import(source: Path, work: Path, *, extracting: bool) -> float:
    """Seconds to import the folder into a fresh library, as `spacereader import` does."""
    from spacereader.core.importer import import_paths
    from spacereader.core.library import Library

    library = Library(root=work / "data", seeds=work / "no-seeds")
    store = work / "extractions.sqlite" if extracting else None
    try:
        started = time.perf_counter()
        summary = import_paths(library, [source], extractions=store)
        elapsed = time.perf_counter() - started
    finally:
        library.close()
    if summary.failed or summary.cancelled:
        raise SystemExit(f"the benchmark import failed: {summary.describe()}")
    if store is not None:
        from spacereader.core.extraction.store import ExtractionStore

        with ExtractionStore(store) as kept:
            if len(kept.hashes()) != summary.imported:
                raise SystemExit("the import did not store every extraction")
    return elapsed


def speed(count: int, rounds: int) -> None:
    from spacereader.core.document import DocumentFormat
    from spacereader.core.extraction import extract, load_gazetteer
    from spacereader.core.extraction.cache import extract_shown

    loading = time.perf_counter()
    gazetteer = load_gazetteer()
    extract("The ILRS (International Lunar Research Station) in 2030.", gazetteer)
    print(f"gazetteer load, index and first use: {1000 * (time.perf_counter() - loading):.0f} ms")
    rng = random.Random(4)
    texts = [document(rng, index) for index in range(count)]
    words = sum(len(text.split()) for text in texts)
    print(f"library: {count} documents (.txt files), {words / 1e6:.1f}M words")
    folder = Path(tempfile.mkdtemp(prefix="spacereader-extract-bench-"))
    plain: list[float] = []
    extracting: list[float] = []
    try:
        write_library(texts, folder / "source")
        # Plain and extracting runs alternate (A B B A …), so that a busy disk or
        # machine during one run weighs on both kinds alike.
        for run in range(2 * rounds):
            with_extraction = run % 4 in (1, 2)
            # Each run starts with the disk idle, not writing back the run before.
            os.sync()
            seconds = timed_import(
                folder / "source", folder / f"run-{run}", extracting=with_extraction
            )
            (extracting if with_extraction else plain).append(seconds)
            kind = "with extraction" if with_extraction else "plain          "
            print(f"  run {run + 1}: import {kind} {seconds:.1f} s")
            shutil.rmtree(folder / f"run-{run}", ignore_errors=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    plain_s, extracting_s = statistics.mean(plain), statistics.mean(extracting)
    print(
        f"import without extraction: {plain_s:.1f} s ({1000 * plain_s / count:.2f} ms a document)"
    )
    print(
        f"import with extraction:    {extracting_s:.1f} s "
        f"({100 * (extracting_s / plain_s - 1):+.1f}%; goal <= +30%)"
    )
    # What extraction costs on one core, as import and the reader run it: only the
    # text the reader shows (its structure found first), then the rules.
    started = time.perf_counter()
    for text in texts:
        extract_shown(text, DocumentFormat.TEXT, gazetteer)
    alone = time.perf_counter() - started
    print(
        f"extraction alone, one core: {alone:.1f} s, {1000 * alone / count:.2f} ms a document "
        f"({words / alone / 1e3:.0f}k words/s; {100 * alone / plain_s:.0f}% of the plain import)"
    )
    started = time.perf_counter()
    for text in texts:
        extract(text, gazetteer)
    rules = time.perf_counter() - started
    print(f"  of which the rules (extract): {1000 * rules / count:.2f} ms a document")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the library")
    parser.add_argument("--rounds", type=int, default=2, help="plain/extracting pairs of runs")
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
            speed(args.docs, args.rounds)
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
