# The two commands for a new machine:
#   make run    creates .venv, installs leadgraph, builds the graph and the view from the shipped data
#   make test   installs the development extras (and Chromium for the browser tests), then ruff and pytest

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	$(BIN)/leadgraph build
	@echo "Outputs are in build/: open build/leadership.html in a browser; the graph is build/leadership.ttl."

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/build_time.py

clean:
	rm -rf build .pytest_cache .ruff_cache
