#!/usr/bin/env python3
"""Run Odoo's own test suites of the modules the project depends on, on a database without
the project and on one with it, and print what differs.

    python3 scripts/stock_suites.py [--modules crm,event,...] [--keep-logs DIR]

Each database is fresh (no demo data, as a new user installs), dropped at the end. The
project's modules are installed first on the second database, then the stock modules' tests
run there (``--test-tags /crm,...``: their at_install and post_install tests). Exit code 1
when a stock test fails only with the project installed.
"""

import argparse
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from odoo_local import PROJECT_MODULES, ROOT, write_local_config

STOCK_MODULES = ("crm", "sales_team", "event", "event_crm", "survey", "portal", "website_crm", "base_automation",
                 "mass_mailing")
OUTCOME = re.compile(r" (?:FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)")
RAN = re.compile(r" (?P<count>\d+) (?:post-)?tests in ")


def run_suites(label, modules, test_modules, workdir):
    """Install ``modules`` with the tests of ``test_modules``; return (tests run, failed test names)."""
    db_name = f"stock_suites_{label}_{time.strftime('%H%M%S')}"
    with socket.socket() as sock:  # a free port for the HttpCase tests' server
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = write_local_config(workdir / f"{label}.conf", workdir / f"{label}-data", db_name, port, tests=True)
    log_path = workdir / f"{label}.log"
    try:
        subprocess.call([
            sys.executable, "-m", "odoo", "-c", str(config), "-d", db_name, "-i", ",".join(modules),
            "--test-enable", "--test-tags", ",".join(f"/{module}" for module in test_modules),
            "--stop-after-init", f"--logfile={log_path}"], cwd=ROOT)
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", db_name], check=False, capture_output=True)
    text = log_path.read_text(errors="replace")
    failed = {match["test"] for match in OUTCOME.finditer(text)}
    ran = sum(int(match["count"]) for match in RAN.finditer(text))
    return ran, failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--modules", default=",".join(STOCK_MODULES), help="stock modules whose tests run")
    parser.add_argument("--keep-logs", type=Path, help="folder where the two Odoo logs are kept")
    args = parser.parse_args()
    stock = tuple(args.modules.split(","))
    workdir = args.keep_logs or Path(tempfile.mkdtemp(prefix="stock-suites-"))
    workdir.mkdir(parents=True, exist_ok=True)
    without_ran, without = run_suites("without", stock, stock, workdir)
    with_ran, with_project = run_suites("with", stock + PROJECT_MODULES, stock, workdir)
    print(f"without the project: {without_ran} tests run, {len(without)} failed")
    print(f"with the project:    {with_ran} tests run, {len(with_project)} failed")
    for name in sorted(without - with_project):
        print(f"  fails only without the project: {name}")
    for name in sorted(with_project - without):
        print(f"  FAILS ONLY WITH THE PROJECT: {name}")
    print(f"logs: {workdir}")
    return 1 if with_project - without else 0


if __name__ == "__main__":
    sys.exit(main())
