# Two commands on a fresh machine: `make build` and `make test`.
# `make build` sets up only what building needs (Debian packages if missing, .venv/ with the package);
# `make test` adds the test tools (PDF readers, Chromium and Node for the browser tests, the test extra).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

.PHONY: build test check setup setup-test system system-test clean

build: setup
	$(BIN)/reportgen build

test: setup-test
	$(BIN)/python -m pytest

check: setup
	$(BIN)/reportgen check

setup: system $(STAMP)

setup-test: system-test $(STAMP) $(TEST_STAMP) $(NODE_STAMP)

system:
	@sh scripts/debian-packages.sh build

system-test:
	@sh scripts/debian-packages.sh test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(STAMP)

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(TEST_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

clean:
	rm -rf output
