"""A real X display (Xvfb) and helpers to drive the real app in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

STARTUP_TIMEOUT_S = 30.0


def _start_xvfb(xvfb: str, screen: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a display number it picks itself (-displayfd), so that test runs
    side by side never race for the same number."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as stream:
        number = stream.readline().strip()
    assert number, "Xvfb did not come up"
    return server, f":{int(number)}"


@pytest.fixture
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display; stop it afterwards."""
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is not installed (apt-get install xvfb); .ci/run installs it"
    server, display = _start_xvfb(xvfb, "1600x1000x24")
    deadline = time.monotonic() + 10
    while subprocess.run(
        ["xdpyinfo", "-display", display], capture_output=True, check=False
    ).returncode:
        assert server.poll() is None, "Xvfb exited"
        assert time.monotonic() < deadline, "Xvfb did not come up"
        time.sleep(0.1)
    yield display
    server.terminate()
    server.wait(timeout=10)


def app_environment(display: str) -> dict[str, str]:
    """The inherited (isolated) environment, on the real display with Qt's xcb platform."""
    return {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}


def start_app(display: str, *args: str) -> subprocess.Popen[bytes]:
    """`python -m spacereader ARGS` on the display."""
    return subprocess.Popen(
        [sys.executable, "-m", "spacereader", *args],
        env=app_environment(display),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_window(display: str, name: str, process: subprocess.Popen[bytes]) -> str:
    """The X id of the app's mapped window whose title contains `name`."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1].decode(errors="replace")
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env=app_environment(display),
            capture_output=True,
            text=True,
            check=False,
        )
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.2)
    raise AssertionError(f"no window named {name!r} appeared")


def press(display: str, window: str, *keys: str) -> None:
    """Focus the window and type keys through XTEST, as a user's keyboard does."""
    env = app_environment(display)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=True)
    subprocess.run(["xdotool", "key", "--delay", "60", *keys], env=env, check=True)


def type_text(display: str, text: str) -> None:
    """Type text into whatever has the keyboard focus."""
    subprocess.run(
        ["xdotool", "type", "--delay", "40", text], env=app_environment(display), check=True
    )


def window_title(display: str, window: str) -> str:
    """The window's current title."""
    return subprocess.run(
        ["xdotool", "getwindowname", window],
        env=app_environment(display),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def stop(process: subprocess.Popen[bytes]) -> None:
    """Kill the app if it is still running, and close its pipes."""
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=20)
