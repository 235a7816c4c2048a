# Two commands on a fresh machine: `make build` and `make test`.
# Both set up everything first (Debian packages if missing, .venv/, the package, node_modules/ for the browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: build test check setup system clean

build: setup
	$(BIN)/reportgen build

test: setup
	$(BIN)/python -m pytest

check: setup
	$(BIN)/reportgen check

setup: system $(STAMP) $(NODE_STAMP)

system:
	@sh scripts/debian-packages.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

clean:
	rm -rf output
