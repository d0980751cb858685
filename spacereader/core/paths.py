"""Every per-user folder SpaceReader uses, from platformdirs.

Nothing else in the code base builds a path under the home folder. On Linux the
XDG variables (XDG_DATA_HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME, XDG_STATE_HOME)
redirect all of them, which is how the tests isolate themselves. The folders are
looked up on each call, so a changed environment takes effect at once.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "spacereader"


def _dirs() -> PlatformDirs:
    return PlatformDirs(APP_NAME, appauthor=False)


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """User data that must never be lost: the library and bookmarks."""
    return _ensure(Path(_dirs().user_data_dir))


def cache_dir() -> Path:
    """Data that can always be rebuilt, such as the search index."""
    return _ensure(Path(_dirs().user_cache_dir))


def config_dir() -> Path:
    """Settings and the user's own gazetteer additions."""
    return _ensure(Path(_dirs().user_config_dir))


def log_dir() -> Path:
    """The rotating log file."""
    return _ensure(Path(_dirs().user_log_dir))


def library_dir() -> Path:
    """Copies of imported documents, so they outlive their originals."""
    return _ensure(data_dir() / "library")


def settings_file() -> Path:
    """The UI's state (geometry, dock layout, last document)."""
    return config_dir() / "ui.ini"


def xdg_data_home() -> Path:
    """The user's shared data folder ($XDG_DATA_HOME, else ~/.local/share on Linux).

    Desktop entries and icons go under it, beside other programs' own. Not
    created here: the folder is the user's, not ours.
    """
    return Path(PlatformDirs(appname=None, appauthor=False).user_data_dir)
