# Local Compacts — the two commands are `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
APPS := $(notdir $(patsubst %/apps.py,%,$(wildcard src/localcompacts/*/apps.py)))

.PHONY: bootstrap serve serve-prod worker test test-browser lint format messages makemessages migrate seed bench clean

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

bootstrap: $(STAMP) messages
	@mkdir -p var

## Compile the committed .po catalogues into .mo files (pure Python: no gettext tools needed).
messages: $(STAMP)
	@$(BIN)/python scripts/compile_messages.py

## Extract new strings into the .po catalogues (needs GNU gettext's xgettext).
makemessages: $(STAMP)
	@for app in $(APPS); do \
	  (cd src/localcompacts/$$app && mkdir -p locale && PYTHONPATH=$(CURDIR)/src ../../../$(BIN)/django-admin makemessages --settings=localcompacts.config.settings.dev -l fr -l es --no-obsolete --ignore='migrations/*' --ignore='tests/*') || exit 1; \
	done

migrate: bootstrap
	$(MANAGE) migrate --noinput

seed: migrate
	$(MANAGE) seed_demo --if-empty

## Serve the site on http://127.0.0.1:$(PORT) with the embedded SQLite database and a task worker.
serve: seed
	@$(MANAGE) demo_accounts --port $(PORT)
	@$(MANAGE) db_worker --queue-name '*' > var/worker.log 2>&1 & WORKER=$$!; \
	$(MANAGE) enqueue_periodic --loop > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Run the production configuration locally: gunicorn + the task worker.
serve-prod: migrate
	$(MANAGE) collectstatic --noinput --verbosity 0
	@$(MANAGE) db_worker --queue-name '*' > var/worker.log 2>&1 & WORKER=$$!; \
	$(MANAGE) enqueue_periodic --loop > var/scheduler.log 2>&1 & SCHEDULER=$$!; \
	trap "kill $$WORKER $$SCHEDULER 2>/dev/null" EXIT INT TERM; \
	PORT=$(PORT) $(BIN)/gunicorn -c deploy/gunicorn.conf.py localcompacts.config.wsgi

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
	$(MANAGE) makemigrations --check --dry-run --settings=localcompacts.config.settings.test

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

bench: bootstrap
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/catalogue.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
