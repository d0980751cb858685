"""The bookmark store at 10,000 bookmarks: open, list, search, filter, export, re-anchor.

The Bookmarks dock must open and filter in under 100 ms. The UI loads the list
once and filters it in memory (`BookmarkFilter`); this measures that and the
store calls around it (`BookmarkStore()`, `list()`, `search()`), on a synthetic
library of 200 documents with 50 bookmarks each, in a temporary folder.
Figures are wall-time p50 and p95 and CPU-time p50, in milliseconds.

    python benchmarks/bookmarks.py [--bookmarks N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from spacereader.core.bookmarks import BookmarkFilter, BookmarkStore

WORDS = (
    "space station lunar orbit budget mission launch agency rover module crew "
    "satellite policy treaty debris spectrum cislunar ILRS Artemis Gateway Chang'e "
    "propulsion cargo docking habitat regolith telescope constellation Brèves été"
).split()
DOCUMENTS = 200


def words(chance: random.Random, count: int) -> str:
    return " ".join(chance.choice(WORDS) for _ in range(count))


def document_text(chance: random.Random) -> str:
    return "\n\n".join(words(chance, 60) + "." for _ in range(40))  # ~20 kB


def timings(action: Callable[[], object], rounds: int) -> tuple[float, float, float]:
    """p50 and p95 wall time and p50 CPU time of `action`, in milliseconds.

    CPU time is given too because wall time swings when other processes share
    the machine; for writes, wall time is the one that counts (fsync).
    """
    walls, cpus = [], []
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        cpus.append((time.process_time() - cpu) * 1000)
        walls.append((time.perf_counter() - wall) * 1000)
    walls.sort()
    p95 = walls[min(len(walls) - 1, int(len(walls) * 0.95))]
    return statistics.median(walls), p95, statistics.median(cpus)


def report(label: str, action: Callable[[], object], rounds: int) -> None:
    p50, p95, cpu = timings(action, rounds)
    print(f"  {label:<46} {p50:8.2f} {p95:8.2f} {cpu:8.2f}")


def export_data(texts: dict[str, str], count: int, chance: random.Random) -> str:
    """A JSON export of `count` bookmarks spread over the documents."""
    items = []
    for number in range(count):
        doc_id = f"doc{number % DOCUMENTS:03}"
        text = texts[doc_id]
        start = chance.randrange(0, len(text) - 200)
        end = start + chance.randrange(20, 200)
        items.append(
            {
                "id": uuid.uuid4().hex,
                "doc_id": doc_id,
                "quote": text[start:end],
                "prefix": text[max(0, start - 32) : start],
                "suffix": text[end : end + 32],
                "start": start,
                "end": end,
                "note": words(chance, chance.randrange(0, 30)),
                "tags": chance.sample(["moon", "mars", "policy", "budget", "todo"], 2),
                "created": "2024-01-28T10:00:00.000+00:00",
            }
        )
    return json.dumps(items, ensure_ascii=False)


def bench_dock(path: Path, rounds: int) -> None:
    print("The dock: open the store, load every bookmark, filter as the user types")

    def open_and_close() -> None:
        BookmarkStore(path).close()

    def open_and_list() -> None:
        with BookmarkStore(path) as opened:
            opened.list()

    def open_list_filter() -> None:
        with BookmarkStore(path) as opened:
            BookmarkFilter(opened.list()).matching("regolith")

    print(f"  {'':<46} {'p50':>8} {'p95':>8} {'cpu p50':>8}  (ms)")
    report("BookmarkStore(path) (with quick_check)", open_and_close, rounds)
    report("open + first list() (reads every row)", open_and_list, rounds)
    report("open + list() + first filter", open_list_filter, rounds)
    with BookmarkStore(path) as store:
        loaded = store.list()
        report("list() again (in-memory copy)", store.list, rounds)
        report("list(doc_id), 50 of them", lambda: store.list("doc042"), rounds)
        report(
            "first filter (folds 10k texts once)",
            lambda: BookmarkFilter(loaded).matching("regolith"),
            rounds,
        )
        prepared = BookmarkFilter(loaded)
        prepared.matching("warm")
        for query in ("lunar", "regolith telescope", "note:cargo", "tag:todo", "zzz"):
            hits = len(prepared.matching(query))
            report(f"next filter {query!r} → {hits}", lambda q=query: prepared.matching(q), rounds)
        for query in ("lunar", "regolith telescope", "note:cargo", "tag:todo", "zzz"):
            hits = len(store.search(query))
            report(f"store.search({query!r}) → {hits}", lambda q=query: store.search(q), rounds)


def bench_changes(store: BookmarkStore, text: str, rounds: int) -> None:
    print("Edits (one fsynced transaction each), export, backup")
    report("add", lambda: store.add("doc000", text, 100, 160), rounds)
    mark = store.list("doc000")[0]
    report("update note", lambda: store.update(mark.id, note=str(time.time())), rounds)
    for fmt in ("json", "md", "csv"):
        report(f"export {fmt}", lambda fmt=fmt: store.export(fmt, {}), 5)
    report("backup (online API + integrity_check)", store.backup, 5)


def bench_reanchor(store: BookmarkStore, text: str) -> None:
    count = len(store.list("doc000"))
    print(f"Re-anchoring one 20 kB document's {count} bookmarks (first round: real work)")
    edited = "A new opening paragraph.\n\n" + text
    report("text inserted above (exact quotes)", lambda: store.reanchor("doc000", edited), 5)
    store.reanchor("doc000", text)
    began = time.perf_counter()
    changed = store.reanchor("doc000", text.replace("lunar", "lunra"))
    print(
        f"  {'typos in the quotes (fuzzy), once':<46} {(time.perf_counter() - began) * 1000:8.2f}"
        f"   ({len(changed)} changed)"
    )
    began = time.perf_counter()
    store.reanchor("doc000", "gone " * 4000)
    print(f"  {'passages gone (orphans), once':<46} {(time.perf_counter() - began) * 1000:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bookmarks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    chance = random.Random(7)
    texts = {f"doc{number:03}": document_text(chance) for number in range(DOCUMENTS)}
    data = export_data(texts, args.bookmarks, chance)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bookmarks.sqlite3"
        print(f"{args.bookmarks} bookmarks, {DOCUMENTS} documents, {len(data) / 1e6:.1f} MB JSON")
        with BookmarkStore(path) as store:
            began = time.perf_counter()
            store.import_json(data)
            print(f"  import_json (one transaction)  {time.perf_counter() - began:8.2f} s")
        print(f"  file size                      {path.stat().st_size / 1e6:8.2f} MB")
        began = time.perf_counter()
        BookmarkStore(path).close()
        print(f"  first open of the day (backup) {(time.perf_counter() - began) * 1000:8.2f} ms")
        bench_dock(path, args.rounds)
        with BookmarkStore(path) as store:
            bench_changes(store, texts["doc000"], args.rounds)
            bench_reanchor(store, texts["doc000"])


if __name__ == "__main__":
    main()
