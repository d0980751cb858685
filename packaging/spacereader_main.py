"""The PyInstaller bundle's entry point: the same main() as the `spacereader` command."""

from __future__ import annotations

import multiprocessing
import sys

from spacereader.__main__ import main

if __name__ == "__main__":
    # The search index builds in spawned processes; in a frozen app each one
    # re-runs this executable, and freeze_support() turns it into the worker
    # (before the command line could mistake its arguments for files to open).
    multiprocessing.freeze_support()
    sys.exit(main())
