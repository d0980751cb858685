"""Search benchmark: a realistic library, the queries that cost, and FTS5 on the same passages.

    .venv/bin/python benchmarks/search.py                    # 10,000 documents
    .venv/bin/python benchmarks/search.py --docs 10000 30000 # one run per size
    .venv/bin/python benchmarks/search.py --docs 500         # a quick run

The library comes from benchmarks/corpus.py: the headline programs' long names
and acronyms are each in about a third of the documents, as in a real
space-policy collection, so phrase and acronym queries are the expensive ones
they are in use. It is imported with Library.add into temporary XDG folders,
indexed (wall and CPU time of every process), then queried in a separate
process, so that the peak RSS printed is the search process's own.

Kinds of query: a common policy word, a rare word, an AND of a common and a
mid-frequency word, phrases over the programs' long names (and parts of them),
acronyms whose expansions are common, and a common word in one document
("This document"). Every query runs with the result caches off (what a reader
pays the first time); a last line gives the cost of a repeated query. The same
passages and queries then run on SQLite FTS5 (porter tokenizer, bm25, snippet,
exact count), in the same run, and the ratio is printed.
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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import HEADLINE, OCCASIONAL, POLICY, make_corpus, vocabulary

QUERIES_PER_KIND = 60
KINDS = ("common term", "rare term", "AND of two", "phrase", "acronym", "in one document")
GOAL_P95_MS = 30.0
GOAL_MAX_MS = 150.0
GOAL_RSS_MB = 300.0
GOAL_BUILD_CPU_S_PER_10K = 60.0
# Parts of long names a reader also types as phrases.
SUB_PHRASES = (
    "Lunar Research Station",
    "Space Information Corridor",
    "National Space Administration",
    "Lunar Exploration Program",
    "Navigation Satellite System",
    "Space Cooperation Organization",
    "cooperation agreements",
    "member countries",
    "joint roadmap",
    "space station",
)


# -- queries ---------------------------------------------------------------------


def make_queries(documents: list[str], seed: int = 11) -> dict[str, list[str]]:
    """Queries of each kind, drawn from the corpus so that they match something."""
    rng = random.Random(seed)
    words = vocabulary(random.Random(7))
    common = [word for word in POLICY if len(word) > 3]
    rare = words[20_000:40_000]
    middle = [word for word in words[400:5000] if word.isalpha()]
    long_names = [name for name, _acronym, _share in HEADLINE] + [
        name for name, _acronym in OCCASIONAL
    ]
    phrases = [f'"{name}"' for name in long_names + list(SUB_PHRASES)]
    acronyms = [acronym for _name, acronym, _share in HEADLINE if acronym] + [
        acronym for _name, acronym in OCCASIONAL if acronym
    ]
    return {
        "common term": [rng.choice(common) for _ in range(QUERIES_PER_KIND)],
        "rare term": [rng.choice(rare) for _ in range(QUERIES_PER_KIND)],
        "AND of two": [
            f"{rng.choice(common)} AND {rng.choice(middle)}" for _ in range(QUERIES_PER_KIND)
        ],
        "phrase": [rng.choice(phrases) for _ in range(QUERIES_PER_KIND)],
        "acronym": [rng.choice(acronyms) for _ in range(QUERIES_PER_KIND)],
        "in one document": [in_document(rng, documents, common) for _ in range(QUERIES_PER_KIND)],
    }


def in_document(rng: random.Random, documents: list[str], common: list[str]) -> str:
    """A common word a random document uses, and that document's number: "word@number"."""
    number = rng.randrange(len(documents))
    used = set(documents[number].lower().split())
    found = [word for word in common if word in used] or ["space"]
    return f"{rng.choice(found)}@{number}"


def expansions() -> dict[str, str]:
    """Each acronym's long name, as the index learns it from the documents."""
    pairs = [(acronym, name) for name, acronym, _share in HEADLINE if acronym]
    pairs += [(acronym, name) for name, acronym in OCCASIONAL if acronym]
    return dict(pairs)


