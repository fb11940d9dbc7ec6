from odoo.tests import tagged

from odoo.addons.territory_concierge_website.controllers.intake import LEGACY_FORM_URL

from .common import FORM, IntakeFormCase


@tagged("post_install", "-at_install")
class TestIntakeForm(IntakeFormCase):
    """The public form as an anonymous visitor sends it (real HTTP, CSRF token included)."""

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
        self.assertFalse(journey.consent_ids, "consents wait for the confirmation of the address")
        mail = self._mails_to("anais.hebert@example.org")
        self.assertEqual(len(mail), 1, "a confirmation e-mail is sent to the household")
        self.assertIn("Bonjour Anaïs Hébert", mail.body_html, "in French")
        self.assertIn("me contacte au sujet de mon projet", mail.body_html, "with the consents given")
        submission = self.env["territory.intake.submission"].search([("email", "=", "anais.hebert@example.org")])
        self.assertNotIn(self._confirmation_token("anais.hebert@example.org"),
                         "".join(submission.message_ids.mapped("body")), "staff never read the secret link")
        self._confirm(self._confirmation_token("anais.hebert@example.org"))
        journey.invalidate_recordset()
        consents = journey.consent_ids
        self.assertEqual(set(consents.mapped("purpose")), {"concierge_contact", "partner_sharing"})
        self.assertTrue(all(c.source == "web_form" and c.date_given and c.is_active for c in consents))
        self.assertIn("me contacte au sujet de mon projet", consents.filtered(
            lambda c: c.purpose == "concierge_contact").wording, "the exact wording shown is the proof")
        self.assertIn("Nous aimons la nature.", "".join(journey.message_ids.mapped("body")))

    def test_journey_chatter_opens_with_the_household_not_the_public_user(self):
        self._submit(self._valid_post())
        journey = self._journeys("anais.hebert@example.org")
        public_partner = self.env.ref("base.public_user").partner_id
        self.assertNotIn(public_partner, journey.message_ids.author_id, "no message by « Public user »")
        opened = journey.message_ids.filtered(
            lambda message: message.subtype_id == self.env.ref("territory_concierge.mt_journey_created"))
        self.assertEqual(len(opened), 1, "the journey's opening is logged once, for the team's followers")
        self.assertFalse(opened.author_id, "never attributed to an existing contact")
        self.assertIn("anais.hebert@example.org", opened.email_from)

    def test_utm_from_campaign_link(self):
        # The conciergerie creates its campaigns and sources; a link only points at them.
        self.env["utm.source"].create({"name": "Salon Vivre a la campagne"})
        self.env["utm.campaign"].create({"name": "Printemps 2026"})
        self.url_open(f"{FORM}?utm_source=Salon+Vivre+a+la+campagne&utm_campaign=Printemps+2026")
        self._submit(self._valid_post())
        journey = self._journeys("anais.hebert@example.org")
        self.assertEqual(journey.source_id.name, "Salon Vivre a la campagne")
        self.assertEqual(journey.campaign_id.name, "Printemps 2026")

    def test_first_release_address_still_works(self):
        """Campaign links of the first release point at /s-installer-en-haute-marne: moved for
        good, with their campaign parameters; confirmation links already sent still open."""
        self.env["utm.campaign"].create({"name": "Printemps 2026"})
        response = self.url_open(f"{LEGACY_FORM_URL}?utm_campaign=Printemps+2026", allow_redirects=False)
        self.assertEqual(response.status_code, 301)
        self.assertTrue(response.headers["Location"].endswith(f"{FORM}?utm_campaign=Printemps+2026"))
        self._submit(self._valid_post())
        token = self._confirmation_token("anais.hebert@example.org")
        page = self.url_open(f"{LEGACY_FORM_URL}/confirmer/{token}")
        self.assertEqual(page.status_code, 200)
        self.url_open(f"{LEGACY_FORM_URL}/confirmer/{token}", data={"csrf_token": self._csrf_token(page)})
        self.assertTrue(self._journeys("anais.hebert@example.org").consent_ids, "the old link confirmed")

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

    def test_existing_household_is_not_duplicated(self):
        self._submit(self._valid_post())
        journey = self._journeys("anais.hebert@example.org")
        response = self._submit(self._valid_post(email="Anais.Hebert@example.org", consent_ambassador="1"))
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self._journeys("anais.hebert@example.org"), journey, "found by its e-mail")
        submissions = self.env["territory.intake.submission"].search([("journey_id", "=", journey.id)])
        self.assertEqual(submissions.mapped("match_kind"), ["email", "new"])

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
        self.assertFalse(journey.consent_ids, "until the household confirms its address")
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", journey.id)])
        self.assertEqual([consent["purpose"] for consent in submission.consents], ["concierge_contact"])
        self.assertEqual(journey.project_horizon, "lt_6m")
        self.assertTrue(journey.source_id)

    def test_another_territory_website_speaks_for_it(self):
        """A territory made by "Nouveau territoire" has its own website: its form names it, shows
        its own consent wordings, and takes households into its desk; the confirmation link
        opens that website."""
        manager = self.env["res.users"].search([("login", "=", "manager")]) or self.env.ref("base.user_admin")
        action = self.env["territory.setup.wizard"].with_user(manager).create({
            "name": "Creuse", "territory_place": "en Creuse"}).action_create()
        team = self.env["crm.team"].browse(action["params"]["team_id"])
        creuse = team.company_id
        website = self.env["website"].search([("company_id", "=", creuse.id)])
        self.assertEqual(len(website), 1)
        port = self.http_port()
        website.write({"domain": f"http://localhost:{port}", "default_lang_id": self.env.ref("base.lang_fr").id,
                       "language_ids": [(6, 0, self.env.ref("base.lang_fr").ids)]})
        self.env["territory.consent.wording"].search(
            [("company_id", "=", creuse.id), ("purpose", "=", "concierge_contact")]).with_context(
            lang="fr_FR").wording = "J'accepte que la conciergerie de la Creuse me recontacte."
        self.assertEqual(self.env["website.menu"].search(
            [("website_id", "=", website.id), ("url", "=", FORM)]).with_context(lang="fr_FR").name,
            "S'installer en Creuse")
        url = f"http://localhost:{port}{FORM}"
        page = self.opener.get(url, timeout=30)
        self.assertEqual(page.status_code, 200)
        self.assertIn("S'installer en Creuse", page.text)
        self.assertIn("la conciergerie de la Creuse me recontacte", page.text)
        self.assertNotIn("Haute-Marne", page.text.split('id="wrap"')[1].split("</main>")[0])
        response = self.opener.post(url, data={**self._valid_post(email="creuse@example.org"),
                                               "csrf_token": self._csrf_token(page)},
                                    allow_redirects=False, timeout=30)
        self.assertEqual(response.status_code, 303, response.text[:500])
        mail = self._mails_to("creuse@example.org")
        self.assertEqual(mail.subject, "Confirmez votre projet de vous installer en Creuse")
        self.assertIn("la conciergerie de la Creuse me recontacte", mail.body_html)
        self.assertIn(f"http://localhost:{port}{FORM}/confirmer/", mail.body_html, "the link opens its website")
        journey = self._journeys("creuse@example.org")
        self.assertEqual((journey.company_id, journey.team_id), (creuse, team))
        self.assertEqual(self.env["territory.intake.submission"].search(
            [("email", "=", "creuse@example.org")]).company_id, creuse)
