#!/usr/bin/env python3
"""Run every test and check of the project against a real Odoo 19 and PostgreSQL.

``make test`` calls this script. It:

1. finds Odoo (``import odoo``), otherwise re-runs itself inside ``docker compose``,
   otherwise stops with a message saying how to get Odoo 19;
2. creates a fresh database with a unique name, installs both modules with their
   demo data and runs their ``at_install`` and ``post_install`` tests (tours
   included, in headless Chromium);
3. starts an Odoo server on a free local port on that database and runs the
   top-level ``tests/`` with pytest (external API and scripts);
4. runs the linters through pre-commit;
5. drops the database (also on failure) and prints one line
   ``N passed, N failed`` (``, N skipped`` when some were).

Any failure makes it exit non-zero.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from odoo_local import (
    NO_ODOO_MESSAGE,
    PROJECT_MODULES,
    ROOT,
    database_settings,
    odoo_importable,
    write_local_config,
)

MODULES = PROJECT_MODULES
# Odoo's log line prefix: "2026-01-01 10:00:00,123 4242 LEVEL dbname logger: message"
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d [\d:,]+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$")
TEST_OUTCOME = re.compile(r"^(?P<kind>FAIL|ERROR): (?:Subtest )?(?P<test>[\w.]+)")


def log(message):
    print(f"[make test] {message}", flush=True)


def docker_compose_usable():
    if not shutil.which("docker"):
        return False
    probe = subprocess.run(["docker", "compose", "ps"], cwd=ROOT, capture_output=True, check=False)
    return probe.returncode == 0


def run_in_docker(argv):
    """Run this same script inside the compose Odoo service, against its database service."""
    log("Odoo is not importable here: running the tests inside docker compose")
    command = (
        "pip install --quiet --break-system-packages -r requirements.txt "
        f"&& python3 scripts/run_tests.py {' '.join(argv)}"
    )
    return subprocess.call(
        [
            "docker", "compose", "run", "--rm", "--no-deps", "--user", "root",
            "-v", f"{ROOT}:/src", "-w", "/src",
            "-e", "ODOO_DB_HOST=db", "-e", "ODOO_DB_USER=odoo", "-e", "ODOO_DB_PASSWORD=odoo",
            "--entrypoint", "bash", "odoo", "-c", command,
        ],
        cwd=ROOT,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql_env():
    settings = database_settings()
    env = dict(os.environ)
    if settings["db_host"]:
        env["PGHOST"] = settings["db_host"]
    env["PGPORT"] = settings["db_port"]
    env["PGUSER"] = settings["db_user"]
    if settings["db_password"]:
        env["PGPASSWORD"] = settings["db_password"]
    return env


def drop_database(db_name):
    subprocess.run(["dropdb", "--if-exists", "--force", db_name], env=psql_env(), capture_output=True, check=False)


class Tally:
    """Counts of every test and check, by origin, for the final line."""

    def __init__(self):
        self.passed = Counter()
        self.failed = Counter()
        self.skipped = Counter()

    def add(self, origin, passed=0, failed=0, skipped=0):
        self.passed[origin] += passed
        self.failed[origin] += failed
        self.skipped[origin] += skipped

    def report(self):
        for origin in sorted(set(self.passed) | set(self.failed) | set(self.skipped)):
            passed, failed, skipped = self.passed[origin], self.failed[origin], self.skipped[origin]
            log(f"  {origin}: {passed} passed, {failed} failed, {skipped} skipped")
        line = f"{sum(self.passed.values())} passed, {sum(self.failed.values())} failed"
        if sum(self.skipped.values()):
            line += f", {sum(self.skipped.values())} skipped"
        return line


def run_module_tests(config_path, db_name, workdir, tally, modules):
    """Install the modules with tests enabled; count tests per module from Odoo's log."""
    log_path = workdir / "odoo-tests.log"
    command = [
        sys.executable, "-m", "odoo", "-c", str(config_path), "-d", db_name,
        "-i", ",".join(modules), "--with-demo", "--test-enable",
        "--test-tags", ",".join(f"/{module}" for module in modules),
        "--stop-after-init", "--log-level=info", f"--logfile={log_path}",
    ]
    log(f"installing {', '.join(modules)} with tests in database {db_name}")
    started = time.time()
    returncode = subprocess.call(command, cwd=ROOT)
    log(f"module tests finished in {time.time() - started:.0f}s (exit code {returncode})")

    tests_per_module, skipped_per_module = Counter(), Counter()
    failures_per_module = {module: set() for module in modules}  # failed test names (subtests fold into one)
    unexpected_errors = []
    with log_path.open(errors="replace") as handle:
        for line in handle:
            match = LOG_LINE.match(line)
            if not match:
                continue
            logger_name, message, level = match["logger"], match["msg"], match["level"]
            module = next((m for m in modules if logger_name.startswith(f"odoo.addons.{m}.")), None)
            if module and message.startswith("Starting ") and ".tests." in logger_name:
                tests_per_module[module] += 1  # one per test method (subtests are not counted)
            elif module and (outcome := TEST_OUTCOME.match(message)):
                failures_per_module[module].add(outcome["test"])
                print(line.rstrip())
            elif module and message.startswith("skipped "):
                skipped_per_module[module] += 1
                print(line.rstrip())
            elif level in ("ERROR", "CRITICAL") and logger_name != "odoo.tests.result":
                unexpected_errors.append(line.rstrip())
    for line in unexpected_errors:
        print(line)
    for module in modules:
        failed = len(failures_per_module[module])
        skipped = skipped_per_module[module]
        passed = max(tests_per_module[module] - failed - skipped, 0)
        tally.add(f"module {module}", passed=passed, failed=failed, skipped=skipped)
        if not tests_per_module[module]:
            log(f"no test ran for module {module}")
            tally.add(f"module {module}", failed=1)
    # Errors logged outside any test (install crash, bad data file) fail the run too.
    stray_errors = [line for line in unexpected_errors if "odoo.addons." not in line or ".tests." not in line]
    if (returncode and not any(failures_per_module.values())) or stray_errors:
        log(f"Odoo reported errors outside the tests (full log: {log_path})")
        tally.add("odoo install", failed=1)
    else:
        tally.add("odoo install", passed=1)


