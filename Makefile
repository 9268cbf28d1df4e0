# rankledger — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help serve test lint typecheck pytest openapi bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

serve: $(STAMP) ## Run the API on http://127.0.0.1:8000 (first start builds the warehouse from seeds/)
	$(BIN)/rankledger serve

test: $(STAMP) lint typecheck pytest ## Lint, type-check and run the whole test suite

lint: $(STAMP) ## ruff lint and format check; hadolint and kubernetes-validate on deploy/
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint deploy/Dockerfile
	$(BIN)/kubernetes-validate --strict --quiet deploy/k8s/*.yaml

typecheck: $(STAMP) ## mypy --strict on ingest/ and service/
	$(BIN)/mypy

pytest: $(STAMP) ## The test suite only
	$(BIN)/pytest

openapi: $(STAMP) ## Regenerate openapi/openapi.json from the app
	$(BIN)/rankledger openapi --out openapi/openapi.json

bench: $(STAMP) ## Run the benchmarks under bench/ (figures, not pass/fail)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/api.py

clean: ## Remove the virtualenv and the local data directory
	rm -rf $(VENV) data
