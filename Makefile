# Routine tasks for the summit dashboard. `make help` lists them; `make test` is what CI runs.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
PORT ?= 8501
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install, so the venv is rebuilt when a requirements file changes.
STAMP := $(VENV)/.installed
# The interface's languages besides English, each with a catalogue in summit/locale (summit/i18n.py).
LANGUAGES := fr uk

.PHONY: help venv browser run test lint format validate schema messages bench mutation

help: ## List the targets with what they do
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-zA-Z_-]*:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

venv: $(STAMP) ## Create .venv with the app and dev tools from requirements-dev.txt

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -r requirements-dev.txt
	touch $@

browser: ## Install Debian's Chromium for the browser tests (no-op when present)
	bash scripts/install-browser.sh

run: $(STAMP) ## Serve the dashboard on http://localhost:8501 (bundled data, or SUMMIT_DATA=dir)
	$(BIN)/streamlit run app.py --server.port $(PORT)

test: $(STAMP) browser lint ## Install what tests need, lint, then run all tests (browser tests too)
	$(BIN)/python -m pytest

lint: $(STAMP) ## Check lint rules and formatting with ruff (changes nothing)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Format the code and apply ruff's safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

validate: $(STAMP) ## Validate the data files and report every problem
	$(BIN)/python -m summit validate

schema: $(STAMP) ## Regenerate the JSON Schemas in schema/ from the data model
	$(BIN)/python -m summit schema

messages: $(STAMP) ## Extract the interface text (babel.cfg) into summit/locale/messages.pot and update each catalogue
	mkdir -p summit/locale
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width 120 --project summit-dashboard \
		--msgid-bugs-address "" -o summit/locale/messages.pot .
	for lang in $(LANGUAGES); do \
		if [ -f summit/locale/$$lang/LC_MESSAGES/messages.po ]; then \
			$(BIN)/pybabel update -i summit/locale/messages.pot -d summit/locale -l $$lang --no-fuzzy-matching \
				--ignore-obsolete --width 120; \
		else $(BIN)/pybabel init -i summit/locale/messages.pot -d summit/locale -l $$lang --width 120; fi; \
	done

bench: $(STAMP) browser ## Benchmark load, reruns, payloads, browser times; writes bench/results.json (BENCH_ARGS=--help)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

mutation: $(STAMP) ## Mutation score of the non-browser tests over the counting, filter, validation, export and map code (not in CI)
	$(BIN)/python -m pip install --disable-pip-version-check --progress-bar off -q -r requirements-mutation.txt
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 > mutants.log 2>&1 || { tail -c 2000 mutants.log; exit 1; }
	$(BIN)/mutmut export-cicd-stats > /dev/null
	$(BIN)/python scripts/mutation_score.py
