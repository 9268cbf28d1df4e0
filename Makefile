# rankledger — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OPENAPI_LINT := tools/openapi-lint
OPENAPI_LINT_STAMP := $(OPENAPI_LINT)/node_modules/.installed

.DEFAULT_GOAL := help
CHROMIUM := /usr/bin/chromium
.PHONY: help serve test lint typecheck lint-openapi pytest chromium openapi bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

serve: $(STAMP) ## Run the API on http://127.0.0.1:8000 (first start builds the warehouse from seeds/)
	$(BIN)/rankledger serve

test: $(STAMP) lint typecheck lint-openapi pytest ## Lint, type-check, lint the OpenAPI document, run the tests

lint: $(STAMP) ## ruff lint and format check; hadolint and kubernetes-validate on deploy/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint deploy/Dockerfile
	$(BIN)/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

typecheck: $(STAMP) ## mypy --strict on ingest/, service/ and tests/
	$(BIN)/mypy

# Spectral from npm, pinned by package-lock.json; --ignore-scripts: no install-time scripts run.
$(OPENAPI_LINT_STAMP): $(OPENAPI_LINT)/package.json $(OPENAPI_LINT)/package-lock.json
	cd $(OPENAPI_LINT) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(OPENAPI_LINT_STAMP)

lint-openapi: $(OPENAPI_LINT_STAMP) ## Lint openapi/openapi.json: Spectral's recommended rules, no warning allowed
	cd $(OPENAPI_LINT) && npm run --silent lint

pytest: $(STAMP) chromium ## The test suite only
	$(BIN)/pytest

# The dashboard's browser test drives Debian's chromium through Playwright (never `playwright install`).
chromium: ## Install Debian's chromium for the browser test when it is missing (apt-get, as root)
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
			|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }; \
		else \
			echo "$(CHROMIUM) is missing: run 'sudo apt-get install chromium' (the browser test needs it)" >&2; \
		fi; \
	fi

openapi: $(STAMP) ## Record the example responses (seeded warehouse) and regenerate openapi/openapi.json
	$(BIN)/python -m service.openapi_examples
	$(BIN)/rankledger openapi --out openapi/openapi.json

bench: $(STAMP) ## Run the benchmarks under bench/ (figures, not pass/fail)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean: ## Remove the virtualenv, the linter's node_modules and the local data directory
	rm -rf $(VENV) $(OPENAPI_LINT)/node_modules data
