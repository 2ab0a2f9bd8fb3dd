# One command each, from a fresh clone:  make site   |   make test
# Both create .venv and install what they need (Chromium via apt-get for the browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test check serve lint typecheck unit browser clean bench

site: $(BIN)/.installed            ## check the tree and build site/
	$(BIN)/helptree build

serve: $(BIN)/.installed           ## live preview at http://127.0.0.1:8000
	$(BIN)/mkdocs serve

check: $(BIN)/.installed
	$(BIN)/helptree check

test: $(BIN)/.installed browser lint typecheck   ## every test: lint, types, unit, HTML, browser
	$(BIN)/pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check generator tests bench

typecheck: $(BIN)/.installed
	$(BIN)/mypy --strict generator

browser:                           ## Debian's Chromium for Playwright (it cannot download its own)
	@test -x /usr/bin/chromium || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    chromium fonts-dejavu-core >/dev/null; }

bench: $(BIN)/.installed browser
	$(BIN)/python bench/run_all.py

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
