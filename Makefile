# The README's two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= $(or $(ANCHORSPEND_DB),data/anchorspend.duckdb)
PORT ?= 8501

.PHONY: run test bench demo lint system-packages clean

# --compile-bytecode: machines that set PYTHONDONTWRITEBYTECODE (this one and CI do) never cache .pyc files, so
# every command, test subprocess and server would compile pandas, geopandas and weasyprint from source again
# (measured: 4.2 s of CPU per process importing the stack, 1.5 s with the bytecode compiled once here).
$(VENV)/.runtime: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check uv==0.13.8
	@$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -r requirements.txt
	@$(VENV)/bin/uv pip install -q --python $(PY) --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	@$(VENV)/bin/uv pip install -q --compile-bytecode --python $(PY) -r requirements-dev.txt
	@touch $@

## Install chromium (charts, PDF, browser tests) and poppler-utils (pdftotext, pdftoppm) when missing.
system-packages:
	@bash scripts/system-packages.sh

$(DB): | $(VENV)/.runtime
	@echo "No database at $(DB): building the fictional demo region."
	@$(PY) -m anchorspend demo --db $(DB)

run: $(VENV)/.runtime system-packages $(DB)
	ANCHORSPEND_DB=$(DB) $(VENV)/bin/streamlit run serve.py --server.address 127.0.0.1 --server.port $(PORT)

# Two pytest workers (pytest-xdist), one per core of this machine and CI's: the slowest tests mostly wait on child
# processes (kills, demo builds, Chromium), and one process kept 76% of one core busy. The non-browser suite took
# 856 s in one process and 449 s on two (load average 3-6 both times); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2

test: $(VENV)/.dev system-packages
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Large-data benchmarks read a 10-million-payment demo store, built once by the demo's --scale (bulk path).
BENCH_SCALE ?= 10000000
BENCH_DB ?= bench/out/demo-$(BENCH_SCALE).duckdb
$(BENCH_DB): | $(VENV)/.runtime
	$(PY) -m anchorspend demo --db $(BENCH_DB) --scale $(BENCH_SCALE) --folder bench/out/demo-files

bench: $(VENV)/.dev $(BENCH_DB)
	ANCHORSPEND_BENCH_DB=$(BENCH_DB) $(PY) -m bench $(BENCH_ARGS)

# mypy and sqlfluff also run inside `make test` (tests/test_checks.py); this target runs them alone.
lint: $(VENV)/.dev
	$(VENV)/bin/ruff check anchorspend tests bench app.py serve.py pages
	$(VENV)/bin/mypy
	$(VENV)/bin/sqlfluff lint queries

clean:
	rm -rf $(VENV) .pytest_cache bench/out
