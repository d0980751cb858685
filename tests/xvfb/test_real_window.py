"""The real app in a real window on an X server: it starts, shows the article, quits."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.xvfb.conftest import (
    app_environment,
    press,
    start_app,
    stop,
    type_text,
    wait_for_window,
    window_title,
)

pytestmark = pytest.mark.xvfb

TITLE = "China Releases Space Plan: ‘Steady As She Goes’ — SpaceReader"


def test_app_maps_a_window_with_the_article_title_and_quits_on_ctrl_q(
    xvfb_display: str,
) -> None:
    process = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", process)
        assert window_title(xvfb_display, window) == TITLE
        press(xvfb_display, window, "ctrl+q")
        _, stderr = process.communicate(timeout=20)
        assert process.returncode == 0
        assert b"Traceback" not in stderr
    finally:
        stop(process)


def bookmarks_json(display: str) -> list[dict[str, object]]:
    """The bookmark store as the command line sees it (it may run beside the app)."""
    result = subprocess.run(
        [sys.executable, "-m", "spacereader", "bookmarks", "list", "--json"],
        env=app_environment(display),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return list(json.loads(result.stdout))


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def test_search_and_bookmark_by_keyboard_survives_a_restart(xvfb_display: str) -> None:
    process = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", process)
        press(xvfb_display, window, "ctrl+f")
        type_text(xvfb_display, "ILRS")
        press(xvfb_display, window, "Return")
        time.sleep(2.0)  # the first start builds the index; Enter jumps once hits come
        press(xvfb_display, window, "ctrl+d")
        wait_until(lambda: len(bookmarks_json(xvfb_display)) == 1)
        type_text(xvfb_display, "moon base")
        press(xvfb_display, window, "Escape")
        wait_until(lambda: bookmarks_json(xvfb_display)[0]["note"] == "moon base")
        [saved] = bookmarks_json(xvfb_display)
        assert "ILRS" in str(saved["quote"]) or "International Lunar" in str(saved["quote"])
        press(xvfb_display, window, "ctrl+q")
        process.communicate(timeout=20)
        assert process.returncode == 0
    finally:
        stop(process)
    again = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", again)
        [kept] = bookmarks_json(xvfb_display)
        assert kept["note"] == "moon base"
        press(xvfb_display, window, "ctrl+q")
        again.communicate(timeout=20)
        assert again.returncode == 0
    finally:
        stop(again)


def test_a_note_typed_just_before_ctrl_q_is_kept(xvfb_display: str) -> None:
    process = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", process)
        time.sleep(1.0)  # the bookmark store opens after the first paint
        press(xvfb_display, window, "ctrl+d")
        wait_until(lambda: len(bookmarks_json(xvfb_display)) == 1)
        type_text(xvfb_display, "quick")
        press(xvfb_display, window, "ctrl+q")  # at once: no pause for the note to be saved
        process.communicate(timeout=20)
        assert process.returncode == 0
    finally:
        stop(process)
    [kept] = bookmarks_json(xvfb_display)
    assert kept["note"] == "quick"


def test_second_launch_hands_its_file_to_the_running_window(
    xvfb_display: str, tmp_path: Path
) -> None:
    brief = tmp_path / "artemis.txt"
    brief.write_text(
        "Artemis Accords Signatories\n\n"
        "WASHINGTON — Fifty nations have now signed the Artemis Accords, NASA said.\n\n"
        "The accords set out principles for the civil exploration of the Moon and Mars.\n",
        "utf-8",
    )
    first = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", first)
        second = start_app(xvfb_display, str(brief))
        _, stderr = second.communicate(timeout=30)
        assert second.returncode == 0, stderr
        wait_until(
            lambda: (
                window_title(xvfb_display, window) == "Artemis Accords Signatories — SpaceReader"
            )
        )
        assert first.poll() is None
    finally:
        stop(first)


def test_launch_after_the_owner_was_killed(xvfb_display: str) -> None:
    owner = start_app(xvfb_display)
    try:
        wait_for_window(xvfb_display, "China Releases Space Plan", owner)
        owner.send_signal(signal.SIGKILL)
        owner.wait(timeout=10)
    finally:
        stop(owner)
    successor = start_app(xvfb_display)
    try:
        window = wait_for_window(xvfb_display, "China Releases Space Plan", successor)
        press(xvfb_display, window, "ctrl+q")
        successor.communicate(timeout=20)
        assert successor.returncode == 0
    finally:
        stop(successor)
