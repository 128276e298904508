# Two commands: `make run` (set up and start the app) and `make test` (set up and run all tests).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
WORKERS ?= 2
LEITBILD_DB ?= data/leitbild.duckdb
export LEITBILD_DB

.PHONY: run serve test lint format init bench bench-load clean system-deps

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# dashboard/app.py finds its package by itself now; an older set-up's path file would
	@# hide a missing module from the packaging tests
	rm -f $(VENV)/lib/python3*/site-packages/leitbild_monitor.pth
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

init: $(VENV)/.installed
	$(PY) -m dashboard init

# `python -m dashboard run` = the installed `leitbild-monitor run`: init, then serve (with /healthz)
run: $(VENV)/.installed system-deps
	$(PY) -m dashboard run --port $(PORT)

# N app processes behind nginx on PORT (sticky sessions, websockets): needs
# LEITBILD_DB=postgresql://… (README: Operation)
serve: $(VENV)/.installed system-deps
	$(PY) -m dashboard serve --workers $(WORKERS) --port $(PORT)

# System packages the tests need: Debian's Chromium (browser tests and kaleido's chart images;
# never a downloaded browser), poppler-utils (pdftoppm renders exported PDFs to PNG) and the
# DejaVu fonts the PDF documents embed (they have every glyph we print, offline).
# postgresql: the store tests' throwaway server (initdb/pg_ctl); nginx: the proxy in front of
# several app processes (make serve, tests/test_serve.py).
SYSTEM_PACKAGES := chromium poppler-utils fonts-dejavu-core postgresql nginx
FONT := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
INITDB := $(firstword $(wildcard /usr/lib/postgresql/*/bin/initdb))
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftoppm ] || [ ! -f $(FONT) ] \
	    || [ -z "$(INITDB)" ] || [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null) \
	      || echo "$(SYSTEM_PACKAGES) could not be installed: browser and PDF tests will fail under CI"; \
	  else echo "system packages missing and not root: run 'sudo apt-get install -y $(SYSTEM_PACKAGES)'"; fi; \
	fi

lint: $(VENV)/.dev-installed
	$(PY) tools/check_secrets.py
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Both cores: test files are spread over two workers (a file's tests stay on one worker, so
# module fixtures and the order within a file hold).
test: $(VENV)/.dev-installed system-deps lint
	$(PY) -m pytest -q -n 2 --dist loadfile

# BENCH_QUICK=1: page scripts only (AppTest) at 1x and 10x, 3 warm reruns, no imports, no
# browser, no 100x (a few minutes instead of about 30; bench/RESULTS.md says which goals it covers).
# BENCH_ARGS: more flags, e.g. BENCH_ARGS="--baseline /tmp/main" for before/after in one run.
comma := ,
BENCH_FLAGS = $(if $(BENCH_QUICK),--scales 1$(comma)10 --page-scales 1$(comma)10 --metrics pages --quick)
bench: $(VENV)/.dev-installed
	$(PY) -m bench $(BENCH_FLAGS) $(BENCH_ARGS)

# the load benchmark of bench/RESULTS.md (issue 18): 1 vs 2 processes, DuckDB vs PostgreSQL
bench-load: $(VENV)/.dev-installed system-deps
	$(PY) -m bench.load --backend duckdb --workers 1 --sessions 20 --seconds 30
	$(PY) -m bench.load --backend postgresql --workers 1 --sessions 20 --seconds 30
	$(PY) -m bench.load --backend postgresql --workers 2 --sessions 20 --seconds 30
	$(PY) -m bench.load --backend postgresql --workers 2 --sessions 60 --seconds 60 --think 5-10

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
