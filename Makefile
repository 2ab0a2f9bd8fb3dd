# One command each, from a fresh clone:  make site   |   make test
# Both create .venv and install what they need (Chromium via apt-get for the browser tests).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
HEADLESS_SHELL := /usr/lib/chromium/chromium-headless-shell
# One pytest worker per core (2 on the build machine); see "Tests" in the README.
PYTEST_WORKERS ?= auto

# apt-get install as root, or with sudo
apt_install = { SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null; }

.PHONY: site test test-fast check serve lint typecheck unit browser full-browser clean bench

site: $(BIN)/.installed            ## check the tree and build site/
	$(BIN)/helptree build

serve: $(BIN)/.installed           ## live preview at http://127.0.0.1:8000
	$(BIN)/helptree serve

check: $(BIN)/.installed
	$(BIN)/helptree check

test: $(BIN)/.installed browser lint typecheck   ## every test: lint, types, unit, HTML, browser
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist worksteal

test-fast: $(BIN)/.installed lint typecheck   ## the inner loop: no browser, no whole-site builds
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist worksteal -m "not browser and not slow"

lint: $(BIN)/.installed
	$(BIN)/ruff check generator tests bench

typecheck: $(BIN)/.installed
	$(BIN)/mypy --strict generator

browser:                           ## Debian's Chromium headless shell for Playwright (it cannot download its own)
	@test -x $(HEADLESS_SHELL) || $(call apt_install,chromium-headless-shell fonts-dejavu-core)

full-browser:                      ## Debian's full Chromium, for the benchmarks (Lighthouse, page weight)
	@test -x /usr/bin/chromium || $(call apt_install,chromium fonts-dejavu-core)

bench: $(BIN)/.installed full-browser
	$(BIN)/python bench/run_all.py

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache
