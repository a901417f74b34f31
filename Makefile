# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
DEMO_OUT := out/demo

.PHONY: install demo test bench clean

install: $(INSTALLED)

# Re-install only when the dependency list changes; pins live in pyproject.toml.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(INSTALLED)
	$(BIN)/storylens analyze examples/corpus --out $(DEMO_OUT)
	@echo "Report: $(DEMO_OUT)/index.html (stories as JSON: $(DEMO_OUT)/stories.json)"

test: $(INSTALLED)
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
