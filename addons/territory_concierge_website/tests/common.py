import re

from odoo.tests import HttpCase

FORM = "/s-installer"
CONFIRMATION_LINK = re.compile(rf"{FORM}/confirmer/([A-Za-z0-9_-]+)")


class IntakeFormCase(HttpCase):
    """The public form as an anonymous visitor sends it (real HTTP, CSRF token included)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The public speaks French, whatever the demo data did to the website.
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["territory_concierge", "territory_concierge_website"], ["fr_FR"], overwrite=True)
        website = cls.env["website"].get_current_website()
        website.write({"language_ids": [(4, cls.env.ref("base.lang_fr").id)],
                       "default_lang_id": cls.env.ref("base.lang_fr").id})
        cls.team = cls.env.ref("territory_concierge.crm_team_concierge")
        cls.profile_health = cls.env.ref("territory_concierge.profile_health_worker")
        cls.interest_cycling = cls.env.ref("territory_concierge.interest_cycling")

    def setUp(self):
        super().setUp()
        self.opener.cookies.set("frontend_lang", "fr_FR")  # a visitor of the French website

    def _valid_post(self, **overrides):
        values = {
            "first_name": "Anaïs", "last_name": "Hébert", "email": "anais.hebert@example.org",
            "phone": "06 19 87 65 43", "adults": "2", "children": "1", "origin_city": "Reims",
            "origin_zip": "51100", "project_horizon": "6_12m", f"profile_{self.profile_health.id}": "1",
            f"interest_{self.interest_cycling.id}": "1", "looks_for_job": "1", "job_sought": "Infirmière",
            "message": "Nous aimons la nature.", "consent_concierge_contact": "1", "consent_partner_sharing": "1",
        }
        values.update(overrides)
        return {key: value for key, value in values.items() if value is not None}

    @staticmethod
    def _csrf_token(page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _submit(self, values, with_token=True):
        page = self.url_open(FORM)
        self.assertEqual(page.status_code, 200)
        if with_token:
            values = {**values, "csrf_token": self._csrf_token(page)}
        return self.url_open(FORM, data=values, allow_redirects=False)

    def _journeys(self, email):
        return self.env["crm.lead"].with_context(active_test=False).search([("email_normalized", "=", email)])

    def _mails_to(self, email):
        return self.env["mail.mail"].search([("email_to", "ilike", email)], order="id")

    def _confirmation_token(self, email):
        """The token of the confirmation link in the last e-mail sent to this address."""
        mail = self._mails_to(email)[-1:]
        self.assertTrue(mail, f"no e-mail was sent to {email}")
        match = CONFIRMATION_LINK.search(mail.body_html)
        self.assertTrue(match, "the e-mail holds a confirmation link")
        return match.group(1)

    def _confirm(self, token):
        """Open the link as the person does, then press the button of the page."""
        page = self.url_open(f"{FORM}/confirmer/{token}")
        self.assertEqual(page.status_code, 200, page.text[:300])
        return self.url_open(f"{FORM}/confirmer/{token}", data={"csrf_token": self._csrf_token(page)},
                             allow_redirects=False)
