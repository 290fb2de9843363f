# Tandem — the two commands: `make run` (platform with demo data on SQLite) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
STAGE ?= training

.PHONY: install run test lint messages worker clean

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
	@echo "E-mails are printed here; background tasks run in '$(BIN)/python manage.py db_worker'."
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Coverage of src/tandem is measured and printed on every run (files fully covered left out).
test: install messages
	$(BIN)/python -m pytest --cov=tandem --cov-report=term:skip-covered $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run

worker: install
	$(BIN)/python manage.py db_worker

clean:
	rm -rf $(VENV) var
