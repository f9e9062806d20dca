# Crossdock: `make demo` serves a seeded demo on SQLite; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: install demo serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/crossdock migrate
	$(BIN)/crossdock demo --if-empty
	$(BIN)/crossdock serve --port $(PORT)

serve: install
	$(BIN)/crossdock migrate
	$(BIN)/crossdock serve --port $(PORT)

test: install
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.routing

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
