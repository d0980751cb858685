"""SpaceReader's menu entry and icon on freedesktop desktops (Linux and the BSDs).

install() writes `spacereader.desktop` into $XDG_DATA_HOME/applications and the
SVG icon into $XDG_DATA_HOME/icons/hicolor/scalable/apps: the folders every
freedesktop menu, dock and file manager reads. The entry names the MIME types
SpaceReader opens, so file managers offer it under "Open With"; it does not make
SpaceReader the default for any of them (that stays the user's choice).
uninstall() removes both files. Either can run any number of times.

The entry's Exec line follows the Desktop Entry Specification's two layers of
escaping: an argument with reserved characters is double-quoted with `"`, `` ` ``,
`$` and `\\` backslash-escaped, and then the whole value gets the string escapes
(`\\` becomes `\\\\`). A literal `%` is written `%%`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacereader.core import paths, resources
from spacereader.core.errors import Error

# The desktop file id must equal the name the app gives
# QApplication.setDesktopFileName(): Wayland compositors and docks match a
# window to its menu entry (icon, pinning) through that id.
DESKTOP_ID = "spacereader"
ICON_NAME = "spacereader"
COMMAND_NAME = "spacereader"
# Qt on X11 sets WM_CLASS's class to the application name ("SpaceReader").
STARTUP_WM_CLASS = "SpaceReader"

MIME_TYPES = (
    "text/plain",
    "text/markdown",
    "text/html",
    "application/xhtml+xml",
    "application/pdf",
)
CATEGORIES = ("Office", "Viewer")
KEYWORDS = ("space", "policy", "reader", "programs", "figures", "bookmarks", "PDF", "Markdown")

# Characters that force an Exec argument into double quotes (the spec's list).
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four must be backslash-escaped.
_QUOTED_ESCAPES = frozenset('"`$\\')
REFRESH_TIMEOUT_S = 30


class DesktopError(Error):
    """The menu entry or icon cannot be installed or removed."""


@dataclass(frozen=True)
class DesktopFiles:
    """Where the menu entry and the icon live."""

    entry: Path
    icon: Path

    @property
    def icon_theme_dir(self) -> Path:
        """The user's hicolor theme folder, whose caches follow the icon."""
        return self.icon.parents[2]


@dataclass(frozen=True)
class Launcher:
    """The command a menu entry runs, before the `%F` file list."""

    argv: tuple[str, ...]

    @property
    def executable(self) -> str:
        """The program file itself (the entry's TryExec)."""
        return self.argv[0]


@dataclass(frozen=True)
class Installed:
    """What install() wrote, and which desktop caches it refreshed."""

    files: DesktopFiles
    exec_line: str
    refreshed: tuple[str, ...]


@dataclass(frozen=True)
class Uninstalled:
    """What uninstall() removed (nothing, when nothing was installed)."""

    files: DesktopFiles
    removed: tuple[Path, ...]
    refreshed: tuple[str, ...]


def desktop_files(data_home: Path | None = None) -> DesktopFiles:
    """The entry and icon paths under the XDG data home (or the given folder)."""
    home = data_home if data_home is not None else paths.xdg_data_home()
    return DesktopFiles(
        entry=home / "applications" / f"{DESKTOP_ID}.desktop",
        icon=home / "icons" / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg",
    )


def find_launcher() -> Launcher:
    """The installed `spacereader` command, by absolute path.

    A PyInstaller bundle runs itself. Otherwise the console script that pip put
    beside this Python wins (so a venv's entry runs that venv), then the
    scheme's script folders, then PATH; with none of those, `python -m spacereader`.
    """
    if getattr(sys, "frozen", False):
        return Launcher((str(Path(sys.executable).absolute()),))
    for candidate in _script_candidates():
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return Launcher((str(candidate.absolute()),))
    return module_launcher()


def module_launcher() -> Launcher:
    """`<this python> -m spacereader`, for when no console script is installed."""
    return Launcher((str(Path(sys.executable).absolute()), "-m", "spacereader"))


def _script_candidates() -> list[Path]:
    # Not resolved: a venv's python is a symlink, and the script sits beside the link.
    candidates = [
        Path(sys.executable).parent / COMMAND_NAME,
        Path(sysconfig.get_path("scripts")) / COMMAND_NAME,
    ]
    with contextlib.suppress(KeyError):  # `pip install --user`
        candidates.append(Path(sysconfig.get_path("scripts", f"{os.name}_user")) / COMMAND_NAME)
    on_path = shutil.which(COMMAND_NAME)
    if on_path:
        candidates.append(Path(on_path))
    return candidates


