import re
from pathlib import Path

from lxml import etree, html

from odoo.tests import tagged
from odoo.tools.misc import file_open, file_path

from .common import FORM, IntakeFormCase

LEGAL = "/mentions-legales"
CONCIERGERIE = "Conciergerie de Haute-Marne"
# Odoo's sample texts, in English and as the website's French translation shows them.
SAMPLE_TEXTS = [
    "555-555", "yourcompany", "Your Logo", "YourCompany", "My Company", "Company name", "Nom de l'entreprise",
    "Nom de l\u2019entreprise", "disruptive", "disruptifs", "Lorem", "ipsum", "Fake Buena Vista", "Marina Blvd",
    "Brisbane", "www.example.com", "Powered by", "Généré par", "Propulsé par", "free website",
    "site web gratuit", "This is the homepage", "This is the contact us page", "Free Returns",
    "Retours gratuits",
]
# The sample phone numbers, e-mail addresses and street addresses of the website's templates and
# data, read from the installed source so that a new sample of Odoo's is caught too.
SAMPLE_PATTERNS = [r"\+1 555-555-\d{4}", r"[\w.]+@yourcompany\.[\w.]+", r"\d+ Fake [A-Z][\w ]+Avenue"]


def _odoo_sample_strings():
    samples = set(SAMPLE_TEXTS)
    for folder in ("views", "data"):
        for path in sorted(Path(file_path(f"website/{folder}")).glob("*.xml")):
            with file_open(str(path)) as handle:
                source = handle.read()
            for pattern in SAMPLE_PATTERNS:
                samples.update(re.findall(pattern, source))
    return samples


@tagged("post_install", "-at_install")
class TestPublicSite(IntakeFormCase):
    """Every public page of the website, as an anonymous visitor sees it, speaks for the
    conciergerie: its name and logo, its contact details, the legal page one click away, and none
    of Odoo's sample texts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.samples = _odoo_sample_strings()

    def _public_paths(self):
        sitemap = self.url_open("/sitemap.xml")
        self.assertEqual(sitemap.status_code, 200)
        locations = etree.fromstring(sitemap.content).findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        listed = {re.sub(r"^https?://[^/]+", "", location.text.strip()) or "/" for location in locations}
        self.assertIn(FORM, listed, "the form is listed for search engines")
        self.assertIn(LEGAL, listed, "the legal page is listed for search engines")
        return sorted(listed | {"/", FORM, "/contactus", "/contactus-thank-you", LEGAL, "/web/login"})

    def _assert_conciergerie_page(self, path, response):
        page = response.text
        found = sorted(sample for sample in self.samples if sample.lower() in page.lower())
        self.assertFalse(found, f"{path} shows Odoo's sample texts: {found}")
        self.assertIn(CONCIERGERIE, page, f"{path} does not name the conciergerie")
        document = html.fromstring(page)
        self.assertTrue(document.xpath(f"//footer//a[@href='{LEGAL}' or @href='/fr{LEGAL}']"),
                        f"{path} has no link to the legal notice in its footer")
        return document

    def test_public_pages(self):
        for path in self._public_paths():
            with self.subTest(path=path):
                response = self.url_open(path)
                self.assertEqual(response.status_code, 200, path)
                self._assert_conciergerie_page(path, response)

    def test_page_not_found(self):
        response = self.url_open("/cette-page-n-existe-pas")
        self.assertEqual(response.status_code, 404)
        self._assert_conciergerie_page("404", response)

    def test_home_page_leads_to_the_form(self):
        document = self._assert_conciergerie_page("/", self.url_open("/"))
        self.assertTrue(document.xpath("//h1[contains(., 'Haute-Marne')]"), "the home page presents the territory")
        call_to_action = document.xpath(f"//div[@id='wrap']//a[contains(@class, 'btn')][@href='{FORM}']")
        self.assertTrue(call_to_action, "the home page has a button to the form")
        text = document.text_content()
        for subject in ("Emploi", "Logement", "École", "Santé", "Week-ends découverte", "Ambassadeurs"):
            self.assertIn(subject, text, f"the home page presents the accompaniment: {subject}")

    def test_header_shows_the_conciergerie_logo(self):
        document = html.fromstring(self.url_open("/").text)
        logo = document.xpath("//header//a[contains(@class, 'navbar-brand')]//img/@src")
        self.assertTrue(logo, "the header shows a logo")
        image = self.url_open(logo[0])
        self.assertEqual(image.status_code, 200)
        with file_open("website/static/src/img/website_logo.svg", "rb") as default_logo:
            self.assertTrue(image.content != default_logo.read(), "the header shows Odoo's sample logo")
        self.assertIn(CONCIERGERIE.encode(), image.content)

    def test_no_font_from_google(self):
        """The legal page says no third party serves the site: the visitors' own fonts, not
        Google's (Odoo's default website imports them from fonts.googleapis.com)."""
        page = self.url_open("/").text
        stylesheets = re.findall(r'href="(/web/assets/[^"]*web\.assets_frontend[^"]*\.css)"', page)
        self.assertTrue(stylesheets)
        for url in stylesheets:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            self.assertNotIn("fonts.googleapis.com/css", response.text)

    def test_legal_page_says_who_processes_the_data(self):
        document = self._assert_conciergerie_page(LEGAL, self.url_open(LEGAL))
        text = " ".join(document.xpath("//div[@id='wrap']")[0].text_content().split())
        for expected in (
            "Mentions légales et données personnelles",
            "Le responsable du traitement",
            CONCIERGERIE,  # the desk the website is published for
            "trois ans",  # retention of prospects' data, as the anonymisation job does
            "retirer un consentement",
            "CNIL",
            self.env.company.email,
        ):
            self.assertIn(expected, text)
