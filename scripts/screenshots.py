#!/usr/bin/env python3
"""make screenshots: the README's pictures, taken from the demo in headless Chromium.

Logs in as each demo role of a running demo server (``make run``, or the quick start) and saves
one PNG per screen in docs/screenshots/: the pipeline, a journey, the impact dashboard, the
report for elected officials (its PDF, rendered to an image by pdftoppm), the partner, ambassador
and family portals, the public site and its form. Refresh them after a change of the screens:

    make run                      # in one terminal (demo database "conciergerie")
    make screenshots              # in another; URL=http://127.0.0.1:8069 by default

Needs Playwright from PyPI (it drives Debian's /usr/bin/chromium, no browser download) and
poppler's pdftoppm for the PDF (Debian package poppler-utils).
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from odoo_local import ROOT

OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}

# (file name, login or None for a visitor, path, what to wait for, viewport)
PAGES = [
    ("pipeline", "concierge", "/odoo/journeys", ".o_kanban_renderer .o_kanban_record", DESKTOP),
    ("dashboard", "manager", "/odoo/impact", ".o_impact_print", DESKTOP),
    ("portal_partner", "partner", "/my/shared-journeys", "main", DESKTOP),
    ("portal_ambassador", "ambassador", "/my/sponsorships", "main", DESKTOP),
    ("portal_family", "family", "/my/journey", "main", DESKTOP),
    ("site_home", None, "/", "main", DESKTOP),
    ("site_form", None, "/s-installer", "form.o_territory_intake_form", DESKTOP),
    ("site_form_phone", None, "/s-installer", "form.o_territory_intake_form", PHONE),
]


def settle(page):
    """The web client never goes network-idle (its bus stays connected): let the screen draw."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)


def login(page, url, user):
    page.goto(f"{url}/web/login")
    page.fill("input[name=login]", user)
    page.fill("input[name=password]", user)  # demo logins: password = login
    page.click("form.oe_login_form button[type=submit]")
    page.wait_for_load_state("load")


def shoot(browser, url, shot):
    name, user, path, ready, viewport = shot
    context = browser.new_context(viewport=viewport, locale="fr-FR")
    page = context.new_page()
    if user:
        login(page, url, user)
    page.goto(f"{url}{path}")
    page.wait_for_selector(ready, timeout=60000)
    settle(page)
    page.screenshot(path=str(OUT / f"{name}.png"))
    context.close()


def shoot_journey(browser, url):
    """A journey's form, opened from the pipeline as the concierge does."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR")
    page = context.new_page()
    login(page, url, "concierge")
    page.goto(f"{url}/odoo/journeys")
    page.click(".o_kanban_record:has-text('Lefebvre')")
    page.wait_for_selector(".o_form_view .o_form_statusbar")
    settle(page)
    page.screenshot(path=str(OUT / "journey.png"))
    context.close()


def shoot_report(browser, url):
    """The report for elected officials as the manager prints it from the dashboard."""
    if not shutil.which("pdftoppm"):
        print("[screenshots] pdftoppm is missing (apt-get install poppler-utils): report skipped",
              file=sys.stderr)
        return False
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    login(page, url, "manager")
    page.goto(f"{url}/odoo/impact")
    page.wait_for_selector(".o_impact_print")
    with page.expect_download(timeout=120000) as download:
        page.click(".o_impact_print")
    with tempfile.TemporaryDirectory() as workdir:
        pdf = Path(workdir) / "report.pdf"
        download.value.save_as(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(OUT / "report")], check=True)
    context.close()
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="a running demo server")
    args = parser.parse_args()
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415  (a developer tool)
    except ImportError:
        print("Playwright is missing: python3 -m pip install playwright", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for shot in PAGES:
            shoot(browser, args.url, shot)
            print(f"[screenshots] {shot[0]}.png", flush=True)
        shoot_journey(browser, args.url)
        print("[screenshots] journey.png", flush=True)
        if shoot_report(browser, args.url):
            print("[screenshots] report.png", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
