"""Files shipped with SpaceReader: the bundled articles and the resources.

In a wheel, `seeds/` and `resources/` sit inside the package; in a source
checkout they sit at the top of the repository. Both are found through
importlib.resources first.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT_ROOT = Path(__file__).resolve().parents[2]


def _shipped(name: str) -> Path:
    packaged = Path(str(resources.files("spacereader") / name))
    if packaged.is_dir():
        return packaged
    return _CHECKOUT_ROOT / name


def seeds_dir() -> Path:
    """The folder of bundled articles."""
    return _shipped("seeds")


def resources_dir() -> Path:
    """The folder of icons, stylesheets and data files."""
    return _shipped("resources")


def resource_path(*parts: str) -> Path:
    """One file under the resources folder."""
    return resources_dir().joinpath(*parts)
