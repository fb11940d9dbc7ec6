"""What the portal tests of every module share: reading pages as a demo login, in French, as
the person sees them."""

import re

from odoo import Command

ERROR_MARKERS = ("Traceback", "Oups", "Internal Server Error")


def pages_in_french(env, users, modules):
    """The demo's people read the portal in French: the language is active with these
    modules' translations, the users read in it (and so does the website, when installed)."""
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(["territory_concierge", *modules], ["fr_FR"], overwrite=True)
    users.write({"lang": "fr_FR"})
    if "website" in env:
        env["website"].search([]).write({"language_ids": [Command.link(env.ref("base.lang_fr").id)]})


def page_text(html):
    """What the reader sees of the page's content: its text without tags, spaces folded."""
    main = re.search(r"<main.*</main>", html, flags=re.S)
    text = re.sub(r"<script.*?</script>|<[^>]+>", " ", main.group(0) if main else html, flags=re.S)
    return re.sub(r"\s+", " ", text.replace("&#39;", "'").replace("&nbsp;", " ").replace("\xa0", " "))


class PortalPagesMixin:
    """For HttpCase classes: open portal pages as a demo login (password = login)."""

    @staticmethod
    def _home_links(html):
        """The page's links, whatever language prefix the website adds to them."""
        return html.replace('href="/fr/', 'href="/').replace('href="/en/', 'href="/')

    def _page(self, login, url):
        self.authenticate(login, login)
        # Followed: the website may first redirect to the language prefix (/fr/my...).
        return self.url_open(url)

    def _assert_pages_open(self, login, urls):
        """Each page answers 200, on that page (not a login or another page), without an error."""
        self.authenticate(login, login)
        for url in urls:
            with self.subTest(login=login, url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200, f"{login} {url}")
                self.assertTrue(response.url.endswith(url), f"{login} {url} ended on {response.url}")
                for marker in ERROR_MARKERS:
                    self.assertNotIn(marker, response.text, f"{login} {url}")
