# Sinergi — the two commands are `make run` and `make test`; the rest are their steps.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# htmx's version is pinned once, in package.json (app/core/setup.py reads it there too).
HTMX_VERSION := $(shell sed -n 's/.*"htmx\.org": *"\([^"]*\)".*/\1/p' package.json)
PORT ?= 8000
# Chromium for browser tests: Debian's package (Playwright's own download cannot be fetched here).
CHROMIUM ?= /usr/bin/chromium

.DEFAULT_GOAL := help
.PHONY: help run test test-fast install install-dev system-deps test-deps assets i18n-update i18n-compile i18n-check \
        db-upgrade seed lint fmt serve clean bench

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

run: install i18n-compile db-upgrade seed serve ## install everything, migrate, seed the demo and serve on :8000

test-fast: install-dev i18n-compile lint ## quick loop: ruff and the suite on SQLite without browser and slow tests
	$(BIN)/python -m pytest -m "not browser and not slow" -q

test: install-dev test-deps i18n-compile lint ## install everything incl. test tools, lint, run the suite (SQLite and, when TEST_DATABASE_URL is set, PostgreSQL side by side)
	@# The route fuzz sends 10,000 requests per CI run: 6,000 on SQLite and 4,000 on PostgreSQL.
	PY=$(BIN)/python bash scripts/test-suite.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: system-deps $(VENV)/.installed assets ## virtualenv, Python and npm dependencies

install-dev: system-deps $(VENV)/.installed-dev assets

# WeasyPrint needs Pango; install it when missing and we are root (Debian/Ubuntu).
system-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; \
	  else echo "WARNING: Pango is missing; install libpango-1.0-0 and libpangoft2-1.0-0 for PDF export."; fi; \
	fi

test-deps:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null || true; fi
	@if ! command -v pdftotext >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get install -y -qq poppler-utils >/dev/null || true; fi
	@if [ ! -x $(CHROMIUM) ]; then \
	  echo "!!!!!!!! WARNING: no Chromium at $(CHROMIUM): the browser tests will be SKIPPED !!!!!!!!"; fi
	@# nginx for tests/deploy/test_nginx.py; policy-rc.d keeps Debian from starting it on port 80 meanwhile.
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  created=; if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; \
	    chmod +x /usr/sbin/policy-rc.d; created=1; fi; \
	  apt-get install -y -qq nginx >/dev/null || true; \
	  if [ -n "$$created" ]; then rm -f /usr/sbin/policy-rc.d; fi; fi
	@if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
	  echo "!!!!!!!! WARNING: no nginx: the proxy test (tests/deploy) will be SKIPPED !!!!!!!!"; fi

# htmx comes from npm (pinned in package-lock.json) and is copied into static/vendor/, which git ignores.
# DejaVu fonts (npm dejavu-fonts-ttf) are embedded in every PDF, so no host font is relied on.
FONTS := DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSans-Oblique.ttf DejaVuSerif.ttf DejaVuSerif-Bold.ttf DejaVuSerif-Italic.ttf
assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	install -D -m 644 node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/$(HTMX_VERSION)/htmx.min.js
	install -D -m 644 node_modules/htmx.org/dist/ext/hx-sse.min.js static/vendor/htmx/$(HTMX_VERSION)/hx-sse.min.js
	for f in $(FONTS); do install -D -m 644 node_modules/dejavu-fonts-ttf/ttf/$$f static/vendor/fonts/$$f; done
	touch $@

i18n-update: ## extract messages and merge them into every catalog
	$(BIN)/python scripts/i18n.py update

i18n-compile:
	$(BIN)/python scripts/i18n.py compile

i18n-check: ## fail when a message has no Indonesian translation
	$(BIN)/python scripts/i18n.py check

db-upgrade: ## migrate the database (DATABASE_URL, SQLite file by default)
	$(BIN)/flask --app wsgi db upgrade

seed: ## load the demo data (idempotent)
	$(BIN)/flask --app wsgi demo seed

bench: install-dev i18n-compile ## every benchmark at quick sizes (BENCH_ARGS="--full" for the target sizes; docs/PERFORMANCE.md)
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)

lint: ## ruff (lint and format check)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: ## ruff: fix what it can, then format
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve: ## gunicorn with the gevent worker on 127.0.0.1:$(PORT)
	@echo "Sinergi berjalan di http://127.0.0.1:$(PORT) — masuk dengan salah satu akun demo di atas."
	$(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT) wsgi:app

clean:
	rm -rf $(VENV) node_modules static/vendor
