"""`spacereader install-desktop` and `uninstall-desktop`: the applications-menu entry."""

from __future__ import annotations

import argparse
from typing import Any

from spacereader.core import desktop


def register(subparsers: Any) -> None:
    """Add the desktop-entry commands."""
    install = subparsers.add_parser(
        "install-desktop",
        help="add SpaceReader to the applications menu and to Open With (Linux)",
        description=(
            "Install a menu entry and the app icon into the XDG data folder, so SpaceReader "
            "appears in the applications menu and in Open With for text, Markdown, HTML "
            "and PDF files. It does not change which app opens those files by default."
        ),
    )
    install.set_defaults(handler=install_desktop)
    uninstall = subparsers.add_parser(
        "uninstall-desktop",
        help="remove the menu entry and icon that install-desktop added",
    )
    uninstall.set_defaults(handler=uninstall_desktop)


def install_desktop(args: argparse.Namespace) -> int:
    """Install the entry and icon; say what went where."""
    installed = desktop.install()
    print(f"Menu entry: {installed.files.entry}")
    print(f"Icon:       {installed.files.icon}")
    print(f"Runs:       {installed.exec_line}")
    if installed.refreshed:
        print(f"Refreshed:  {', '.join(installed.refreshed)}")
    return 0


def uninstall_desktop(args: argparse.Namespace) -> int:
    """Remove the entry and icon; say what was removed, or that nothing was there."""
    result = desktop.uninstall()
    if not result.removed:
        print(f"Nothing to remove: no menu entry or icon under {result.files.entry.parents[1]}")
        return 0
    for path in result.removed:
        print(f"Removed {path}")
    return 0
