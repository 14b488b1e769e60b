# Two commands for a fresh machine: `make demo` and `make test`. Both create the
# virtualenv in .venv and install Storyline with its pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DEMO_DB ?= demo.db

.PHONY: install demo test bench bench-full bench-web quality screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m pip install --quiet --no-deps tilse==0.2.1  # Timeline17 metrics only (see pyproject)
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/storyline build examples/demo --db $(DEMO_DB)
	$(BIN)/storyline stories --db $(DEMO_DB)
	$(BIN)/storyline timeline --db $(DEMO_DB) --story 1
	@echo
	@echo "Open the web UI with:  $(BIN)/storyline serve --db $(DEMO_DB)   (then http://127.0.0.1:8000/)"

# The browser tests drive Debian's Chromium (Playwright cannot download browsers here).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) apt-get install -y -qq chromium

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -q

# Speed: a fixed 1,000-article subset of Timeline17 by default; `make bench-full` for all of it.
# Then the time to add one article to a knowledge base of 100,000 (replicas of the same articles).
bench: $(STAMP)
	$(BIN)/python bench/build_speed.py $(BENCH_ARGS)
	$(BIN)/python bench/quality_events.py --scale 100000

# Server time of every page on a built knowledge base: make bench-web DB=t17.db
bench-web: $(STAMP)
	$(BIN)/python bench/web_speed.py $(DB)

bench-full: $(STAMP)
	$(BIN)/python bench/build_speed.py --full $(BENCH_ARGS)
	$(BIN)/python bench/quality_events.py --scale 100000 --full

# Quality on the evaluation data in ../shared/data, written to docs/quality.md.
quality: $(STAMP)
	$(BIN)/python bench/quality.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache

# Screenshots of each page for the README, from the seeds' knowledge base.
screenshots: $(STAMP) $(CHROMIUM)
	$(BIN)/python tools/screenshots.py
