# CTPN Knowledge Exchange. `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: help install run run-es test bench load backup lint audit format clean es-up es-cluster screenshots

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); bin/ensure-venv-package && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

run: install ## Migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite, database search)
	bin/serve

run-es: install ## The same, searching a local Elasticsearch 8.19 node (fetched once with Maven)
	bin/serve --elasticsearch

test: install ## Start PostgreSQL, Elasticsearch and Chromium, run the whole suite, then the SQLite part on SQLite
	bin/test $(PYTEST_ARGS)

bench: install ## Benchmark search, pages and (at 10,000) the load test at BENCH_SIZES resources (default 1000,10000); writes docs/performance.md
	bin/bench

load: install ## The load test alone: 50 users for BENCH_LOAD_SECONDS (120) at BENCH_SIZES (10000); updates docs/performance.md
	BENCH_ONLY=load BENCH_SIZES=$(or $(BENCH_SIZES),10000) bin/bench

backup: install ## Back up the database and media into var/backups/ctpn-<time>/ (BACKUP_DIR=... elsewhere); restore: bin/restore
	$(PY) bin/backup $(if $(BACKUP_DIR),"$(BACKUP_DIR)")

es-up: ## Start a local Elasticsearch 8.19 node on loopback (fetched once with Maven) and print its URL
	@bin/elasticsearch-up

es-cluster: ## Start a 3-node Elasticsearch cluster on loopback (ports 9201-9203, /tmp/ctpn-es-cluster) and print its URLs
	@bin/es-cluster-up

lint: install ## ruff, djhtml (templates), shell syntax, makemigrations --check, manage.py check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	! grep -n ' @ file:' requirements.lock  # the lock must install on a fresh machine
	for script in bin/* .ci/run; do head -n1 "$$script" | grep -q bash || continue; bash -n "$$script" || exit 1; done
	files="$$($(VENV)/bin/ruff check --show-files .)"; for script in bin/*; do head -n1 "$$script" | grep -q python || continue; \
		grep -q "/$$script$$" <<<"$$files" || { echo "$$script: add it to extend-include in pyproject.toml"; exit 1; }; done
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

audit: ## Check the locked dependencies against the published advisories (pip-audit; needs their service over the network)
	test -x var/audit/bin/pip-audit || { $(PYTHON) -m venv var/audit && var/audit/bin/pip install --quiet pip-audit==2.10.1; }
	var/audit/bin/pip-audit -r requirements.lock --no-deps --disable-pip --strict

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

screenshots: install ## Photograph the main pages of the demo site into docs/screenshots/ (throwaway SQLite in var/)
	$(PY) bin/screenshots

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
