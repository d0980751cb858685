"""The first window fits small screens for real (an X server of that size)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.xvfb.conftest import _start_xvfb, app_environment, start_app, stop, wait_for_window

pytestmark = pytest.mark.xvfb


def window_geometry(display: str, window: str) -> tuple[int, int, int, int]:
    """x, y, width, height of a window, as the X server has it."""
    shown = subprocess.run(
        ["xdotool", "getwindowgeometry", window],
        env=app_environment(display),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    position = re.search(r"Position: (-?\d+),(-?\d+)", shown)
    size = re.search(r"Geometry: (\d+)x(\d+)", shown)
    assert position, shown
    assert size, shown
    return (int(position[1]), int(position[2]), int(size[1]), int(size[2]))


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (1366, 768)])
def test_the_first_window_is_inside_a_small_screen(width: int, height: int) -> None:
    xvfb = shutil.which("Xvfb")
    assert xvfb, "Xvfb is not installed"
    server, display = _start_xvfb(xvfb, f"{width}x{height}x24")
    try:
        process = start_app(display)
        try:
            window = wait_for_window(display, "China Releases Space Plan", process)
            x, y, shown_width, shown_height = window_geometry(display, window)
            assert x >= 0
            assert y >= 0
            assert x + shown_width <= width
            assert y + shown_height <= height
        finally:
            stop(process)
    finally:
        server.terminate()
        server.wait(timeout=10)
