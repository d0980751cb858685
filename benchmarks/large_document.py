"""Opening a large document in the real app: time to the first screen, and the
longest event-loop stall until the document is fully set and its programs and
figures are shown.

    .venv/bin/python benchmarks/large_document.py [--sizes 1 3 10]
        [--formats text markdown table emphasis] [--explain]

Each run is a fresh process with its own temporary library holding the bundled
article and one generated document (space-policy prose; the text hard-wrapped
at 72 columns, the Markdown with headings, emphasis and lists). Without
--formats, two hostile Markdown files follow: a 0.8 MB table (CommonMark reads
it as one paragraph of 57,000 lines) and 600 KB of nested emphasis ("*a **b "
… "** a*"), both one block, which the reader sets only once the whole text is
parsed. The first screen is the first paint showing text. The app starts
on the article, waits until its index and extraction are done, then opens the
large document the way a click in the Library does. A 5 ms timer ticks on the
GUI thread; the longest gap between ticks is the worst stall a user could feel.
`--explain` samples the GUI thread's stack during each stall over 80 ms and
prints where the worst ones were spent. Runs on the X display in $DISPLAY if
there is one, else offscreen.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TICK_MS = 5
STALL_MS = 100
SAMPLE_AFTER_MS = 80
SETTLE_S = 1.5
XDG_VARIABLES = ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def make_hostile(fmt: str, megabytes: float) -> str:
    """One Markdown block of about `megabytes` million characters: a table or nested emphasis."""
    if fmt == "table":
        row = "| 1 | 2 | 3 |\n"
        return "| a | b | c |\n|---|---|---|\n" + row * int(megabytes * 1_000_000 / len(row))
    repeats = int(megabytes * 1_000_000 / 12)
    return "*a **b " * repeats + "c" + "** a*" * repeats


def make_text(megabytes: float, markdown: bool) -> str:
    """About `megabytes` million characters of prose from the benchmark corpus."""
    from corpus import make_corpus

    documents = make_corpus(2000, seed=11)
    title = "Annual report on international lunar cooperation, all appendices"
    parts = [f"# {title}\n\n" if markdown else f"{title}\n\n"]
    size, number = 0, 0
    while size < megabytes * 1_000_000:
        document = documents[number % len(documents)]
        heading, *paragraphs = document.text.split("\n\n")
        if markdown:
            body = [f"## {number + 1}. {heading}"]
            for index, paragraph in enumerate(paragraphs):
                words = paragraph.split(" ")
                if len(words) > 12:
                    words[3] = f"*{words[3]}*"
                    words[9] = f"**{words[9]}**"
                marked = " ".join(words)
                body.append(f"- {marked}" if index % 4 == 3 else marked)
        else:
            body = [heading] + [textwrap.fill(p, 72) for p in paragraphs]
        chunk = "\n\n".join(body) + "\n\n"
        parts.append(chunk)
        size += len(chunk)
        number += 1
    return "".join(parts)


class StallSampler:
    """A watchdog thread: while the GUI thread has not ticked for a while, sample its stack."""

    def __init__(self, gui_thread: int) -> None:
        self.gui_thread = gui_thread
        self.last_tick = time.perf_counter()
        self.samples: list[tuple[float, str]] = []  # (stall start, innermost frames)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.01):
            since = time.perf_counter() - self.last_tick
            if since * 1000 < SAMPLE_AFTER_MS:
                continue
            frame = sys._current_frames().get(self.gui_thread)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            ours = [f for f in stack if "spacereader" in f.filename or "benchmarks" in f.filename]
            shown = (ours or stack)[-4:]
            where = " > ".join(f"{Path(f.filename).stem}:{f.name}:{f.lineno}" for f in shown)
            self.samples.append((self.last_tick, where))


def prepare(fmt: str, megabytes: float) -> str:
    """A library with the article and the generated document; the document's id."""
    from spacereader.core.library import Library
    from spacereader.core.loaders import load_file

    markdown = fmt != "text"
    folder = Path(tempfile.mkdtemp(prefix="spacereader-large-"))
    path = folder / ("report.md" if markdown else "report.txt")
    if fmt in ("table", "emphasis"):
        path.write_text(make_hostile(fmt, megabytes), encoding="utf-8")
    else:
        path.write_text(make_text(megabytes, markdown), encoding="utf-8")
    library = Library()
    doc_id = library.add(load_file(path), str(path)).info.id
    library.close()
    return doc_id


