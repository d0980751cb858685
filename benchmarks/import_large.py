"""Importing large files: a 10 MB text, a 5 MB single line, a 10 MB Windows-1252 text,
a 300-page PDF and a 2 MB Markdown file; and whether structure detection stays linear.

Each import is the whole path a user's file takes (read, decode, normalise,
detect structure, hash, store the text and the copy of the original, commit),
into a fresh library in a temporary folder. Times are wall-clock seconds, the
best of --rounds runs.

    .venv/bin/python benchmarks/import_large.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spacereader.core.library import Library
from spacereader.core.loaders import load_file
from spacereader.core.loaders.markdown import markdown_blocks
from spacereader.core.structure import detect_structure
from tests.import_corpus import make_pdf, text_page

PARAGRAPH = (
    "EIRNS—On Jan. 28 China’s State Council released a White Paper entitled “China’s "
    "Space Program: A 2021 Perspective.” Since 2016 China has had major accomplishments "
    "in space: the lunar exploration program, the space station and the Mars mission. "
    "Les Brèves de l’Agence spatiale européenne — coût : 900 M€.\n\n"
)
MB = 1024 * 1024


def best_of(rounds: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def make_files(folder: Path) -> dict[str, Path]:
    files = {}
    text = "Large Capture Title\n\n" + PARAGRAPH * (10 * MB // len(PARAGRAPH.encode()))
    files["10 MB text, UTF-8"] = folder / "large.txt"
    files["10 MB text, UTF-8"].write_text(text, encoding="utf-8")
    files["10 MB text, Windows-1252"] = folder / "large-cp1252.txt"
    files["10 MB text, Windows-1252"].write_bytes(text.encode("cp1252"))
    line = PARAGRAPH.replace("\n", " ") * (5 * MB // len(PARAGRAPH.encode()))
    files["5 MB single line"] = folder / "one-line.txt"
    files["5 MB single line"].write_text(line, encoding="utf-8")
    page = text_page(
        tuple(
            (f"Paragraph {n} of the page tells of the lunar programme and its budget,",
             "the launchers, the crews and the schedule agreed by the member states.")
            for n in range(12)
        )
    )  # fmt: skip
    files["300-page PDF"] = folder / "report.pdf"
    files["300-page PDF"].write_bytes(make_pdf([page] * 300))
    markdown = "# Report\n\n" + "## Section\n\n- item **bold** and *em*\n\n" * 2000
    markdown += ("A [link](https://example.org) and `code` in prose. " * 20 + "\n\n") * 1800
    files["2 MB Markdown"] = folder / "report.md"
    files["2 MB Markdown"].write_text(markdown, encoding="utf-8")
    return files


def linearity(rounds: int) -> None:
    print("\nstructure detection, time per MB (flat = linear):")
    for label, unit in (
        ("paragraphs", PARAGRAPH),
        ("single line", PARAGRAPH.replace("\n", " ")),
        ("spaces", "word" + " " * 1000),
    ):
        figures = []
        for megabytes in (1, 2, 4, 8):
            text = "Title\n\n" + unit * (megabytes * MB // len(unit))
            seconds = best_of(rounds, lambda text=text: detect_structure(text))
            figures.append(f"{megabytes} MB {seconds / megabytes * 1000:6.1f} ms/MB")
        print(f"  {label:12} " + " | ".join(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = make_files(folder)
        print(f"{'file':28} {'size':>8} {'load':>8} {'structure':>10} {'import':>8}")
        for label, path in files.items():
            loaded = load_file(path)
            load = best_of(args.rounds, lambda path=path: load_file(path))
            structure = best_of(args.rounds, lambda text=loaded.text: detect_structure(text))
            imports = []
            for round_number in range(args.rounds):
                library = Library(folder / f"library-{label}-{round_number}".replace(" ", "_"))
                start = time.perf_counter()
                library.add_file(path)
                imports.append(time.perf_counter() - start)
                library.close()
            size = os.path.getsize(path) / MB
            print(f"{label:28} {size:6.1f}MB {load:7.2f}s {structure:9.2f}s {min(imports):7.2f}s")
        markdown = load_file(files["2 MB Markdown"]).text
        seconds = best_of(args.rounds, lambda: markdown_blocks(markdown))
        print(f"\nmarkdown_blocks on the 2 MB Markdown file: {seconds:.2f}s")
    linearity(args.rounds)


if __name__ == "__main__":
    main()
