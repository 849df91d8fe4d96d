# newspage: two commands.
#   make all   set up .venv, extract every page in seeds/ into data/, run the notebooks, render site/
#   make test  set up .venv the same way and run the whole test suite
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
# pip on this kind of machine warns about absent local mirrors; keep the log readable
QUIET_PIP := 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS := $(sort $(wildcard seeds/*.txt))
PIP_FLAGS := --disable-pip-version-check --no-input -q

.PHONY: all venv extract build test mutation lab lock clean

all: extract build

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) -c requirements.lock -e '.[test]' $(QUIET_PIP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (newspage)" >/dev/null
	@# an editable install is not byte-compiled as a plain one is: where PYTHONDONTWRITEBYTECODE is set
	@# (CI machines), every process would compile lib/ again (~0.4 s a start: workers, notebooks, tests)
	$(BIN)/python -m compileall -q lib >/dev/null
	@touch $(STAMP)

venv: $(STAMP)

extract: $(STAMP)
	$(BIN)/newspage extract $(SEEDS) -o data

build: $(STAMP)
	@if $(BIN)/python -c 'import newspage.build' 2>/dev/null; then $(BIN)/newspage build; else echo "notebook build not available yet"; fi

# on every core: pytest-xdist, one worker per core, a test file's tests together on one worker (tests/conftest.py)
TEST_JOBS ?= auto
test: $(STAMP)
	@# lib/ changed since the install (a working checkout): its bytecode again, else every process the tests
	@# start compiles the changed modules anew where PYTHONDONTWRITEBYTECODE is set (up to ~0.8 s each)
	$(BIN)/python -m compileall -q lib >/dev/null
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadgroup

# Mutation testing of the decision functions listed in bench/mutation/targets.toml (on demand, not in CI).
mutation: $(STAMP)
	$(BIN)/python bench/mutation/run.py

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# Re-resolve the pinned versions (run by hand after changing dependencies).
lock:
	rm -rf .venv-lock && $(PY) -m venv .venv-lock
	.venv-lock/bin/python -m pip install $(PIP_FLAGS) '.[test]' $(QUIET_PIP)
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v '^newspage' | LC_ALL=C sort > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) data site .build-cache .pytest_cache .mutation
