"""One instance per user: a second launch hands its files over; a dead owner's lock is taken."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from spacereader.ui.single_instance import SingleInstance, server_name


def test_second_instance_hands_its_files_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    second = SingleInstance(tmp_path)
    assert not second.acquire()
    document = tmp_path / "brief.txt"
    document.write_text("x", encoding="utf-8")
    with qtbot.waitSignal(first.files_received, timeout=5000) as blocker:
        assert second.send([document])
    assert blocker.args == [[str(document.resolve())]]
    first.release()


def test_separate_profiles_do_not_meet(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_lock_of_a_killed_owner_is_taken_over(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from PySide6.QtCore import QCoreApplication\n"
            "from spacereader.ui.single_instance import SingleInstance\n"
            "app = QCoreApplication([])\n"
            f"instance = SingleInstance(__import__('pathlib').Path({str(tmp_path)!r}))\n"
            "print(instance.acquire(), flush=True)\n"
            "time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "True"
        assert not SingleInstance(tmp_path).acquire()
        holder.kill()
        holder.wait(timeout=10)
        successor = SingleInstance(tmp_path)
        assert successor.acquire()
        successor.release()
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate(timeout=10)
