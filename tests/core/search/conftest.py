"""The search tests' shared library and index, built once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from search_setup import SearchSetup, make_setup


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchSetup]:
    """Shared by a module's tests, which only read it."""
    made = make_setup(tmp_path_factory.mktemp("search"))
    yield made
    made.index.close()
    made.library.close()
