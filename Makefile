# CTPN Knowledge Exchange. `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: help install run test lint format check migrate seed clean es-up

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); bin/ensure-venv-package && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

run: install ## Migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite)
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# The embedded default (`make run`) is SQLite: its own search backend and the
# demo content, invitations and signup are tested on it too.
SQLITE_TESTS := tests/search tests/home tests/resources/test_listings.py tests/resources/test_seed_demo.py \
	tests/members/test_invitations.py tests/members/test_signup.py

test: install ## Start PostgreSQL (and find Chromium), run the whole suite on it, then the SQLite-specific part on SQLite
	@DATABASE_URL="$${DATABASE_URL:-$$(bin/postgres-up)}" || exit 1; \
	CHROMIUM_PATH="$$(bin/chromium-up)" || exit 1; export CHROMIUM_PATH; \
	case "$$DATABASE_URL" in postgres*) ;; *) echo "make test needs PostgreSQL, got '$$DATABASE_URL'" >&2; exit 1;; esac; \
	export DATABASE_URL; echo "Testing against $${DATABASE_URL%%@*}@..."; \
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check && \
	$(VENV)/bin/pytest $(PYTEST_ARGS)
	mkdir -p var
	DATABASE_URL="sqlite:///$(CURDIR)/var/test-sqlite.db" $(VENV)/bin/pytest --create-db $(SQLITE_TESTS)

es-up: ## Start a local Elasticsearch 8.19 node on loopback (fetched once with Maven) and print its URL
	@bin/elasticsearch-up

lint: install ## ruff, djhtml (templates), makemigrations --check, manage.py check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check templates
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml templates

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
