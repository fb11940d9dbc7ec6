# Conciergerie de territoire: developer commands. See README.md.
PYTHON ?= python3
DB ?= conciergerie
PORT ?= 8069

.PHONY: test run bench lint install-deps help

help:
	@echo "make test   run every test and check (fresh database, dropped at the end)"
	@echo "make run    local Odoo server on a demo database ($(DB)) at http://localhost:$(PORT)"
	@echo "make bench  benchmarks against stock Odoo (see bench/README.md)"
	@echo "make lint   linters only (pre-commit)"

test:
	$(PYTHON) scripts/run_tests.py

run:
	$(PYTHON) scripts/run_server.py --db $(DB) --port $(PORT)

bench:
	$(PYTHON) bench/run_bench.py

lint:
	pre-commit run --all-files

install-deps:
	$(PYTHON) -m pip install -r requirements.txt
