"""Take a screenshot of the real SpaceReader window on Xvfb (for the README).

    python tools/screenshot.py OUT.png [--setup tools/demo_setup.py] [--first-window]
    SPACEREADER_DEMO_THEME=dark python tools/screenshot.py OUT.png --setup tools/demo_setup.py

Starts Xvfb, runs the app in isolated user folders, waits for its window,
captures the screen with ImageMagick's `import`, and stops both.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def setup_line(setup: str) -> str:
    """The line that runs a setup script inside the app, with `app` and `__file__` set."""
    return f"    exec(open({setup!r}).read(), {{'app': app, '__file__': {setup!r}}})\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--display", default=":79")
    parser.add_argument("--size", default="1440x900")
    parser.add_argument("--wait", type=float, default=3.0, help="seconds to settle")
    parser.add_argument(
        "--setup", help="Python to run in the app before the shot (an expression file)"
    )
    parser.add_argument(
        "--first-window",
        action="store_true",
        help="leave the window at the size the app chooses (else it fills the screen)",
    )
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="spacereader-shot-"))
    env = {**os.environ, "DISPLAY": args.display, "QT_QPA_PLATFORM": "xcb"}
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env.setdefault(variable, str(home / variable.lower()))
    server = subprocess.Popen(
        ["Xvfb", args.display, "-screen", "0", f"{args.size}x24", "-nolisten", "tcp"],
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    width, height = args.size.split("x")
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "import spacereader.app as a\n"
        "original = a.build\n"
        "def build(files=(), **options):\n"
        "    app = original(files, **options)\n"
        "    app.wire_features()\n"
        + ("" if args.first_window else f"    app.window.setGeometry(0, 0, {width}, {height})\n")
        + (setup_line(args.setup) if args.setup else "")
        + "    return app\n"
        "a.build = build\n"
        "sys.exit(a.run_app([]))\n"
    )
    app = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        time.sleep(args.wait)
        subprocess.run(
            ["import", "-display", args.display, "-window", "root", str(args.output)], check=True
        )
    finally:
        app.terminate()
        app.wait(timeout=10)
        server.terminate()
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
