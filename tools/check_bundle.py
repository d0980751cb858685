"""Build the PyInstaller bundle and prove it starts without Python (`make check-bundle`).

    python tools/check_bundle.py SCREENSHOT.png [--no-build] [--clean] [--keep-python]

1. Builds dist/SpaceReader/ from packaging/spacereader.spec (timed).
2. Starts dist/SpaceReader/SpaceReader on a fresh Xvfb display with isolated
   user folders and a bare environment (no venv on PATH, no PYTHONPATH). Unless
   --keep-python, it runs in a private mount namespace where the checkout, the
   venv, the Python installation and /usr/bin/python3* are hidden: the bundle
   then has only itself, as on a machine without Python.
3. Waits for the window titled with the bundled article, takes a screenshot,
   presses Ctrl+Q and checks that the app exits with 0.
4. Runs the bundle's own `install-desktop` and validates the entry it writes.
5. Imports an HTML, a Markdown, a text and a PDF file with the bundle's CLI.

Prints the build time, the bundle's size and the start-to-window time.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "spacereader.spec"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
BUNDLE = DIST / "SpaceReader"
TITLE = "China Releases Space Plan"
WINDOW_TIMEOUT_S = 60.0
QUIT_TIMEOUT_S = 30.0
SETTLE_S = 1.5  # let the first paint and the docks settle before the screenshot

# Run inside `unshare --mount`: show the bundle at $2, hide every Python, start it.
HIDE_AND_RUN = """
set -e
bundle="$1"; mountpoint="$2"; shift 2
mount --bind "$bundle" "$mountpoint"
while [ "$1" != "--" ]; do
    if [ -d "$1" ]; then mount -t tmpfs -o size=1m,mode=755 none "$1"; \
    else mount --bind /dev/null "$1"; fi
    shift
