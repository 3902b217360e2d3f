# The I-SAF portal. `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# System packages: gettext for messages, Pango/HarfBuzz for PDFs, ffmpeg for voice
# clips (rewrapping browsers' WebM recordings as Ogg Opus, making the demo's
# clips), poppler for checking PDFs, Chromium for the browser tests.
APT_RUNTIME := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 ffmpeg
APT_TEST := chromium poppler-utils fonts-dejavu-core

.PHONY: install install-test run test bench worker beat messages update-messages sweep-print-jobs lint clean

install: $(VENV)/.installed messages

$(VENV)/.installed: pyproject.toml
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(APT_RUNTIME); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi
	@test -x $(PY) || python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	@# The project is not a package: install its pinned dependencies, dev ones included.
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["dev"]))' > $(VENV)/requirements.txt
	$(PIP) install -q -r $(VENV)/requirements.txt
	@touch $@

install-test: install
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	  if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi
	@# axe-core (the accessibility checks of tests/e2e), pinned by package-lock.json.
	@if ! command -v npm >/dev/null && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; \
	fi
	@{ test -d node_modules/axe-core && test -d node_modules/world-atlas; } || npm ci --no-audit --no-fund

# Compiled with msgfmt directly: it needs no settings, so it works before any
# configuration exists (manage.py would ask for SECRET_KEY).
messages: $(VENV)/.installed
	@for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check-format -o "$${po%.po}.mo" "$$po" || exit 1; done

run: install
	DEBUG=$${DEBUG:-1} $(MANAGE) migrate --no-input -v 0
	DEBUG=$${DEBUG:-1} $(MANAGE) load_gazetteer
	DEBUG=$${DEBUG:-1} $(MANAGE) load_demo
	@echo
	@echo "  I-SAF portal: http://$(HOST):$(PORT)/  (Khmer: /km/, English: /en/)"
	@echo "  Demo sign-ins (password isaf-demo): ncdd (secretariat), councillor (Krang Teh), facilitator, reviewer (Mondulkiri)"
	@echo
	@# Links in e-mails and Telegram messages point at this server (SITE_URL).
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(MANAGE) runserver $(HOST):$(PORT)

# The benchmark table of DESIGN.md on the national data set (PostgreSQL).
bench: install
	@test -n "$$DATABASE_URL" || { echo "make bench needs DATABASE_URL (PostgreSQL)"; exit 1; }
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	DEBUG=1 $(MANAGE) migrate --no-input -v 0
	DEBUG=1 $(MANAGE) load_gazetteer
	DEBUG=1 $(MANAGE) seed_national --years $${YEARS:-5}
	DEBUG=1 $(MANAGE) seed_scorecards
	$(PY) bench/i4c_bench.py
	$(PY) bench/boards.py
	$(PY) bench/load.py
	$(PY) bench/dashboard.py
	$(PY) bench/posters.py
	$(PY) bench/finder.py
	$(PY) bench/workbook.py
	$(PY) bench/field.py

test: install-test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

worker: install
	@test -n "$$REDIS_URL" || { echo "make worker needs REDIS_URL"; exit 1; }
	$(VENV)/bin/celery -A isaf worker --loglevel=INFO --concurrency=$${WORKERS:-2}

# The periodic jobs (sweeps, digests): one beat per deployment, beside the workers.
beat: install
	@test -n "$$REDIS_URL" || { echo "make beat needs REDIS_URL"; exit 1; }
	$(VENV)/bin/celery -A isaf beat --loglevel=INFO

# Re-queue print jobs whose worker died or that never reached the broker (Celery
# beat also does this every minute).
sweep-print-jobs: install
	$(MANAGE) sweep_print_jobs

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

# Collect new strings into the catalogues (run after changing UI text), then translate
# the new Khmer entries: CI refuses a catalogue with untranslated or fuzzy entries.
update-messages: $(VENV)/.installed
	DEBUG=1 $(MANAGE) makemessages -l km -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=tests
