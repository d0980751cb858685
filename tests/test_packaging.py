"""A plain, non-editable install carries the bundled article and the resources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.import_corpus import HTML_PAGE

ROOT = Path(__file__).resolve().parents[1]
# The user's pip cache, read before the fixtures point XDG_CACHE_HOME at a test folder:
# a fresh venv then installs the dependencies from it, without downloading them again.
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pip"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [built] = out.glob("spacereader-*.whl")
    return built


@pytest.mark.slow
def test_wheel_holds_seeds_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (ROOT / "seeds").iterdir())
    for seed in seeds:
        assert f"spacereader/seeds/{seed}" in names
    assert "spacereader/resources/icons/spacereader.svg" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[gui_scripts]" in text
    assert "spacereader = spacereader.__main__:main" in text


@pytest.mark.slow
def test_installed_package_finds_its_article_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-m", "spacereader", "list", "--json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        check=True,
        timeout=60,
    )
    [entry] = json.loads(result.stdout)
    assert Path(entry["path"]).is_relative_to(site / "spacereader" / "seeds")
    assert entry["title"].startswith("China Releases Space Plan")


@pytest.mark.slow
def test_pip_install_into_a_fresh_venv_imports_html(wheel: Path, tmp_path: Path) -> None:
    """`pip install .` as the README says, with the pip the interpreter ships (not upgraded)."""
    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    env = {**os.environ, "PIP_CACHE_DIR": PIP_CACHE}
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        timeout=900,
        env=env,
    )
    page = tmp_path / "lander.html"
    page.write_text(HTML_PAGE, encoding="utf-8")
    result = subprocess.run(
        [str(python), "-m", "spacereader", "import", "--json", str(page)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # not the source folder: the installed package must do it alone
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    [entry] = json.loads(result.stdout)
    assert entry["title"] == "ESA approves Argonaut lunar lander"
    assert entry["format"] == "html"