done
shift
exec "$mountpoint/SpaceReader" "$@"
"""


class CheckFailedError(Exception):
    """One step of the check failed; the message says which and why."""


def build(clean: bool) -> float:
    """Run PyInstaller on the spec; the seconds it took."""
    log = WORK.parent / "pyinstaller.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(DIST), "--workpath", str(WORK)]
    command += ["--clean"] if clean else []
    started = time.monotonic()
    with log.open("w") as output:
        result = subprocess.run(
            [*command, str(SPEC)], stdout=output, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode:
        tail = log.read_text(errors="replace").splitlines()[-20:]
        raise CheckFailedError("PyInstaller failed:\n" + "\n".join(tail))
    return time.monotonic() - started


def size_of(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files under a folder."""
    files = [path for path in folder.rglob("*") if path.is_file() and not path.is_symlink()]
    return sum(path.stat().st_size for path in files), len(files)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """A fresh Xvfb on a display number it picks itself (no race with other servers)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    # Xvfb writes the display number once it accepts connections.
    with os.fdopen(read_end) as reader:
        number = reader.readline().strip()
    if not number:
        server.kill()
        raise CheckFailedError("Xvfb did not come up")
    return server, f":{number}"


def bare_environment(home: Path, display: str) -> dict[str, str]:
    """Only what a desktop session gives a program: no venv, no PYTHONPATH."""
    env = {
        "HOME": str(home),
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(home / "runtime"),
    }
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[variable] = str(home / variable.lower())
    for folder in (home / "runtime", *(Path(env[v]) for v in env if v.startswith("XDG_"))):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def pythons_to_hide() -> list[str]:
    """The checkout, this venv, this Python's installation, and the system's Pythons."""
    folders = {ROOT, Path(sys.prefix), Path(sys.base_prefix)}
    for pattern in ("/usr/lib/python3*", "/usr/local/lib/python3*"):
        folders.update(Path(p) for p in glob.glob(pattern) if Path(p).is_dir())
    files = {
        Path(p)
        for pattern in ("/usr/bin/python3*", "/usr/local/bin/python3*")
        for p in glob.glob(pattern)
        if Path(p).is_file()
    }
    # A folder inside another hidden one vanishes with it (and could not be mounted on).
    outermost = {f for f in folders if not any(o != f and f.is_relative_to(o) for o in folders)}
    return sorted(str(p) for p in outermost | files)


def can_hide() -> bool:
    """Whether this user may make a private mount namespace (root usually may)."""
    if not shutil.which("unshare"):
        return False
    probe = ["unshare", "--mount", "sh", "-c", "mount -t tmpfs none /mnt"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


def bundle_command(run_dir: Path, hidden: list[str], *args: str) -> list[str]:
    """The command line that starts the bundle, with the Pythons hidden if asked."""
    if not hidden:
        return [str(BUNDLE / "SpaceReader"), *args]
    mountpoint = run_dir / "SpaceReader"
    mountpoint.mkdir(exist_ok=True)
    return [
        "unshare", "--mount", "--propagation", "private", "sh", "-c", HIDE_AND_RUN, "sh",
        str(BUNDLE), str(mountpoint), *hidden, "--", *args,
    ]  # fmt: skip


def x_tool(env: dict[str, str], *command: str) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    return result.stdout.strip() if result.returncode == 0 else ""


def wait_for_window(env: dict[str, str], app: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    while time.monotonic() < deadline:
        if app.poll() is not None:
            stderr = app.communicate()[1].decode(errors="replace")
            raise CheckFailedError(f"the bundle exited with {app.returncode}:\n{stderr}")
        found = x_tool(env, "xdotool", "search", "--onlyvisible", "--name", TITLE)
        if found:
            return found.split()[0]
        time.sleep(0.1)
    raise CheckFailedError(f"no window titled {TITLE!r} within {WINDOW_TIMEOUT_S:.0f} s")


def loaded_python(pid: int) -> str:
    """The libpython the running app mapped (it must be the bundle's own)."""
    try:
        maps = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return "?"
    found = {line.split()[-1] for line in maps.splitlines() if "libpython" in line}
    return ", ".join(sorted(found)) or "none"


def run_app(env: dict[str, str], run_dir: Path, hidden: list[str], screenshot: Path) -> None:
    """Start, wait for the window, screenshot, Ctrl+Q, exit code 0."""
    started = time.monotonic()
    app = subprocess.Popen(
        bundle_command(run_dir, hidden), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        window = wait_for_window(env, app)
        shown = time.monotonic() - started
        print(f"start to window:  {shown:.2f} s")
        print(f"window title:     {x_tool(env, 'xdotool', 'getwindowname', window)}")
        wm_class = x_tool(env, "xprop", "-id", window, "WM_CLASS").partition("=")[2].strip()
        print(f"WM_CLASS:         {wm_class or '?'}")
        print(f"libpython:        {loaded_python(app.pid)}")
        time.sleep(SETTLE_S)
        subprocess.run(
            ["import", "-display", env["DISPLAY"], "-window", "root", str(screenshot)], check=True
        )
        print(f"screenshot:       {screenshot}")
        subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
        closing = time.monotonic()
        subprocess.run(["xdotool", "key", "ctrl+q"], env=env, check=True)
        _, stderr = app.communicate(timeout=QUIT_TIMEOUT_S)
        print(f"quit on Ctrl+Q:   exit {app.returncode} in {time.monotonic() - closing:.2f} s")
        if app.returncode != 0 or b"Traceback" in stderr:
            raise CheckFailedError(
                f"exit code {app.returncode}:\n{stderr.decode(errors='replace')}"
            )
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()


def check_install_desktop(env: dict[str, str], run_dir: Path, hidden: list[str]) -> None:
    """The bundle installs a menu entry that runs the bundle itself, and it is valid."""
    result = subprocess.run(
        bundle_command(run_dir, hidden, "install-desktop"),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    entry = Path(env["XDG_DATA_HOME"]) / "applications" / "spacereader.desktop"
    if result.returncode or not entry.is_file():
        raise CheckFailedError(f"install-desktop failed:\n{result.stdout}{result.stderr}")
    exec_line = next(x for x in entry.read_text().splitlines() if x.startswith("Exec="))
    expected = run_dir / "SpaceReader" / "SpaceReader" if hidden else BUNDLE / "SpaceReader"
    if exec_line != f"Exec={expected} %F":
        raise CheckFailedError(f"the entry does not run the bundle: {exec_line}")
    validation = subprocess.run(
        ["desktop-file-validate", str(entry)], capture_output=True, text=True, check=False
    )
    if validation.returncode:
        raise CheckFailedError(f"invalid entry:\n{validation.stdout}")
    print(f"install-desktop:  valid, {exec_line}")


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (ASCII), with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SAMPLES = {
    # trafilatura (and its settings.cfg, jusText's stop lists) reads HTML.
    "gateway.html": (
        "html",
        b"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Lunar Gateway Notes</title>"
        b"</head><body><article><h1>Lunar Gateway Notes</h1><p>The Lunar Gateway is a small "
        b"space station planned for lunar orbit. It will serve as a communication hub, a "
        b"science laboratory and a short-term habitat for crews of the Artemis program.</p>"
        b"<p>Its first two modules are to launch together; international partners contribute "
        b"further modules and a robotic arm.</p></article></body></html>",
    ),
    "return.md": (
        "markdown",
        b"# Mars Sample Return\n\nThe campaign would bring rock cores collected by the "
        b"Perseverance rover back to Earth.\n",
    ),
    # charset_normalizer decides the encoding of a Windows-1252 file.
    "breves.txt": ("text", "Brèves spatiales : la fusée décolle à l'aube.\n".encode("cp1252")),
    "clipper.pdf": ("pdf", minimal_pdf("Europa Clipper will study the ice shell of Europa.")),
}


def check_import(env: dict[str, str], run_dir: Path, hidden: list[str]) -> None:
    """The bundle imports HTML, Markdown, text and PDF: its loaders' packages are all there."""
    samples = run_dir / "samples"
    samples.mkdir()
    for name, (_, data) in SAMPLES.items():
        (samples / name).write_bytes(data)
    result = subprocess.run(
        bundle_command(run_dir, hidden, "import", "--json", *map(str, sorted(samples.iterdir()))),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode:
        raise CheckFailedError(f"import failed:\n{result.stdout}{result.stderr}")
    formats = sorted(item["format"] for item in json.loads(result.stdout))
    if formats != sorted(kind for kind, _ in SAMPLES.values()):
        raise CheckFailedError(f"imported {formats}, expected {sorted(SAMPLES)}")
    print(f"import:           {', '.join(formats)} files imported")


def print_app_log(env: dict[str, str]) -> None:
    """The end of the app's own log, which says more than an exit code."""
    for log in Path(env["XDG_STATE_HOME"]).rglob("*.log"):
        tail = log.read_text(errors="replace").splitlines()[-15:]
        print(f"--- end of {log}:", *tail, sep="\n", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("screenshot", type=Path, help="where to save the screenshot (PNG)")
    parser.add_argument("--no-build", action="store_true", help="check the existing bundle")
    parser.add_argument("--clean", action="store_true", help="build without PyInstaller's cache")
    parser.add_argument(
        "--keep-python", action="store_true", help="do not hide Python from the bundle"
    )
    args = parser.parse_args()
    screenshot = args.screenshot.resolve()
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    try:
        if not args.no_build:
            print(f"build:            {build(args.clean):.1f} s")
        if not (BUNDLE / "SpaceReader").is_file():
            raise CheckFailedError(f"no bundle at {BUNDLE}: run `make bundle`")
        size, count = size_of(BUNDLE)
        print(
            f"bundle:           {BUNDLE.relative_to(ROOT)}  {size / 2**20:.0f} MiB, {count} files"
        )
        hidden = [] if args.keep_python else pythons_to_hide()
        if hidden and not can_hide():
            print("hidden:           nothing (no private mount namespace here); bare env only")
            hidden = []
        elif hidden:
            print(f"hidden:           {', '.join(hidden)}")
        server, display = start_xvfb()
        with tempfile.TemporaryDirectory(prefix="spacereader-bundle-") as temporary:
            home = Path(temporary)
            env = bare_environment(home / "home", display)
            try:
                run_app(env, home, hidden, screenshot)
                check_install_desktop(env, home, hidden)
                check_import(env, home, hidden)
            except CheckFailedError:
                print_app_log(env)
                raise
            finally:
                server.terminate()
                server.wait(timeout=10)
    except (CheckFailedError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"check-bundle: FAILED: {error}", file=sys.stderr)
        return 1
    print("check-bundle: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
