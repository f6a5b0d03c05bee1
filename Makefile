# Every target works from a clean clone: each one installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Stamps record that the venv matches pyproject.toml, so repeated runs skip pip.
INSTALL_STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
CHROMIUM := /usr/bin/chromium
# axe-core for the browser tests' accessibility checks, pinned by package-lock.json.
AXE := node_modules/axe-core/axe.min.js
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: install install-dev run test lint stop-db bench loadtest score

install: $(INSTALL_STAMP)

install-dev: $(DEV_STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required; $(PYTHON) is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)

$(INSTALL_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(INSTALL_STAMP)

$(BENCH_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[bench]'
	touch $@ $(INSTALL_STAMP)

$(CHROMIUM):
	$(SUDO) apt-get update -q
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py import_statements fixtures/texts
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/gunicorn archive.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS)

# npm ci restores file times from the package, so touch the stamp to keep it newer than the lock file.
$(AXE): package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test: install-dev $(CHROMIUM) $(AXE)
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .

# The importer measured on the real-text corpus (tests/realtexts/README.md): rebuilds the texts from
# repository snapshots into .realtexts/, then prints the scorer's figures per file, family, batch and overall.
score: install
	$(BIN)/python tests/realtexts/score.py $(SCORE_ARGS)

# The embedded PostgreSQL outlives every command; this stops it (data in .data/postgres is kept).
stop-db: install
	$(BIN)/python -m archive.embedded_postgres stop

# A synthetic archive (1,000,000 statements; BENCH_ARGS="--size 100000" for another size) in its own
# database, then search, pages, import and the tantivy yardstick timed: see docs/benchmarks.md.
bench: $(BENCH_STAMP)
	$(BIN)/python manage.py bench $(BENCH_ARGS)

# A benchmark, not a test: gunicorn ($(WORKERS) workers) over the seed texts and 100,000 synthetic
# statements, under 50 locust clients for 60 s, then again with PostgreSQL restarted midway. It uses a
# PostgreSQL of its own in .data/loadtest/ and targets 127.0.0.1 only. Options: LOADTEST_ARGS="--help".
LOADTEST_STAMP := $(VENV)/.installed-loadtest
LOADTEST_ARGS ?=

$(LOADTEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[loadtest]'
	touch $@

loadtest: install $(LOADTEST_STAMP)
	$(BIN)/python -m loadtest.run --workers $(WORKERS) $(LOADTEST_ARGS)
