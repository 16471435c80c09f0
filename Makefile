# Two commands a newcomer needs: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= test,dev,postgres,text,docs,plot,service

.PHONY: demo test bench lint format clean

$(BIN)/accords: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[$(EXTRAS)]'
	bash scripts/install-text-models.sh $(VENV)
	@touch $@

demo: $(BIN)/accords
	$(BIN)/accords demo

test: $(BIN)/accords
	$(BIN)/python -m pytest -q

bench: $(BIN)/accords
	$(BIN)/python benchmarks/ledger.py
	$(BIN)/python benchmarks/draft.py
	$(BIN)/python benchmarks/analysis.py
	$(BIN)/python benchmarks/simulate.py
	$(BIN)/python benchmarks/text.py
	$(BIN)/python benchmarks/service.py

lint: $(BIN)/accords
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(BIN)/accords
	$(BIN)/ruff check --fix src tests benchmarks
	$(BIN)/ruff format src tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
