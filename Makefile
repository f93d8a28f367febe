# Two set-up commands on a fresh machine: `make serve` and `make test` (README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA_DIR ?= ./data

.PHONY: install serve lint test test-sqlite coverage bench clean

$(BIN)/openlux: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/openlux

install: $(BIN)/openlux

serve: install
	$(BIN)/openlux serve --data-dir $(DATA_DIR)

# Style and types, before any test runs (CI runs `make test`, so CI enforces them). Configuration:
# [tool.ruff] and [tool.mypy] in pyproject.toml; why those rules: docs/development.md.
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# Runs the whole suite on SQLite and, when a PostgreSQL server is reachable (scripts/pg-test-db),
# on PostgreSQL too. CI sets OPENLUX_REQUIRE_POSTGRES=1 so that a missing server fails instead of skipping.
# TEST_WORKERS pytest-xdist processes (one per core; CI has 2); each test module stays in one worker
# (--dist loadscope) so module-scoped servers start once. TEST_WORKERS=0 runs in this process.
# 4 workers finished ~7% sooner (609 s vs 649 s) but SQLite's busy timeouts then expired under the
# load (one "database is locked" in a CI run), so CI keeps one per core.
TEST_WORKERS ?= 2
# Bytecode is cached (__pycache__/, ignored by git) even where the environment sets
# PYTHONDONTWRITEBYTECODE: otherwise every xdist worker and every `openlux` process the tests start
# compiles OpenLux's sources again (~0.4 s each) and pytest rewrites every test module's asserts again.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest
test: install lint
	$(PYTEST) -q -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

# The suite with a coverage report (term + coverage.json), both backends when PostgreSQL answers.
coverage: install
	$(PYTEST) -q -n $(TEST_WORKERS) --dist loadscope --cov --cov-report=term --cov-report=json $(PYTEST_ARGS)

# Every benchmark in bench/ at a size that takes a few minutes in all; writes docs/performance.md
# (figures beside their same-run baselines, the machine, the command reproducing each).
# Uses wrk, and Postfix's smtp-sink/smtp-source with stunnel when installed (apt-get install wrk
# postfix stunnel4); PostgreSQL from scripts/postgres-for-tests.
bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
