# The two commands a newcomer needs are `make demo` and `make test`.
# `make` alone lists every target with its help.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help
help: ## List the targets and what they do
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt constraints.txt
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the pinned requirements

.PHONY: demo
demo: install ## Set up the demo shop (migrate, demo data, logins) and serve it on 127.0.0.1:8000 with an offline Stripe
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py setup_checkout
	$(BIN)/python manage.py generate_demo_orders --months 4
	$(BIN)/python manage.py run_demo $(HOST):$(PORT)

.PHONY: test
test: install ## Lint, check migrations and run the whole test suite (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: bench
bench: install ## Load-test a 10,000-product shop on 127.0.0.1 (gunicorn + locust); table in bench-results/
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

.PHONY: audit
audit: install ## Audit the pinned requirements for known vulnerabilities (PyPI JSON or OSV; skips, saying why, when neither answers)
	PYTHON=$(BIN)/python scripts/audit-deps

.PHONY: lint
lint: install ## Lint and format the code in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# makemessages skips MEDIA_ROOT and STATIC_ROOT by itself; an --ignore=media pattern
# would also skip the marketplace/media app, whose strings then go untranslated.
.PHONY: messages
messages: install ## Re-extract translatable strings into locale/id and compile them (needs gettext)
	$(BIN)/python manage.py makemessages -l id --add-location=file --ignore=tests --ignore=.venv
	$(BIN)/python manage.py compilemessages -l id --ignore=.venv

.PHONY: clean
clean: ## Remove the virtualenv, the local SQLite database and media
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles
