# Tandem — the two commands: `make run` (platform with demo data on SQLite) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
STAGE ?= alumni

VNU_JAR := .ci/vnu/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: install run test lint messages worker clean system-deps vnu

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv -v0

run: install messages
	$(BIN)/python manage.py migrate --noinput -v0
	@echo "Demo logins (role, e-mail, password):"
	@$(BIN)/python manage.py demo --stage $(STAGE)
	@echo
	@echo "Tandem runs at http://$(HOST):$(PORT)/  (log in at http://$(HOST):$(PORT)/accounts/login/)"
	@echo "E-mails are printed here by the task worker, which runs beside the server; Ctrl-C stops both."
	@# The worker sends the queued e-mails; the trap stops it together with the server.
	@$(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Chromium and gettext come from Debian (installed here when run as root).
system-deps:
	@.ci/system-deps

# The Nu HTML Checker for tests/test_valid_html.py (npm package vnu-jar, run with Java),
# installed into .ci/vnu at the version its package-lock.json names; never at run time.
vnu: $(VNU_JAR)

$(VNU_JAR): .ci/vnu/package.json .ci/vnu/package-lock.json
	cd .ci/vnu && npm ci --no-audit --no-fund --loglevel=error
	touch $(VNU_JAR)

# Coverage of src/tandem is measured and printed on every run (files fully covered left out).
test: system-deps install messages
	$(BIN)/python -m pytest --cov=tandem --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	$(BIN)/python manage.py run_worker

clean:
	rm -rf $(VENV) var
