# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_OUT := out/demo

CHROMIUM ?= /usr/bin/chromium

.PHONY: install browser postgres demo test bench clean

install: $(INSTALLED)

# Re-install only when the dependency list (pyproject.toml, or the extras named here) changes.
$(INSTALLED): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

demo: $(INSTALLED)
	$(BIN)/storylens analyze examples/corpus --out $(DEMO_OUT)
	@echo "Report: $(DEMO_OUT)/index.html (stories as JSON: $(DEMO_OUT)/stories.json)"

# The browser tests drive Debian's chromium through Playwright (never a browser download): as
# root, install it when it is missing; otherwise those tests skip and say why.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	      || echo "chromium could not be installed: the browser tests will skip"; \
	  else echo "no $(CHROMIUM) and not root: the browser tests will skip"; fi; \
	fi

# The store tests also run against a throwaway PostgreSQL server they start themselves
# (tests/postgres_server.py) from Debian's postgresql package: as root, install it when initdb
# is missing; otherwise those tests skip and say why.
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql \
	      || echo "postgresql could not be installed: the PostgreSQL tests will skip"; \
	  else echo "no PostgreSQL server binaries (initdb) and not root: the PostgreSQL tests will skip"; fi; \
	fi

test: $(INSTALLED) browser postgres
	$(BIN)/python -m pytest

# The quick ones; bench/cluster_scale.py (100k records) and bench/stance.py (retrains) take longer.
bench: $(INSTALLED)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/textdump_quality.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/attribution.py
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/seeds.py

clean:
	rm -rf $(VENV) out build src/*.egg-info .pytest_cache
