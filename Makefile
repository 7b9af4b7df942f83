# The two commands for a new machine:
#   make run    creates .venv, installs leadgraph with what the notebooks need, fetches the query page's
#               editor (YASGUI, from the npm registry), builds the graph and the view
#   make test   installs the development extras (Chromium for the browser tests, Virtuoso for the engine
#               tests, from Debian, when missing), then ruff and pytest
# and
#   make lab    adds JupyterLab and opens the notebooks (as root too)

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
YASGUI  = graph/sparql/static/vendor/yasgui.json

.PHONY: run test lint bench clean chromium virtuoso namespace lab yasgui

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# the notebooks extra: executing notebooks/*.ipynb needs nothing more than this environment
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[notebooks]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed $(YASGUI)
	$(BIN)/leadgraph build
	@echo "Outputs are in build/: open build/leadership.html in a browser; the graph is build/leadership.ttl."

$(BIN)/jupyter-lab: | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet jupyterlab

# Jupyter refuses to run as root unless told; containers often run as root
lab: $(VENV)/.installed $(BIN)/jupyter-lab build/leadership.ttl
	$(BIN)/jupyter lab notebooks/ $$(if [ "$$(id -u)" = 0 ]; then echo --allow-root; fi)

build/leadership.ttl: | $(VENV)/.installed
	$(BIN)/leadgraph build

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q chromium; }

# The query page's editor is a dependency, never committed: npm fetches @zazuko/yasgui at the version and
# sha512 hash pinned in the script, which copies its two files into the package (gitignored).
$(YASGUI): scripts/fetch_yasgui.py
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm to fetch the query page's editor"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q npm; }
	$(PYTHON) scripts/fetch_yasgui.py

yasgui: $(YASGUI)

# The engine tests push the build into Debian's Virtuoso Open Source and query it (tests/test_virtuoso.py);
# they start their own server on free ports, so the package's own service is not needed.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "Installing Debian's virtuoso-opensource for the Virtuoso tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q virtuoso-opensource; }

test: $(VENV)/.dev-installed chromium virtuoso $(YASGUI)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(VENV)/.dev-installed chromium virtuoso
	$(BIN)/python benchmarks/build_time.py
	$(BIN)/python benchmarks/build_scale.py
	$(BIN)/python benchmarks/view_time.py
	$(BIN)/python benchmarks/sparql_engines.py
	$(BIN)/python benchmarks/store_scale.py

# graph/lg.py mirrors ontology/leadgraph.ttl; regenerate it after editing the vocabulary
namespace: $(VENV)/.installed
	$(BIN)/python scripts/generate_namespace.py

clean:
	rm -rf build .pytest_cache .ruff_cache
