# SpaceReader — `make run` opens the app, `make test` checks everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP_RUN  := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BUNDLE := $(VENV)/.installed-bundle
BUNDLE_SCREENSHOT ?= build/check-bundle.png

.PHONY: run test lint typecheck pytest clean check-qt-libs bench bundle check-bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_RUN)

$(STAMP_BUNDLE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $@ $(STAMP_RUN)

check-qt-libs:
	@$(PYTHON) tools/check_qt_libs.py

run: $(STAMP_RUN) check-qt-libs
	$(BIN)/spacereader

lint: $(STAMP_TEST)
	$(BIN)/ruff check spacereader tests benchmarks tools
	$(BIN)/ruff format --check spacereader tests benchmarks tools
	$(BIN)/mypy

pytest: $(STAMP_TEST)
	$(BIN)/python -m pytest

test: lint pytest

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/startup.py

# dist/SpaceReader/SpaceReader: one folder with its own Python and Qt (not part of `make test`: slow).
bundle: $(STAMP_BUNDLE)
	$(BIN)/python -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller packaging/spacereader.spec

# Build, then start the bundle on Xvfb with every Python hidden; screenshot to $(BUNDLE_SCREENSHOT).
check-bundle: $(STAMP_BUNDLE) check-qt-libs
	$(BIN)/python tools/check_bundle.py $(BUNDLE_SCREENSHOT)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
