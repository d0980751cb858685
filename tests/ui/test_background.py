"""Tasks run off the GUI thread; superseded ones never deliver results."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from spacereader.core.errors import Error
from spacereader.ui.background import BackgroundRunner, Progress


@pytest.fixture
def runner() -> Iterator[BackgroundRunner]:
    background = BackgroundRunner("test-runner")
    yield background
    background.stop()


def test_task_runs_on_another_thread(qtbot: QtBot, runner: BackgroundRunner) -> None:
    main_thread = QThread.currentThread()
    seen: list[object] = []

    def task(progress: Progress) -> bool:
        return QThread.currentThread() is not main_thread

    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.submit(task)
    seen.extend(blocker.args or [])
    assert seen[1] is True


def test_superseded_results_are_dropped(qtbot: QtBot, runner: BackgroundRunner) -> None:
    gate = threading.Event()
    delivered: list[object] = []
    runner.finished.connect(lambda _id, result: delivered.append(result))

    def slow(progress: Progress) -> str:
        gate.wait(5)
        return "stale"

    def fresh(progress: Progress) -> str:
        return "fresh"

    runner.submit(slow, key="search")
    time.sleep(0.05)
    runner.submit(fresh, key="search")
    gate.set()
    qtbot.waitUntil(lambda: delivered == ["fresh"], timeout=5000)
    qtbot.wait(100)
    assert delivered == ["fresh"]


def test_errors_arrive_as_one_line(qtbot: QtBot, runner: BackgroundRunner) -> None:
    def broken(progress: Progress) -> None:
        raise Error("the index is being rebuilt")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.submit(broken)
    assert blocker.args is not None
    assert blocker.args[1] == "the index is being rebuilt"


def test_progress_and_cancel(qtbot: QtBot, runner: BackgroundRunner) -> None:
    reports: list[tuple[int, int]] = []
    runner.progress.connect(lambda _id, done, total: reports.append((done, total)))
    started = threading.Event()

    def long_task(progress: Progress) -> int:
        done = 0
        while not progress.cancelled() and done < 1000:
            done += 1
            progress(done, 1000)
            started.set()
            time.sleep(0.002)
        return done

    delivered: list[object] = []
    runner.finished.connect(lambda _id, result: delivered.append(result))
    task_id = runner.submit(long_task)
    assert started.wait(5)
    runner.cancel(task_id)
    qtbot.waitUntil(lambda: len(reports) > 0, timeout=5000)
    qtbot.wait(200)
    assert delivered == []
    assert reports[-1][0] < 1000


def test_a_stopped_runner_takes_no_more_work(runner: BackgroundRunner) -> None:
    runner.stop()
    assert runner.submit(lambda progress: 1) == -1
    assert not runner._thread.isRunning()
