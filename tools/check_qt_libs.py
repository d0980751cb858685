"""Stop `make run` with the exact apt-get line when Qt's X11 libraries are missing.

Qt's xcb platform plugin otherwise aborts with "Could not load the Qt platform
plugin" and no hint of which system package to install.
"""

from __future__ import annotations

import ctypes.util
import sys

# Shared library name (as ctypes.util.find_library wants it) -> Debian package.
REQUIRED = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "EGL": "libegl1",
    "fontconfig": "libfontconfig1",
}


def missing_packages() -> list[str]:
    """Debian packages whose libraries the dynamic linker cannot find."""
    return [package for lib, package in REQUIRED.items() if ctypes.util.find_library(lib) is None]


def main() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    missing = missing_packages()
    if not missing:
        return 0
    print(
        "SpaceReader needs Qt's X11 libraries. Install them with:\n"
        f"    sudo apt-get install {' '.join(missing)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