def quote_exec_argument(argument: str) -> str:
    """One Exec argument, double-quoted when the spec requires it, `%` doubled."""
    if argument and not _RESERVED.intersection(argument):
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + c if c in _QUOTED_ESCAPES else c for c in argument) + '"'
    return quoted.replace("%", "%%")


def escape_string(value: str) -> str:
    """A value with the spec's string escapes (applied after Exec quoting)."""
    escaped = value.replace("\\", "\\\\")
    for char, escape in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        escaped = escaped.replace(char, escape)
    return "\\s" + escaped[1:] if escaped.startswith(" ") else escaped


def exec_line(launcher: Launcher) -> str:
    """The Exec value: the command, then %F for the files to open."""
    command = " ".join(quote_exec_argument(argument) for argument in launcher.argv)
    return escape_string(f"{command} %F")


def _list(values: Sequence[str]) -> str:
    return "".join(f"{value};" for value in values)


def desktop_entry(launcher: Launcher) -> str:
    """The text of spacereader.desktop for this launcher."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        # 1.4: desktop-file-validate before 0.27 rejects 1.5 (and its SingleMainWindow).
        "Version=1.4",
        "Name=SpaceReader",
        "GenericName=Document Reader",
        "Comment=Read space-policy documents: programs, figures, search and bookmarks",
        f"Icon={ICON_NAME}",
        f"TryExec={escape_string(launcher.executable)}",
        f"Exec={exec_line(launcher)}",
        "Terminal=false",
        "StartupNotify=true",
        f"StartupWMClass={STARTUP_WM_CLASS}",
        # A second launch goes to the running window: no "New Window" in docks.
        "X-GNOME-SingleWindow=true",
        f"Categories={_list(CATEGORIES)}",
        f"Keywords={_list(KEYWORDS)}",
        f"MimeType={_list(MIME_TYPES)}",
    ]
    return "\n".join(lines) + "\n"


def install(data_home: Path | None = None, launcher: Launcher | None = None) -> Installed:
    """Write the menu entry and the icon, replacing earlier ones; refresh the caches."""
    _require_freedesktop()
    files = desktop_files(data_home)
    chosen = launcher if launcher is not None else find_launcher()
    icon_source = resources.resource_path("icons", f"{ICON_NAME}.svg")
    try:
        icon = icon_source.read_bytes()
    except OSError as error:
        raise DesktopError(f"cannot read the app icon {icon_source}: {error.strerror}") from error
    # Icon first: a menu that notices the entry at once then finds its icon too.
    _write_atomically(files.icon, icon)
    _write_atomically(files.entry, desktop_entry(chosen).encode("utf-8"))
    return Installed(files, exec_line(chosen), _refresh_caches(files))


def uninstall(data_home: Path | None = None) -> Uninstalled:
    """Remove the menu entry and the icon, if present; refresh the caches."""
    files = desktop_files(data_home)
    removed: list[Path] = []
    for path in (files.entry, files.icon):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise DesktopError(f"cannot remove {path}: {error.strerror}") from error
        removed.append(path)
    refreshed = _refresh_caches(files) if removed else ()
    return Uninstalled(files, tuple(removed), refreshed)


def _require_freedesktop() -> None:
    if sys.platform in ("darwin", "win32", "cygwin"):
        raise DesktopError(
            "install-desktop is for Linux desktops; on macOS and Windows see the README"
        )


def _write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise DesktopError(f"cannot write {path}: {error.strerror}") from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise DesktopError(f"cannot write {path}: {error.strerror}") from error


def _refresh_caches(files: DesktopFiles) -> tuple[str, ...]:
    """Tell menus and icon lookups that something changed; the tools that succeeded.

    Both tools are optional: desktops rescan on their own, the caches only speed
    that up. Touching the theme folder marks any icon cache in it as stale (GTK
    compares the cache's time with the folder's), and the icon cache is rebuilt
    only where the user already has a theme index or cache, as xdg-icon-resource does.
    """
    refreshed: list[str] = []
    if _run("update-desktop-database", "--quiet", str(files.entry.parent)):
        refreshed.append("update-desktop-database")
    theme = files.icon_theme_dir
    with contextlib.suppress(OSError):
        os.utime(theme)
    has_index = (theme / "index.theme").is_file()
    if (has_index or (theme / "icon-theme.cache").is_file()) and _run(
        "gtk-update-icon-cache",
        "--quiet",
        *(() if has_index else ("--ignore-theme-index",)),
        str(theme),
    ):
        refreshed.append("gtk-update-icon-cache")
    return tuple(refreshed)


def _run(tool: str, *arguments: str) -> bool:
    """Run an optional helper tool; False when it is missing or fails."""
    program = shutil.which(tool)
    if program is None:
        return False
    try:
        result = subprocess.run(
            [program, *arguments],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=REFRESH_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0
