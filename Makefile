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
	# Bytecode for OpenLux's own sources, as pip writes it for installed packages: a fresh clone's first
	# test run would otherwise compile them in every test worker and `openlux` process that starts
	# before the first one wrote __pycache__/ (the editable install compiles nothing).
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q src tests
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
# TEST_WORKERS pytest-xdist processes: one per core plus one. Tests wait on sockets, polls and child
# processes for about a fifth of the run, and the extra worker fills that time: on CI's 2 cores, 3
# workers finished in 399 s where 2 took 429-469 s (same session). 4 workers were no faster (390 s) and
# once let a SQLite busy timeout expire under the load, so the surplus stays at one; measured again at
# 1,916 tests, alternating: 3 workers 287 and 289 s, 4 workers 292 and 287 s. Each test module
# stays in one worker (--dist loadscope) so module-scoped servers start once. TEST_WORKERS=0 runs in
# this process.
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
# Bytecode is cached (__pycache__/, ignored by git) even where the environment sets
# PYTHONDONTWRITEBYTECODE: otherwise every xdist worker and every `openlux` process the tests start
# compiles OpenLux's sources again (~0.4 s each) and pytest rewrites every test module's asserts again.
PYTEST := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest
test: install lint
	$(PYTEST) -q -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

# The suite with a coverage report (term + coverage.json), both backends when PostgreSQL answers.
coverage: install
	$(PYTEST) -q -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder --cov --cov-report=term --cov-report=json $(PYTEST_ARGS)

# Every benchmark in bench/ at a size that takes a few minutes in all; writes docs/performance.md
# (figures beside their same-run baselines, the machine, the command reproducing each).
# Uses wrk, and Postfix's smtp-sink/smtp-source with stunnel when installed (apt-get install wrk
# postfix stunnel4); PostgreSQL from scripts/postgres-for-tests.
bench: install
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
