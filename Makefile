# Conciergerie de territoire: developer commands. See README.md.
PYTHON ?= python3
DB ?= conciergerie
PORT ?= 8069
URL ?= http://127.0.0.1:$(PORT)
# Production (docker-compose.prod.yml, settings in .env): see README, "Deployment".
PROD = docker compose -f docker-compose.prod.yml

.PHONY: test run bench lint screenshots install-deps help env backup restore upgrade prod-backup prod-restore prod-upgrade

help:
	@echo "make test   run every test and check (fresh database, dropped at the end)"
	@echo "make run    local Odoo server on a demo database ($(DB)) at http://localhost:$(PORT)"
	@echo "make bench  benchmarks against stock Odoo (see bench/README.md)"
	@echo "make lint   linters only (pre-commit)"
	@echo "make screenshots  the README's pictures from a running demo (URL=$(URL))"
	@echo "make env    production settings: .env with generated passwords (never overwritten)"
	@echo "make backup one archive of $(DB) (database and filestore) in backups/"
	@echo "make restore FILE=backups/x.zip [DB=name]  bring an archive back (FORCE=1 replaces $(DB))"
	@echo "make upgrade  back up $(DB), then update the modules to the code on disk (Odoo's -u)"
	@echo "make prod-backup | prod-restore FILE=backups/x.zip [DB=name] [FORCE=1] | prod-upgrade"
	@echo "             the same in production (docker-compose.prod.yml)"

test:
	$(PYTHON) scripts/run_tests.py

run:
	$(PYTHON) scripts/run_server.py --db $(DB) --port $(PORT)

bench:
	$(PYTHON) bench/run_bench.py

screenshots:
	$(PYTHON) scripts/screenshots.py --url $(URL)

lint:
	pre-commit run --all-files

env:
	$(PYTHON) scripts/make_env.py

backup:
	$(PYTHON) scripts/backup.py backup --db $(DB)

restore:
	@test -n "$(FILE)" || { echo "make restore FILE=backups/<archive>.zip [DB=name] [FORCE=1]"; exit 2; }
	$(PYTHON) scripts/backup.py restore "$(FILE)" --db $(DB) $(if $(FORCE),--force)

upgrade: backup
	$(PYTHON) scripts/run_server.py --db $(DB) --upgrade --stop-after-init

prod-backup:
	$(PROD) run --rm --no-deps backup python3 /mnt/scripts/backup.py --config-from-env backup --dir /mnt/backups

prod-restore:
	@test -n "$(FILE)" || { echo "make prod-restore FILE=backups/<archive>.zip [DB=name] [FORCE=1]"; exit 2; }
	$(PROD) stop odoo backup
	$(PROD) run --rm --no-deps backup python3 /mnt/scripts/backup.py --config-from-env restore \
		"/mnt/backups/$(notdir $(FILE))" $(if $(filter command line,$(origin DB)),--db $(DB)) $(if $(FORCE),--force)
	$(PROD) up -d

prod-upgrade: prod-backup
	$(PROD) stop odoo
	$(PROD) run --rm --no-deps odoo python3 /mnt/scripts/start_odoo.py --config-from-env -c /etc/odoo/odoo.conf \
		--production --upgrade --stop-after-init
	$(PROD) up -d

install-deps:
	$(PYTHON) -m pip install -r requirements.txt
