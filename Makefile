# Local Compacts — the two commands are `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Exact versions with hashes, written by `make lock` from pyproject.toml: dev.lock is what make
# installs (runtime, demo data, build and test tools), production.lock the runtime alone.
LOCK := requirements/dev.lock
PRODUCTION_LOCK := requirements/production.lock
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade)
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
APPS := $(notdir $(patsubst %/apps.py,%,$(wildcard src/localcompacts/*/apps.py))) config

.PHONY: lock outdated bench-catalogue bench-seed openapi schemathesis bootstrap serve serve-prod worker test test-browser lint format messages makemessages migrate seed bench clean openapi schemathesis

$(STAMP): pyproject.toml $(LOCK)
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

## Re-resolve the lock files from pyproject.toml after a dependency changed (pins that still fit
## are kept; `make lock UPGRADE=1` moves everything to the newest allowed versions).
lock:
	@test -x $(BIN)/uv || { test -d $(VENV) || $(PYTHON) -m venv $(VENV); \
	  $(BIN)/python -m pip install --quiet "uv>=0.5,<0.14"; }
	@mkdir -p requirements
	$(UV_COMPILE) --extra dev --output-file $(LOCK)
	$(UV_COMPILE) --output-file $(PRODUCTION_LOCK)

## Which installed packages have newer releases (then widen pyproject.toml or `make lock UPGRADE=1`).
outdated: $(STAMP)
	@$(BIN)/python -m pip list --outdated --disable-pip-version-check 2>/dev/null

bootstrap: $(STAMP) messages
	@mkdir -p var

## Compile the committed .po catalogues into .mo files (pure Python: no gettext tools needed).
messages: $(STAMP)
	@$(BIN)/python scripts/compile_messages.py

## Extract new strings into the .po catalogues (needs GNU gettext's xgettext).
makemessages: $(STAMP)
	@for app in $(APPS); do \
	  (cd src/localcompacts/$$app && mkdir -p locale && PYTHONPATH=$(CURDIR)/src ../../../$(BIN)/django-admin makemessages --settings=localcompacts.config.settings.dev $$(PYTHONPATH=$(CURDIR)/src $(CURDIR)/$(BIN)/python -m localcompacts.core.languages) --no-obsolete --ignore='migrations/*' --ignore='tests/*') || exit 1; \
	done
	@PYTHONPATH=$(CURDIR)/src $(BIN)/python -m localcompacts.core.catalogues headers

migrate: bootstrap
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo --if-empty

## Serve the site on http://127.0.0.1:$(PORT) with the embedded SQLite database and a task worker.
## PORT reaches the settings, which derive SITE_URL (links in e-mail, citations) from it unless set.
serve: export PORT := $(PORT)
serve: seed
	@$(MANAGE) demo_accounts
	@$(MANAGE) db_worker --queue-name '*' > var/worker.log 2>&1 & WORKER=$$!; \
	$(MANAGE) enqueue_periodic --loop > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Run the production configuration locally: gunicorn + the task worker + the periodic enqueuer,
## with the production settings (SQLite under var/, or DATABASE_URL). Reads ENV_FILE if it exists;
## plain HTTP on 127.0.0.1 unless SECURE_SSL_REDIRECT=true (behind a TLS proxy).
ENV_FILE ?= var/serve-prod.env
serve-prod: bootstrap
	@test -s var/secret_key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	@set -a; if [ -f "$(ENV_FILE)" ]; then . "./$(ENV_FILE)"; fi; set +a; \
	export DJANGO_SETTINGS_MODULE=localcompacts.config.settings.production; \
	export SECRET_KEY="$${SECRET_KEY:-$$(cat var/secret_key)}"; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	$(MANAGE) migrate --noinput && $(MANAGE) collectstatic --noinput --verbosity 0 || exit 1; \
	$(MANAGE) db_worker --queue-name '*' > var/worker.log 2>&1 & WORKER=$$!; \
	$(MANAGE) enqueue_periodic --loop > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py

worker: migrate
	$(MANAGE) db_worker --queue-name '*'

## The whole suite (browser tests included; they skip only where Chromium is missing and CI is not set).
test: bootstrap
	$(BIN)/pytest $(PYTEST_ARGS)

test-browser: bootstrap
	$(BIN)/pytest -m browser $(PYTEST_ARGS)

lint: bootstrap
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(MANAGE) makemigrations --check --dry-run --settings=localcompacts.config.settings.test

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

## Short, loopback-only load and fault runs; each appends its figures to bench/README.md.
bench: bootstrap
	$(BIN)/python bench/concurrency.py --database sqlite
	$(BIN)/python bench/forum_week.py --database sqlite --focal 10 --visitors 40 --duration 60
	$(BIN)/python bench/fault.py worker --emails 150
	$(BIN)/python bench/fault.py report --pledges 500

## Refresh the committed OpenAPI snapshot (src/localcompacts/api/openapi.json) after an API change.
openapi: bootstrap
	$(MANAGE) api_openapi

## Property-based tests of the live API with schemathesis (SCHEMATHESIS_MAX_TIME seconds per run).
schemathesis: bootstrap
	scripts/schemathesis.sh
## Catalogue latency under gunicorn, compared with Datasette (see bench/README.md for sizes).
bench-catalogue: bootstrap
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/catalogue.py $(BENCH_ARGS)

## seed_demo at 5,000 and 500,000 pledges: rows/s and peak memory.
bench-seed: bootstrap
	$(BIN)/python bench/seed.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
