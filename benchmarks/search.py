"""Search benchmark: build the index of a synthetic library, time queries, compare with FTS5.

    .venv/bin/python benchmarks/search.py            # 10,000 documents (~4M words)
    .venv/bin/python benchmarks/search.py --docs 500 # a quick run

It generates a library (Zipf vocabulary, acronyms, numbers) in temporary XDG
folders, imports it with Library.add, builds the index (timed), then measures
query latency in a separate process (so its peak RSS is the search process's
own): single common and rare terms, AND of two, phrases and acronyms, snippets
included. The same passages and queries then run on SQLite FTS5 (porter
tokenizer, bm25, snippet) and the ratio is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS_PER_DOC = 400
PARAGRAPHS_PER_DOC = 4
VOCABULARY_SIZE = 60_000
ZIPF_EXPONENT = 1.07
ACRONYMS = 300
QUERIES_PER_KIND = 40
KINDS = ("common term", "rare term", "AND of two", "phrase", "acronym")

COMMON = """the of and to in a is that for it as was with be by on not he this are or his from
at which but have an they you were her she there been one all we their has would when if so no
will more can said who its also new after first two than other into some could them over only
time years may year these such should most people made about state any out then way
between""".split()
DOMAIN = """space station lunar mission launch orbit satellite program agency cooperation
international research rocket moon mars china united states europe national science technology
industry development partner country government budget crew module flight exploration probe
astronaut spacecraft payload vehicle commercial defense policy treaty strategy capability
network ground control navigation observation climate data system engine test landing sample
return surface habitat power solar nuclear propulsion communications constellation debris""".split()
SYLLABLES = """ka ro mi ta ne lo sa vi du pe an or el is un tor lar ment cor spa ven tri gal
nor bel das fen hul jor kel mun pri sol ter vos wen zar""".split()
SUFFIXES = ["", "", "", "s", "ing", "ation", "ed", "er", "al", "ity", "ment", "ous"]


# -- corpus ------------------------------------------------------------------


def make_vocabulary(rng: random.Random) -> list[str]:
    """Real words at the head of the Zipf curve, made-up inflected words in the tail."""
    words = list(dict.fromkeys(COMMON + DOMAIN))
    seen = set(words)
    while len(words) < VOCABULARY_SIZE:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        word = stem + rng.choice(SUFFIXES)
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_acronyms(rng: random.Random, vocabulary: list[str]) -> list[tuple[str, str]]:
    """(ACRONYM, Expansion Of Words) pairs whose initials spell the acronym."""
    pool = [w for w in vocabulary[100:5000] if w.isalpha()]
    pairs: dict[str, str] = {}
    while len(pairs) < ACRONYMS:
        words = [rng.choice(pool).capitalize() for _ in range(rng.randint(3, 4))]
        acronym = "".join(word[0] for word in words).upper()
        pairs.setdefault(acronym, " ".join(words))
    return list(pairs.items())


def make_documents(count: int, seed: int = 7) -> tuple[list[str], dict[str, object]]:
    """The documents' texts, and what the queries are drawn from."""
    rng = random.Random(seed)
    vocabulary = make_vocabulary(rng)
    weights = [1.0 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(vocabulary))]
    stream = rng.choices(vocabulary, weights=weights, k=count * (WORDS_PER_DOC + 40))
    acronyms = make_acronyms(rng, vocabulary)
    documents: list[str] = []
    position = 0
    for number in range(count):
        title_words = stream[position : position + 6]
        position += 6
        paragraphs = []
        for index in range(PARAGRAPHS_PER_DOC):
            size = rng.randint(70, 130)
            words = stream[position : position + size]
            position += size
            for _ in range(size // 40):  # numbers: years, counts, thousands
                words[rng.randrange(size)] = rng.choice(
                    [
                        str(rng.randint(1957, 2040)),
                        str(rng.randint(2, 99)),
                        f"{rng.randint(1, 9)},000",
                    ]
                )
            if index == 0 and number % 4 == 0:
                acronym, expansion = rng.choice(acronyms)
                words.insert(size // 2, f"{expansion} ({acronym})")
            elif number % 3 == 0:
                words.insert(size // 3, rng.choice(acronyms)[0])
            words[0] = words[0].capitalize()
            paragraphs.append(" ".join(words) + ".")
        title = " ".join(title_words).capitalize()
        documents.append(f"{title}\n\n" + "\n\n".join(paragraphs) + "\n")
    facts = {"vocabulary": vocabulary, "acronyms": acronyms}
    return documents, facts


def make_queries(
    documents: list[str], facts: dict[str, object], seed: int = 11
) -> dict[str, list[str]]:
    """Queries of each kind, drawn from the corpus so that they match something."""
    rng = random.Random(seed)
    vocabulary: list[str] = facts["vocabulary"]  # type: ignore[assignment]
    acronyms: list[tuple[str, str]] = facts["acronyms"]  # type: ignore[assignment]
    common = [w for w in vocabulary[:400] if w in DOMAIN]
    rare = vocabulary[20_000:40_000]
    sample = rng.sample(documents, min(400, len(documents)))
    bigrams = []
    for text in sample:
        words = text.split("\n\n")[1].split()
        start = rng.randrange(len(words) - 2)
        pair = [w.strip(".,()").lower() for w in words[start : start + 2]]
        if all(w.isalpha() for w in pair):
            bigrams.append(f'"{pair[0]} {pair[1]}"')
    return {
        "common term": [rng.choice(common) for _ in range(QUERIES_PER_KIND)],
        "rare term": [rng.choice(rare) for _ in range(QUERIES_PER_KIND)],
        "AND of two": [
            f"{rng.choice(common)} AND {rng.choice(vocabulary[400:5000])}"
            for _ in range(QUERIES_PER_KIND)
        ],
        "phrase": (bigrams * QUERIES_PER_KIND)[:QUERIES_PER_KIND],
        "acronym": [rng.choice(acronyms)[0] for _ in range(QUERIES_PER_KIND)],
    }


# -- measuring ------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max of a list of milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def peak_rss_mb() -> float:
    """This process's peak resident memory (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_search_child(queries: dict[str, list[str]], limit: int) -> None:
    """In the child process: open the index, time every query, print JSON."""
    from spacereader.core.search import SearchIndex

    index = SearchIndex()
    started = time.perf_counter()
    index.search("warmup", limit=limit)
    cold_ms = (time.perf_counter() - started) * 1000
    timings: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    for kind, texts in queries.items():
        for text in texts:
            started = time.perf_counter()
            result = index.search(text, limit=limit)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            totals.setdefault(kind, []).append(result.total)
    print(
        json.dumps(
            {"timings": timings, "totals": totals, "cold_ms": cold_ms, "rss_mb": peak_rss_mb()}
        )
    )


def fts5_passages(library: object) -> list[tuple[str, str]]:
    """The same passages the index holds: (document id, passage text)."""
    from spacereader.core.search.passages import document_passages

    rows: list[tuple[str, str]] = []
    for info in library.documents():  # type: ignore[attr-defined]
        document = library.load(info.id)  # type: ignore[attr-defined]
        rows.extend((info.id, p.text(document.text)) for p in document_passages(document))
    return rows


def fts5_query(text: str, acronyms: dict[str, str]) -> str:
    """The FTS5 spelling of a benchmark query (acronyms expanded, as the index does)."""
    if text.startswith('"'):
        return text
    if " AND " in text:
        return " AND ".join(text.split(" AND "))
    if text in acronyms:
        return f'{text} OR "{acronyms[text]}"'
    return text


def run_fts5(
    rows: list[tuple[str, str]], queries: dict[str, list[str]], acronyms: dict[str, str], limit: int
) -> tuple[float, dict[str, list[float]]]:
    """Build an FTS5 table in memory and time the same queries (top N, snippet, total)."""
    db = sqlite3.connect(":memory:")
    started = time.perf_counter()
    db.execute(
        "CREATE VIRTUAL TABLE p USING fts5(body, doc UNINDEXED,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    db.executemany("INSERT INTO p(body, doc) VALUES (?, ?)", ((text, doc) for doc, text in rows))
    db.execute("INSERT INTO p(p) VALUES('optimize')")
    db.commit()
    build_s = time.perf_counter() - started
    timings: dict[str, list[float]] = {}
    for kind, texts in queries.items():
        for text in texts:
            match = fts5_query(text, acronyms)
            started = time.perf_counter()
            db.execute(
                "SELECT doc, bm25(p), snippet(p, 0, '**', '**', '…', 40) FROM p WHERE p MATCH ?"
                " ORDER BY bm25(p) LIMIT ?",
                (match, limit),
            ).fetchall()
            db.execute("SELECT count(*) FROM p WHERE p MATCH ?", (match,)).fetchone()
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    return build_s, timings


# -- the run ----------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--procs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--limit", type=int, default=10, help="hits per query")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_search_child(json.loads(Path(args.child).read_text()), args.limit)
        return 0

    # Library texts go to RAM (Library.add fsyncs every document); the index to disk.
    ram = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    home = Path(tempfile.mkdtemp(prefix="spacereader-bench-"))
    data_home = Path(tempfile.mkdtemp(prefix="spacereader-bench-data-", dir=ram))
    env = {
        "XDG_DATA_HOME": str(data_home),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    os.environ.update(env)
    try:
        return run(args, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(data_home, ignore_errors=True)


def run(args: argparse.Namespace, home: Path) -> int:
    from spacereader.core.document import DocumentFormat
    from spacereader.core.library import Library
    from spacereader.core.loaders import LoadedText
    from spacereader.core.search import SearchIndex

    started = time.perf_counter()
    documents, facts = make_documents(args.docs)
    generate_s = time.perf_counter() - started
    words = sum(len(text.split()) for text in documents)

    library = Library()
    started = time.perf_counter()
    for number, text in enumerate(documents):
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"bench:{number:05d}")
    import_s = time.perf_counter() - started

    load = os.getloadavg()[0]
    index = SearchIndex(procs=args.procs)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    report = index.rebuild(library)
    build_s = time.perf_counter() - started
    build_cpu_s = cpu_seconds() - cpu_started
    build_rss = peak_rss_mb()
    started = time.perf_counter()
    index.sync(library)
    resync_ms = (time.perf_counter() - started) * 1000
    add_one: list[float] = []
    for number in range(5):
        text = documents[number].replace("\n\n", f"\n\nAddendum {number}.\n\n", 1)
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"bench:extra{number}")
        started = time.perf_counter()
        index.sync(library)
        add_one.append((time.perf_counter() - started) * 1000)
    add_one_ms = statistics.median(add_one)
    index.close()
    folder = index.folder
    index_mb = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20

    queries = make_queries(documents, facts)
    query_file = home / "queries.json"
    query_file.write_text(json.dumps(queries))
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(query_file), "--limit", str(args.limit)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    measured = json.loads(child.stdout.strip().splitlines()[-1])

    rows = fts5_passages(library)
    acronyms = dict(facts["acronyms"])  # type: ignore[arg-type]
    fts_build_s, fts_timings = run_fts5(rows, queries, acronyms, args.limit)

    print(
        f"\nSpaceReader search benchmark — {args.docs:,} documents, {words:,} words, "
        f"{len(rows):,} passages ({os.cpu_count()} CPUs, procs={args.procs}, "
        f"load average at start {load:.1f})"
    )
    print(f"  generate {generate_s:.1f} s · import (Library.add) {import_s:.1f} s")
    print(
        f"  index build {build_s:.1f} s wall (goal ≤ 60 s), {build_cpu_s:.1f} s CPU in all"
        f" processes"
        f" · {report.added:,} documents · index {index_mb:.0f} MB · build peak RSS "
        f"{build_rss:.0f} MB (parent)"
    )
    print(
        f"  sync with nothing changed: {resync_ms:.0f} ms · add one document and sync: "
        f"{add_one_ms:.0f} ms (median of 5) · first search (opens searcher): "
        f"{measured['cold_ms']:.0f} ms"
    )
    print(f"  search process peak RSS {measured['rss_mb']:.0f} MB (goal ≤ 300 MB)")
    print(f"  FTS5 build (in memory, optimize) {fts_build_s:.1f} s\n")
    print_table(measured, fts_timings, args.limit)
    return 0


def print_table(measured: dict[str, Any], fts_timings: dict[str, list[float]], limit: int) -> None:
    """Whoosh and FTS5 latencies side by side, per kind of query."""
    label = f"query (top {limit}, snippets)"
    header = (
        f"  {label:<28}{'Whoosh p50 / p95 / max ms':>28}{'FTS5 p50 / p95 / max ms':>27}"
        f"{'ratio p50 / p95':>18}{'avg hits':>10}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    all_whoosh: list[float] = []
    for kind in KINDS:
        whoosh = percentiles(measured["timings"][kind])
        fts = percentiles(fts_timings[kind])
        all_whoosh.extend(measured["timings"][kind])
        hits = statistics.mean(measured["totals"][kind])
        print(
            f"  {kind:<28}{whoosh[0]:>10.1f} / {whoosh[1]:>5.1f} / {whoosh[2]:>6.1f}"
            f"{fts[0]:>10.1f} / {fts[1]:>5.1f} / {fts[2]:>6.1f}"
            f"{whoosh[0] / max(fts[0], 0.01):>9.1f}× / {whoosh[1] / max(fts[1], 0.01):>4.1f}×"
            f"{hits:>10.0f}"
        )
    overall = percentiles(all_whoosh)
    print(
        f"\n  all queries: p50 {overall[0]:.1f} ms, p95 {overall[1]:.1f} ms (goal ≤ 50), "
        f"max {overall[2]:.1f} ms (goal ≤ 1000)"
    )


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the build's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    sys.exit(main())
