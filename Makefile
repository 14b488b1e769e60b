# Two commands for a fresh machine: `make demo` and `make test`. Both create the
# virtualenv in .venv and install Storyline with its pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: install demo test bench bench-full quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build examples/demo --db $(DEMO_DB)
	$(BIN)/storyline timeline --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Speed: a fixed 1,000-article subset of Timeline17 by default; `make bench-full` for all of it.
bench: $(STAMP)
	$(BIN)/python bench/build_speed.py $(BENCH_ARGS)

bench-full: $(STAMP)
	$(BIN)/python bench/build_speed.py --full $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
