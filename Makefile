# Two commands on a fresh machine: `make build` and `make test`.
# `make build` sets up only what building needs (Debian packages if missing, .venv/ with the package);
# `make test` adds the test tools (PDF readers, Chromium and Node for the browser tests, the test extra).
# Python packages come from the locks in requirements/ (exact versions, hashes required), never from
# whatever is newest today; `make lock` refreshes the locks from pyproject.toml's ranges.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed

.PHONY: build test check golden setup setup-test system system-test lock clean

build: setup
	$(BIN)/reportgen build

test: setup-test
	$(BIN)/python -m pytest

check: setup
	$(BIN)/reportgen check

# After a change meant to alter the examples' pages or PDF text: refresh tests/golden, review its diff.
golden: setup-test
	$(BIN)/python -m pytest -q tests/test_golden.py --update-golden

setup: system $(STAMP)

setup-test: system-test $(STAMP) $(TEST_STAMP) $(NODE_STAMP)

system:
	@sh scripts/debian-packages.sh build

system-test:
	@sh scripts/debian-packages.sh test

# --require-hashes: every package, dependencies included, must be in the lock with its hash, or pip
# refuses the install. reportgen itself is then installed without resolving anything again
# (--no-deps) and built with the locked setuptools (--no-build-isolation).
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --only-binary=:all:
PIP_SELF := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

$(STAMP): pyproject.toml requirements/app.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_LOCKED) -r requirements/app.txt
	$(PIP_SELF)
	@touch $(STAMP)

$(TEST_STAMP): pyproject.toml requirements/test.txt $(STAMP)
	$(PIP_LOCKED) -r requirements/test.txt
	$(PIP_SELF)
	@touch $(TEST_STAMP)

# Refresh the locks after changing a range in pyproject.toml, or to take newer releases on purpose
# (then run `make test` and commit requirements/ with the change). The test lock is resolved first;
# the build lock is held to the same versions.
UV := $(VENV)/lock-tool/bin/uv
UV_COMPILE := $(UV) pip compile --quiet --generate-hashes --universal --python-version 3.11

lock:
	test -x $(UV) || ($(PYTHON) -m venv $(VENV)/lock-tool && \
		$(VENV)/lock-tool/bin/python -m pip install --quiet --require-hashes -r requirements/lock-tool.txt)
	$(UV_COMPILE) pyproject.toml requirements/tools.in --extra test -o requirements/test.txt
	$(UV_COMPILE) pyproject.toml requirements/tools.in -c requirements/test.txt -o requirements/app.txt

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $(NODE_STAMP)

clean:
	rm -rf output