class Run:
    """Ticks, the first paint after the open, and when the app has settled."""

    def __init__(self, reader_app: Any, doc_id: str, sampler: StallSampler) -> None:
        from PySide6.QtCore import QElapsedTimer

        self.app = reader_app
        self.doc_id = doc_id
        self.sampler = sampler
        self.clock = QElapsedTimer()
        self.clock.start()
        self.gaps: list[int] = []
        self.stalls: list[tuple[float, int]] = []  # (start, as the sampler saw it; length)
        self.last = self.clock.elapsed()
        self.state: dict[str, float] = {}

    def tick(self) -> None:
        now = self.clock.elapsed()
        self.gaps.append(now - self.last)
        if now - self.last - TICK_MS > STALL_MS:
            self.stalls.append((self.sampler.last_tick, now - self.last - TICK_MS))
        self.last = now
        self.sampler.last_tick = time.perf_counter()

    def painted(self) -> None:
        shows_text = self.app.reader.document().characterCount() > 1
        if "opened" in self.state and "paint" not in self.state and shows_text:
            self.state["paint"] = self.clock.elapsed()

    def ready(self) -> bool:
        return bool(self.app.search.indexed and self.app.annotations.current is not None)

    def settled(self) -> bool:
        rendering = bool(getattr(self.app.reader, "rendering", False))
        if not rendering:
            self.state.setdefault("set", self.clock.elapsed())
        extracted = self.app.annotations.current is not None
        if extracted:
            self.state.setdefault("extracted", self.clock.elapsed())
        return not rendering and extracted

    def open_it(self) -> None:
        from spacereader.core.shown import markdown_layout

        # The index has just parsed the new Markdown text: a document opened days
        # after its import has no parse kept.
        markdown_layout.cache_clear()
        self.gaps.clear()
        self.stalls.clear()
        self.last = self.clock.elapsed()
        self.state["opened"] = self.clock.elapsed()
        started = time.perf_counter()
        self.app.open_document(self.doc_id)
        self.state["call"] = (time.perf_counter() - started) * 1000

    def watch(self) -> bool:
        """One look; False once the app has been settled long enough."""
        if "opened" not in self.state:
            if self.ready():
                self.open_it()
        elif self.settled():
            self.state.setdefault("settled", self.clock.elapsed())
            return self.clock.elapsed() - self.state["settled"] < SETTLE_S * 1000
        return True

    def report(self, fmt: str, megabytes: float) -> dict[str, Any]:
        opened = self.state.get("opened", 0.0)
        stalls = [gap - TICK_MS for gap in self.gaps]
        return {
            "format": fmt,
            "megabytes": megabytes,
            "call_ms": self.state.get("call", -1.0),
            "first_screen_ms": self.state.get("paint", -1.0) - opened,
            "set_s": (self.state.get("set", opened) - opened) / 1000,
            "extracted_s": (self.state.get("extracted", opened) - opened) / 1000,
            "longest_stall_ms": max(stalls, default=0),
            "stalls_over_100ms": sum(1 for stall in stalls if stall > STALL_MS),
            "explained": Counter(where for _start, where in self.sampler.samples).most_common(8),
            "worst": [
                (length, Counter(w for s, w in self.sampler.samples if s == start).most_common(3))
                for start, length in sorted(self.stalls, key=lambda stall: -stall[1])[:3]
            ],
        }


def child(fmt: str, megabytes: float, explain: bool) -> None:
    """One measured run (in its own process and library)."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from spacereader.app import build, create_qapplication

    doc_id = prepare(fmt, megabytes)
    application = create_qapplication()
    reader_app = build()
    # The article is on show before; the large document is opened from it.
    reader_app.open_document(next(i.id for i in reader_app.library.documents() if i.bundled))
    reader_app.window.resize(1320, 860)
    reader_app.window.show()
    sampler = StallSampler(threading.get_ident())
    run = Run(reader_app, doc_id, sampler)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                run.painted()
            return False

    painter = FirstPaint()
    reader_app.reader.viewport().installEventFilter(painter)

    def watch() -> None:
        if run.watch():
            QTimer.singleShot(50, watch)
        else:
            QApplication.quit()

    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(run.tick)
    timer.start()
    QTimer.singleShot(300, watch)
    QTimer.singleShot(180_000, QApplication.quit)
    if explain:
        sampler.start()
    application.exec()
    if explain:
        sampler.stop()
    reader_app.shut_down()
    print("RESULT " + json.dumps(run.report(fmt, megabytes)), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 3, 10])
    parser.add_argument(
        "--formats", nargs="+", choices=["text", "markdown", "table", "emphasis"], default=None
    )
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("FORMAT", "MEGABYTES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], float(args.child[1]), args.explain)
        return 0
    env = {**os.environ}
    home = Path(tempfile.mkdtemp(prefix="spacereader-large-home-"))
    if "DISPLAY" not in env:
        env["QT_QPA_PLATFORM"] = "offscreen"
    print(f"platform {env.get('QT_QPA_PLATFORM', 'xcb')}; goal: first screen <= 300 ms,")
    print(f"no event-loop stall > {STALL_MS} ms (ticks of {TICK_MS} ms)")
    print(
        f"{'format':9} {'size':>6} {'open call':>10} {'first screen':>13} "
        f"{'fully set':>10} {'extracted':>10} {'longest stall':>14} {'>100 ms':>8}"
    )
    if args.formats is None:
        runs = [(fmt, size) for fmt in ("text", "markdown") for size in args.sizes]
        runs += [("table", 0.8), ("emphasis", 0.6)]
    else:
        runs = [(fmt, size) for fmt in args.formats for size in args.sizes]
    for fmt, size in runs:
        run_home = home / f"{fmt}-{size}"
        for variable in XDG_VARIABLES:
            env[variable] = str(run_home / variable.lower())
        command = [sys.executable, __file__, "--child", fmt, str(size)]
        if args.explain:
            command.append("--explain")
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            print(f"{fmt:9} {size:>4g} MB failed: {result.stderr.strip()[-400:]}")
            continue
        found = json.loads(line[len("RESULT ") :])
        print(
            f"{fmt:9} {size:>4g} MB {found['call_ms']:>8.0f} ms"
            f" {found['first_screen_ms']:>10.0f} ms"
            f" {found['set_s']:>8.1f} s {found['extracted_s']:>8.1f} s"
            f" {found['longest_stall_ms']:>11.0f} ms {found['stalls_over_100ms']:>8}"
        )
        for where, count in found["explained"]:
            print(f"        {count:3} samples in {where}")
        for length, places in found["worst"] if args.explain else ():
            print(f"    a stall of {length} ms:")
            for where, count in places:
                print(f"        {count:3} samples in {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
