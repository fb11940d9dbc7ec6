import re

from odoo.tests import HttpCase, tagged

FORM = "/s-installer-en-haute-marne"


@tagged("post_install", "-at_install")
class TestIntakeForm(HttpCase):
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

    def _submit(self, values, with_token=True):
        page = self.url_open(FORM)
        self.assertEqual(page.status_code, 200)
        if with_token:
            values = {**values, "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)}
        return self.url_open(FORM, data=values, allow_redirects=False)

    def _journeys(self, email):
        return self.env["crm.lead"].with_context(active_test=False).search([("email_normalized", "=", email)])

    def test_valid_application_creates_a_journey(self):
        response = self._submit(self._valid_post())
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertTrue(response.headers["Location"].endswith(f"{FORM}/merci"))
        journey = self._journeys("anais.hebert@example.org")
        self.assertEqual(len(journey), 1)
        self.assertEqual(journey.team_id, self.team)
        self.assertEqual(journey.stage_id, self.env.ref("territory_concierge.stage_contacted"))
        self.assertEqual(journey.phone_sanitized, "+33619876543")
        self.assertEqual((journey.adult_count, journey.child_count), (2, 1))
        self.assertEqual(journey.profile_ids, self.profile_health)
        self.assertEqual(journey.interest_ids, self.interest_cycling)
        self.assertEqual(journey.household_member_ids.filtered(lambda m: m.job_sought).job_sought, "Infirmière")
        self.assertEqual(journey.source_id, self.env.ref("territory_concierge_website.utm_source_web_form"))
        consents = journey.consent_ids
        self.assertEqual(set(consents.mapped("purpose")), {"concierge_contact", "partner_sharing"})
        self.assertTrue(all(c.source == "web_form" and c.date_given and c.is_active for c in consents))
        self.assertIn("me contacte au sujet de mon projet", consents.filtered(
            lambda c: c.purpose == "concierge_contact").wording, "the exact wording shown is the proof")
        self.assertIn("Nous aimons la nature.", journey.message_ids.mapped("body")[-1] + "".join(
            journey.message_ids.mapped("body")))
        mail = self.env["mail.mail"].search([("model", "=", "crm.lead"), ("res_id", "=", journey.id),
                                             ("email_to", "ilike", "anais.hebert@example.org")])
        self.assertEqual(len(mail), 1, "a confirmation e-mail is sent to the household")

    def test_utm_from_campaign_link(self):
        self.url_open(f"{FORM}?utm_source=Salon+Vivre+a+la+campagne&utm_campaign=Printemps+2026")
        self._submit(self._valid_post())
        journey = self._journeys("anais.hebert@example.org")
        self.assertEqual(journey.source_id.name, "Salon Vivre a la campagne")
        self.assertEqual(journey.campaign_id.name, "Printemps 2026")

    def test_bad_input_keeps_what_was_typed(self):
        response = self._submit(self._valid_post(email="anais.hebert@", message="<script>alert(1)</script>"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Cette adresse e-mail n&#39;est pas valide", response.text, "in French")
        self.assertIn('value="Hébert"', response.text, "what was typed is kept")
        self.assertIn('value="anais.hebert@"', response.text)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", response.text, "free text is escaped")
        self.assertNotIn("<script>alert(1)</script>", response.text)
        self.assertRegex(response.text, rf'<input[^>]*name="profile_{self.profile_health.id}"[^>]*checked="checked"')
        self.assertFalse(self._journeys("anais.hebert@example.org"))

    def test_required_consent_and_limits(self):
        response = self._submit(self._valid_post(consent_concierge_contact=None, adults="40",
                                                 last_name="x" * 300))
        self.assertEqual(response.status_code, 400)
        self.assertIn("contacté(e) par la conciergerie", response.text)
        self.assertIn("Entre 1 et 10 adultes.", response.text)
        self.assertIn("100 caractères au maximum.", response.text)

    def test_existing_household_is_updated_not_duplicated(self):
        self._submit(self._valid_post())
        journey = self._journeys("anais.hebert@example.org")
        journey.action_set_lost()
        # Same household, phone written differently, another e-mail: found by its phone.
        response = self._submit(self._valid_post(email="anais.h@example.org", phone="+33 6 19 87 65 43",
                                                 consent_partner_sharing=None, consent_ambassador="1"))
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self._journeys("anais.h@example.org"))
        self.assertTrue(journey.active, "a household applying again comes back into the pipeline")
        self.assertIn("ambassador", journey.consent_ids.mapped("purpose"))
        self.assertIn("de nouveau candidaté", "".join(journey.message_ids.mapped("body")))

    def test_honeypot_records_nothing(self):
        response = self._submit(self._valid_post(website_url="http://spam.example"))
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self._journeys("anais.hebert@example.org"))

    def test_rate_limit_per_address(self):
        for index in range(5):
            self.assertEqual(self._submit(self._valid_post(email=f"famille{index}@example.org",
                                                           phone=f"06198711{index}0")).status_code, 303)
        response = self._submit(self._valid_post(email="famille6@example.org", phone="0619871160"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("Trop de candidatures", response.text)
        self.assertIn('value="famille6@example.org"', response.text)
        self.assertFalse(self._journeys("famille6@example.org"))

    def test_post_without_csrf_token_is_refused(self):
        response = self._submit(self._valid_post(), with_token=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._journeys("anais.hebert@example.org"))

    def test_form_tour(self):
        """In Chromium: a wrong e-mail is refused with the rest kept, then the application goes through."""
        self.start_tour(FORM, "territory_concierge_website_intake_tour")
        journey = self._journeys("tour.famille@example.org")
        self.assertEqual(len(journey), 1)
        self.assertEqual(journey.consent_ids.purpose, "concierge_contact")
        self.assertEqual(journey.project_horizon, "lt_6m")
        self.assertTrue(journey.source_id)
