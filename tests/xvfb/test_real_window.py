"""The real app in a real window on an X server: it starts, shows the article, quits."""

from __future__ import annotations

import pytest

from tests.xvfb.conftest import press, start_app, stop, wait_for_window, window_title

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
