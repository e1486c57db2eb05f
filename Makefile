# chibo — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CHIBO  := $(BIN)/chibo
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
SCALE  ?= province

.PHONY: run test install messages browser bench lint clean

## make run: set up on SQLite, build the demo province if the database is empty, serve it.
## A task worker (django-tasks-db) runs beside the server for the report exports; it is
## stopped when the server stops (Ctrl+C or exit).
run: install
	$(CHIBO) migrate --noinput -v0
	$(CHIBO) collectstatic --noinput -v0
	$(CHIBO) demo --scale $(SCALE) --if-empty
	@echo "chibo: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@$(CHIBO) db_worker --no-reload --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  $(CHIBO) runserver $(HOST):$(PORT) --noreload

## make test: set up and run every test (SQLite; PostgreSQL when DATABASE_URL points at one).
test: install browser
	$(BIN)/python -m pytest

install: $(STAMP) messages

# Re-install only when pyproject.toml changes: a second `make run` starts in seconds.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=25.3"
	@# XStatic-Bootstrap's setup imports pkg_resources, gone from setuptools 81 (docs/operations.md).
	printf 'setuptools<81\n' > $(VENV)/build-constraints.txt
	$(BIN)/python -m pip install -q --build-constraint $(VENV)/build-constraints.txt -e '.[dev]'
	touch $@

# Compile the Vietnamese catalogue when gettext is present (the compiled .mo is committed too).
messages:
	@if command -v msgfmt >/dev/null; then cd chibo && ../$(BIN)/python ../manage.py compilemessages -v0; fi

# Browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
# The printed-document tests turn DOCX into PNG with LibreOffice and pdftoppm.
browser:
	@command -v chromium >/dev/null && command -v soffice >/dev/null && command -v pdftoppm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-dejavu-core fonts-liberation libreoffice-writer-nogui poppler-utils; \
	  else echo "Browser tests need Chromium, LibreOffice and poppler: sudo apt-get install chromium libreoffice-writer-nogui poppler-utils" >&2; exit 1; fi; }

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var/static .pytest_cache

## make bench: build (or reuse) the province-scale demo with 24 months of meetings, then time
## the pages, the dashboards and reports, and a load of 50 clients on gunicorn (docs/benchmarks.md).
## SQLite under var/ by default; DATABASE_URL=postgres://… make bench measures PostgreSQL.
BENCH_MONTHS ?= 24
bench: install
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; \
	  else echo "The load benchmark needs wrk: sudo apt-get install wrk" >&2; fi; }
	$(CHIBO) migrate --noinput -v0
	$(CHIBO) demo --scale province --months $(BENCH_MONTHS) --reuse
	@# The daily refresh: a reused demo's roll-ups as on today (and after a roll-up change).
	$(CHIBO) reports
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/reports.py
	$(BIN)/python bench/load.py
