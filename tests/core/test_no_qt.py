"""The core must never load Qt: the CLI and the tests use it without a display."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import importlib, pkgutil, sys
import spacereader.core as core
for module in pkgutil.walk_packages(core.__path__, "spacereader.core."):
    importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name.startswith("PySide6"))
print(len(list(pkgutil.walk_packages(core.__path__))), loaded)
"""


def test_importing_every_core_module_loads_no_pyside6() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    count, loaded = result.stdout.strip().split(" ", 1)
    assert int(count) >= 6
    assert loaded == "[]"
