# The two commands of the README, and what they need. Every target sets up what it
# needs, idempotently: a virtual environment, the Python packages, a browser, Mailpit.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

TARGET ?= reference
TAGS   ?=
HEADED ?=
WORKERS ?=
MAIL    ?=
EXPLORE ?=

.PHONY: run test unit coverage docs lint serve serve-pl serve-foreign serve-allauth setup tools clean help ci-local

help:
	@echo "make run    run the whole specification against the reference app, write reports/latest"
	@echo "make test   run the tests (lint, then pytest, including the behave suite)"
	@echo "make unit   the fast tests only (no browser), with their coverage"
	@echo "make coverage  the unit tests and a whole behave run, with the harness's coverage by package"
	@echo "make docs   build the reference pages (docs/) as a site in .cache/site"
	@echo "make lint   ruff over the whole tree"
	@echo "make ci-local  what CI does (.github/workflows/specification.yml): SHARDS=2 shards at once, then the merge"
	@echo "make serve  start the reference stack to click through (Ctrl-C stops it)"
	@echo "make serve-pl  start Bazaar in Polish as an external target (see README)"
	@echo "make serve-foreign  start the Flask-Security shop, its Mailpit and the webmail (ports 5200-5203)"
	@echo "make serve-allauth  start the django-allauth shop, its Mailpit and the webmail (ports 5300-5303)"
	@echo "Options: TARGET=path/to/profile.toml  TAGS=@REG-08  HEADED=1  WORKERS=2  MAIL=maildev  EXPLORE=2m"

run: setup
	$(PY) -m mailflow_specs run --target $(TARGET) $(if $(TAGS),--tags "$(TAGS)") $(if $(HEADED),--headed) $(if $(WORKERS),--workers $(WORKERS)) $(if $(MAIL),--mail $(MAIL)) $(if $(EXPLORE),--explore $(EXPLORE))

# The tests run in as many pytest processes as the machine has cores, a file at a time in
# each, the longest files first (tests/conftest.py): the whole-specification run, the Polish
# and the foreign target run side by side.
TEST_PROCESSES ?= auto

test: setup lint
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist loadfile --no-loadscope-reorder

unit: setup
	$(PY) -m pytest tests/unit --cov=mailflow_specs --cov=reference_app --cov=webmail --cov-branch --cov-report=term:skip-covered

# The unit tests, then the whole specification in one behave process (the harness's own code is
# measured in it; the reference app and the webmail run as processes of their own), then the
# harness's coverage by package.
coverage: setup
	rm -f .coverage .coverage.*
	$(PY) -m pytest tests/unit -q --cov=mailflow_specs --cov=reference_app --cov=webmail --cov-branch --cov-report=
	MAILFLOW_WORKERS=1 $(VENV)/bin/coverage run --append --branch --source=mailflow_specs -m mailflow_specs run \
	  --reports .cache/coverage-run $(if $(TAGS),--tags "$(TAGS)") || true
	$(VENV)/bin/coverage report --skip-covered --sort=cover | tail -25
	$(PY) benchmarks/coverage_by_package.py

# The CI workflow's steps in its order, here: a Mailpit for the service container, the shards
# as parallel processes, the merge; the merged report and JUnit in .cache/ci/runs/merged/latest.
SHARDS ?= 2

ci-local: setup
	OUT=.cache/ci PY=$(PY) TARGET=$(TARGET) TAGS="$(TAGS)" .ci/specification local $(SHARDS)

# The reference pages (docs/) as a site in .cache/site; --strict: a broken link fails it.
docs: setup
	$(VENV)/bin/mkdocs build --strict --quiet

lint: $(STAMP)
	$(VENV)/bin/ruff check .

serve: setup
	$(PY) -m mailflow_specs serve --target $(TARGET)

# Bazaar in Polish, as an external target on fixed ports (profile: fixtures/targets/bazaar-pl.toml).
serve-pl: setup
	$(PY) -m mailflow_specs serve --port-base 5100 --setting LANGUAGE=pl --setting ACCOUNT_AGING_SEAM=false

# A foreign implementation (examples/flask_security_shop/, on Flask-Security-Too) as an external
# target on fixed ports: shop 5200, webmail 5201, Mailpit API 5202, SMTP 5203
# (profile: fixtures/targets/flask-security.toml). Ctrl-C or SIGTERM stops all of it.
serve-foreign: setup
	exec $(PY) -m mailflow_specs serve --mail-only --port-base 5200 \
	  --target-command "$(PY) -m examples.flask_security_shop --port 5200 --smtp 127.0.0.1:5203 --test-mode"

# A second foreign implementation of another shape (examples/allauth_shop/, Django and django-allauth
# in Bootstrap 5 markup) on fixed ports: shop 5300, webmail 5301, Mailpit API 5302, SMTP 5303
# (profile: fixtures/targets/allauth.toml). Ctrl-C or SIGTERM stops all of it.
serve-allauth: setup
	exec $(PY) -m mailflow_specs serve --mail-only --port-base 5300 \
	  --target-command "$(PY) -m examples.allauth_shop --port 5300 --smtp 127.0.0.1:5303 --test-mode"

setup: $(STAMP) tools

# One line per step with its time; what each step printed (pip's output, setuptools'
# warnings, the installers' commands) goes to the log.
SETUP_LOG := .cache/setup.log
STEP      := .ci/timed-step $(SETUP_LOG)

$(STAMP): pyproject.toml
	@$(STEP) "virtual environment" sh -c 'test -x $(PY) || $(PYTHON) -m venv $(VENV)'
	@$(STEP) "pip" $(PY) -m pip install --upgrade pip
	@$(STEP) "python packages" $(PY) -m pip install -e '.[dev]'
	@touch $@

# Checked on every call (instant when both are there): a browser and the mail catchers.
tools: $(STAMP)
	@$(STEP) "browser" $(PY) -m mailflow_specs.run.install --only browser
	@$(STEP) "mail catchers" $(PY) -m mailflow_specs.run.install --only mail
	@echo "set-up details: $(SETUP_LOG)"

clean:
	rm -rf $(VENV) .cache reports