# -- measuring ---------------------------------------------------------------------


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    """p50, p95 and max of a list of milliseconds."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM where there is one (Linux): getrusage's ru_maxrss survives exec, so a
    child started from a large parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the build's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_search_child(job: dict[str, Any], limit: int) -> None:
    """In the child process: open the index, time every query, print JSON."""
    from spacereader.core.search import SearchIndex

    index = SearchIndex()
    started = time.perf_counter()
    index.search("warmup", limit=limit)
    cold_ms = (time.perf_counter() - started) * 1000
    doc_ids: list[str] = job["doc_ids"]
    timings: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    partial = 0
    for kind, texts in job["queries"].items():
        for asked in texts:
            text, doc_id = asked, None
            if kind == "in one document":
                text, number = asked.rsplit("@", 1)
                doc_id = doc_ids[int(number)]
            index.forget_results()
            started = time.perf_counter()
            result = index.search(text, limit=limit, doc_id=doc_id)
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            totals.setdefault(kind, []).append(result.total)
            partial += result.partial
    repeated: list[float] = []
    for text in job["queries"]["acronym"]:
        started = time.perf_counter()
        index.search(text, limit=limit)
        repeated.append((time.perf_counter() - started) * 1000)
    index.close()
    print(
        json.dumps(
            {
                "timings": timings,
                "totals": totals,
                "cold_ms": cold_ms,
                "repeated_ms": repeated,
                "partial": partial,
                "rss_mb": peak_rss_mb(),
            }
        )
    )


def fts5_passages(library: Any) -> list[tuple[str, str]]:
    """The same passages the index holds: (document id, passage text)."""
    from spacereader.core.search.passages import document_passages

    rows: list[tuple[str, str]] = []
    for info in library.documents():
        document = library.load(info.id)
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
    rows: list[tuple[str, str]],
    queries: dict[str, list[str]],
    doc_ids: list[str],
    limit: int,
) -> tuple[float, dict[str, list[float]], dict[str, list[int]]]:
    """Build an FTS5 table in memory and time the same queries (top N, snippet, total)."""
    acronyms = expansions()
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
    totals: dict[str, list[int]] = {}
    for kind, texts in queries.items():
        for text in texts:
            where, arguments = "p MATCH ?", [fts5_query(text, acronyms)]
            if kind == "in one document":
                word, number = text.rsplit("@", 1)
                where += " AND doc = ?"
                arguments = [word, doc_ids[int(number)]]
            started = time.perf_counter()
            db.execute(
                f"SELECT doc, bm25(p), snippet(p, 0, '**', '**', '…', 40) FROM p WHERE {where}"
                " ORDER BY bm25(p) LIMIT ?",
                (*arguments, limit),
            ).fetchall()
            (count,) = db.execute(f"SELECT count(*) FROM p WHERE {where}", arguments).fetchone()
            timings.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
            totals.setdefault(kind, []).append(count)
    db.close()
    return build_s, timings, totals


# -- one run ---------------------------------------------------------------------


def build(count: int, procs: int) -> dict[str, Any]:
    """Generate and import the library, build its index (timed); what was measured."""
    from spacereader.core.document import DocumentFormat
    from spacereader.core.library import Library
    from spacereader.core.loaders import LoadedText
    from spacereader.core.search import SearchIndex

    started = time.perf_counter()
    documents = [document.text for document in make_corpus(count)]
    figures: dict[str, Any] = {"generate_s": time.perf_counter() - started}
    library = Library()
    started = time.perf_counter()
    doc_ids: list[str] = []
    for number, text in enumerate(documents):
        loaded = LoadedText(text=text, format=DocumentFormat.TEXT, language="en")
        doc_ids.append(library.add(loaded, f"bench:{number:06d}").info.id)
    figures["import_s"] = time.perf_counter() - started
    figures["load_before"] = os.getloadavg()
    index = SearchIndex(procs=procs)
    started, cpu_started = time.perf_counter(), cpu_seconds()
    figures["report"] = index.rebuild(library)
    figures["build_s"] = time.perf_counter() - started
    figures["build_cpu_s"] = cpu_seconds() - cpu_started
    figures["build_rss"] = peak_rss_mb()
    started = time.perf_counter()
    index.sync(library)
    figures["resync_ms"] = (time.perf_counter() - started) * 1000
    add_one: list[float] = []
    for number in range(5):
        text = documents[number].replace("\n\n", f"\n\nAddendum {number}.\n\n", 1)
        library.add(LoadedText(text=text, format=DocumentFormat.TEXT), f"bench:extra{number}")
        started = time.perf_counter()
        index.sync(library)
        add_one.append((time.perf_counter() - started) * 1000)
    figures["add_one_ms"] = statistics.median(add_one)
    index.close()
    files = [path for path in index.folder.rglob("*") if path.is_file()]
    figures["index_mb"] = sum(path.stat().st_size for path in files) / 2**20
    figures["rows"] = fts5_passages(library)
    library.close()
    figures.update(documents=documents, doc_ids=doc_ids)
    return figures


def run(count: int, procs: int, limit: int, home: Path) -> None:
    """Build a library of `count` documents, time the queries, print the figures."""
    built = build(count, procs)
    documents: list[str] = built["documents"]
    doc_ids: list[str] = built["doc_ids"]
    rows: list[tuple[str, str]] = built["rows"]
    words = sum(len(text.split()) for text in documents)
    queries = make_queries(documents)
    job_file = home / f"job-{count}.json"
    job_file.write_text(json.dumps({"queries": queries, "doc_ids": doc_ids}))
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(job_file), "--limit", str(limit)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
    )
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    load_after = os.getloadavg()
    fts_build_s, fts_timings, fts_totals = run_fts5(rows, queries, doc_ids, limit)

    per_10k = built["build_cpu_s"] * 10_000 / count
    print(
        f"\nSpaceReader search benchmark — {count:,} documents, {words:,} words, "
        f"{len(rows):,} passages ({os.cpu_count()} CPUs, procs={procs})"
    )
    print(
        f"  load average (1/5/15 min) before the build {_load(built['load_before'])},"
        f" after the queries {_load(load_after)}"
    )
    print(
        f"  generate {built['generate_s']:.1f} s · import (Library.add) {built['import_s']:.1f} s"
    )
    print(
        f"  index build {built['build_s']:.1f} s wall, {built['build_cpu_s']:.1f} s CPU in all"
        f" processes ({per_10k:.0f} s CPU per 10k documents; goal ≤ {GOAL_BUILD_CPU_S_PER_10K:.0f})"
        f" · {built['report'].added:,} documents · index {built['index_mb']:.0f} MB"
        f" · build peak RSS {built['build_rss']:.0f} MB (parent)"
    )
    print(
        f"  sync with nothing changed: {built['resync_ms']:.0f} ms · add one document and sync: "
        f"{built['add_one_ms']:.0f} ms (median of 5) · first search (opens the searcher): "
        f"{measured['cold_ms']:.0f} ms"
    )
    print(
        f"  search process peak RSS {measured['rss_mb']:.0f} MB (goal ≤ {GOAL_RSS_MB:.0f})"
        f" · answers cut short by the time limit: {measured['partial']}"
    )
    print(f"  FTS5 build (in memory, optimize) {fts_build_s:.1f} s\n")
    print_table(measured, fts_timings, fts_totals, limit)


def _load(load: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in load)


def print_table(
    measured: dict[str, Any],
    fts_timings: dict[str, list[float]],
    fts_totals: dict[str, list[int]],
    limit: int,
) -> None:
    """Whoosh and FTS5 latencies side by side, per kind of query."""
    label = f"query (top {limit}, snippets)"
    header = (
        f"  {label:<24}{'SpaceReader p50 / p95 / max ms':>32}{'FTS5 p50 / p95 / max':>25}"
        f"{'p95 ratio':>11}{'avg hits (FTS5)':>18}"
    )
    print(header)
    print("  " + "-" * (len(header) - 2))
    everything: list[float] = []
    worst_ratio = 0.0
    for kind in KINDS:
        ours = percentiles(measured["timings"][kind])
        fts = percentiles(fts_timings[kind])
        everything.extend(measured["timings"][kind])
        ratio = ours[1] / max(fts[1], 0.01)
        worst_ratio = max(worst_ratio, ratio)
        hits = statistics.mean(measured["totals"][kind])
        fts_hits = statistics.mean(fts_totals[kind])
        print(
            f"  {kind:<24}{ours[0]:>14.1f} / {ours[1]:>5.1f} / {ours[2]:>6.1f}"
            f"{fts[0]:>11.1f} / {fts[1]:>4.1f} / {fts[2]:>5.1f}"
            f"{ratio:>10.1f}×{hits:>10.0f} ({fts_hits:.0f})"
        )
    overall = percentiles(everything)
    fts_overall = percentiles([ms for kind in KINDS for ms in fts_timings[kind]])
    repeated = percentiles(measured["repeated_ms"])
    print(
        f"\n  all queries: p50 {overall[0]:.1f} ms, p95 {overall[1]:.1f} ms "
        f"(goal ≤ {GOAL_P95_MS:.0f}), max {overall[2]:.1f} ms (goal ≤ {GOAL_MAX_MS:.0f})"
    )
    print(
        f"  FTS5, all queries: p50 {fts_overall[0]:.1f} ms, p95 {fts_overall[1]:.1f} ms, max"
        f" {fts_overall[2]:.1f} ms · p95 ratio {overall[1] / max(fts_overall[1], 0.01):.1f}×"
        f" (goal ≤ 2; worst kind {worst_ratio:.1f}×)"
    )
    print(f"  a repeated query (result cache): p50 {repeated[0]:.2f} ms, max {repeated[2]:.2f} ms")


# -- main ------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument(
        "--docs", type=int, nargs="+", default=[10_000], help="library sizes, one run each"
    )
    parser.add_argument("--procs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--limit", type=int, default=10, help="hits per query")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_search_child(json.loads(Path(args.child).read_text()), args.limit)
        return 0
    for count in args.docs:
        # Library texts go to RAM (Library.add fsyncs every document); the index to disk.
        ram = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
        home = Path(tempfile.mkdtemp(prefix="spacereader-bench-"))
        data_home = Path(tempfile.mkdtemp(prefix="spacereader-bench-data-", dir=ram))
        os.environ.update(
            {
                "XDG_DATA_HOME": str(data_home),
                "XDG_CACHE_HOME": str(home / "cache"),
                "XDG_CONFIG_HOME": str(home / "config"),
                "XDG_STATE_HOME": str(home / "state"),
            }
        )
        try:
            run(count, args.procs, args.limit, home)
        finally:
            shutil.rmtree(home, ignore_errors=True)
            shutil.rmtree(data_home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
