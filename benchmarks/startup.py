"""Launch-to-first-paint of SpaceReader against a bare PySide6 window, in the same run.

Each round starts a fresh interpreter; the child reports the wall-clock time of
its first paint and quits. Bare and app rounds alternate, so a busy machine slows
both alike. The figures are the median and the spread over rounds, and the ratio
of the medians, app / bare, with the load average before and after. The package
is compiled to bytecode first, as an install does (PySide6's own modules already
are). Runs on a private Xvfb when it is installed (a real X server), else offscreen.

    python benchmarks/startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAINT_PROBE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    done = False
    shows_text = staticmethod(lambda: True)
    def eventFilter(self, watched, event):
        # The first paint that shows the document's text, not an empty page.
        if event.type() == QEvent.Type.Paint and not self.done and self.shows_text():
            self.done = True
            print(f"PAINT {time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False
probe = FirstPaint()
"""

BARE = (
    PAINT_PROBE
    + """
from PySide6.QtWidgets import QMainWindow, QTextBrowser
app = QApplication(sys.argv)
window = QMainWindow()
view = QTextBrowser()
window.setCentralWidget(view)
window.resize(1320, 860)
view.viewport().installEventFilter(probe)
window.show()
app.exec()
"""
)

APP = (
    PAINT_PROBE
    + """
import spacereader.app as app_module
original_build = app_module.build
def build(files=(), **options):
    reader_app = original_build(files, **options)
    probe.shows_text = lambda: reader_app.reader.document().characterCount() > 1
    reader_app.reader.viewport().installEventFilter(probe)
    return reader_app
app_module.build = build
sys.exit(app_module.run_app([]))
"""
)


def launch(script: str, env: dict[str, str]) -> float:
    """Seconds from process launch to the first paint."""
    started = time.time()
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    for line in result.stdout.splitlines():
        if line.startswith("PAINT "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no paint reported: {result.stderr[-500:]}")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A private X server on a display number it picks itself (-displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        number = stream.readline().strip()
    return server, f":{int(number)}"


def spread(samples: list[float]) -> str:
    """Median and range, in milliseconds."""
    low, middle, high = min(samples), statistics.median(samples), max(samples)
    return f"{middle * 1000:6.1f} ms  (range {low * 1000:.0f}–{high * 1000:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    package = Path(__file__).resolve().parents[1] / "spacereader"
    compileall.compile_dir(str(package), quiet=1)
    home = Path(tempfile.mkdtemp(prefix="spacereader-bench-"))
    env = {**os.environ}
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    server = None
    if shutil.which("Xvfb") and "DISPLAY" not in os.environ:
        server, display = start_xvfb()
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    elif "DISPLAY" not in os.environ:
        env["QT_QPA_PLATFORM"] = "offscreen"
    load_before = os.getloadavg()[0]
    try:
        launch(APP, env)  # first start creates the library; not what a user waits for daily
        bare, app = [], []
        for _ in range(args.rounds):
            bare.append(launch(BARE, env))
            app.append(launch(APP, env))
    finally:
        if server is not None:
            server.terminate()
    load_after = os.getloadavg()[0]
    ratio = statistics.median(app) / statistics.median(bare)
    platform = env.get("QT_QPA_PLATFORM", "native")
    print(f"platform            {platform}")
    print(f"rounds              {args.rounds}")
    print(f"load average        {load_before:.2f} before, {load_after:.2f} after (1 min)")
    print(f"bare PySide6 window {spread(bare)} launch to first paint")
    print(f"SpaceReader         {spread(app)} launch to first paint")
    print(f"ratio of medians    {ratio:6.2f}  (goal <= 1.50)")


if __name__ == "__main__":
    main()