def wait_for_server(url, process, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/web/health", timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(1)
    return False


def run_pytest(config_path, db_name, http_port, workdir, tally):
    """Start a server on the test database and run tests/ against it."""
    url = f"http://127.0.0.1:{http_port}"
    server_log = workdir / "odoo-server.log"
    server = subprocess.Popen(
        [sys.executable, "-m", "odoo", "-c", str(config_path), "-d", db_name, f"--logfile={server_log}"],
        cwd=ROOT, start_new_session=True,
    )
    try:
        if not wait_for_server(url, server):
            log(f"the Odoo server did not start (log: {server_log})")
            tally.add("tests/ (pytest)", failed=1)
            return
        junit = workdir / "pytest.xml"
        env = dict(os.environ, ODOO_URL=url, ODOO_DB=db_name, ODOO_CONFIG=str(config_path))
        returncode = subprocess.call(
            [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", "-p", "no:odoo",
             f"--junitxml={junit}"],
            cwd=ROOT, env=env,
        )
        if not junit.exists():
            tally.add("tests/ (pytest)", failed=1)
            return
        suite = ET.parse(junit).getroot()
        suite = suite.find("testsuite") if suite.tag == "testsuites" else suite
        total, skipped = int(suite.get("tests")), int(suite.get("skipped"))
        failed = int(suite.get("failures")) + int(suite.get("errors"))
        tally.add("tests/ (pytest)", passed=total - failed - skipped, failed=failed, skipped=skipped)
        if not total or (returncode and not failed):
            tally.add("tests/ (pytest)", failed=1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def run_linters(tally):
    """pre-commit on every file; each hook is one check."""
    if not shutil.which("pre-commit"):
        log("pre-commit is not installed: pip install -r requirements.txt")
        tally.add("lint (pre-commit)", failed=1)
        return
    result = subprocess.run(
        ["pre-commit", "run", "--all-files", "--show-diff-on-failure", "--color=never"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    outcomes = re.findall(r"\.(Passed|Failed|Skipped)$", result.stdout, re.MULTILINE)
    tally.add(
        "lint (pre-commit)",
        passed=outcomes.count("Passed"), failed=outcomes.count("Failed"), skipped=outcomes.count("Skipped"),
    )
    if result.returncode and not outcomes.count("Failed"):
        tally.add("lint (pre-commit)", failed=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--module", action="append", choices=MODULES, help="only this module's tests (repeatable)")
    parser.add_argument("--no-pytest", action="store_true", help="skip tests/ (external API)")
    parser.add_argument("--no-lint", action="store_true", help="skip the linters")
    parser.add_argument("--keep-db", action="store_true", help="keep the test database for inspection")
    parser.add_argument(
        "--fail-on-skip", action="store_true", default=os.environ.get("ODOO_TEST_FAIL_ON_SKIP") == "1",
        help="count skipped tests as failures (CI sets ODOO_TEST_FAIL_ON_SKIP=1)",
    )
    args = parser.parse_args()

    if not odoo_importable():
        if docker_compose_usable():
            return run_in_docker(sys.argv[1:])
        print(NO_ODOO_MESSAGE, file=sys.stderr)
        return 2

    tally = Tally()
    db_name = f"concierge_test_{time.strftime('%Y%m%d%H%M%S')}_{os.getpid()}"
    workdir = Path(tempfile.mkdtemp(prefix="concierge-test-"))
    http_port = free_port()
    config_path = write_local_config(workdir / "odoo.conf", workdir / "data", db_name, http_port, tests=True)
    started = time.time()
    try:
        run_module_tests(config_path, db_name, workdir, tally, args.module or MODULES)
        if not args.no_pytest:
            run_pytest(config_path, db_name, http_port, workdir, tally)
        if not args.no_lint:
            run_linters(tally)
    finally:
        if args.keep_db:
            log(f"kept database {db_name} and logs in {workdir}")
        else:
            drop_database(db_name)
            if not sum(tally.failed.values()):
                shutil.rmtree(workdir, ignore_errors=True)
            else:
                log(f"logs kept in {workdir}")
    log(f"done in {time.time() - started:.0f}s")
    if args.fail_on_skip and sum(tally.skipped.values()):
        log("skipped tests count as failures here (--fail-on-skip)")
        tally.add("skipped", failed=1)
    summary = tally.report()
    print(summary, flush=True)
    return 1 if sum(tally.failed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
