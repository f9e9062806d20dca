# Crossdock: `make demo` serves a seeded demo on SQLite; `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: install chromium demo serve test lint bench screenshots clean

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

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium; } \
	  || echo "chromium is not installed: the browser tests will be skipped (apt-get install chromium)"

test: install chromium
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src
	$(BIN)/lint-imports

screenshots: install chromium
	CROSSDOCK_SCREENSHOTS=1 $(BIN)/pytest tests/browser -q

bench: install
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.routing
	$(BIN)/python -m benchmarks.inventory

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
