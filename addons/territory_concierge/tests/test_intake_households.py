from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestIntakeHouseholds(JourneyCommon):
    """crm.lead.intake_households: the one intake of every channel, as a concierge calls it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.country_id = cls.env.ref("base.fr")
        cls.known = cls._create_journey(
            name="Famille Verrier", contact_name="Hélène Verrier", email_from="helene.verrier@example.org",
            phone="+33699887766", project_horizon="lt_6m", origin_city="Troyes",
            household_member_ids=cls._household(adults=2),
            consent_ids=[(0, 0, {"purpose": "concierge_contact", "source": "phone", "wording": "Oral"})])
        cls.phone_only = cls._create_journey(name="Famille Marchetti", contact_name="Paolo Marchetti",
                                             phone="+33647319208")

    def _intake(self, rows, source="import", user=None, **kwargs):
        return self.env["crm.lead"].with_user(user or self.concierge).intake_households(rows, source, **kwargs)

    def _snapshot(self, journey):
        journey.invalidate_recordset()
        return (journey.read(["name", "email_from", "phone", "origin_city", "project_horizon", "motivation",
                              "profile_ids", "campaign_id", "active"])[0],
                journey.consent_ids.mapped("purpose"), len(journey.household_member_ids))

    def test_staff_channel_finds_creates_and_fills_only_what_is_missing(self):
        results = self._intake([
            {"ref": 2, "last_name": "Verrier", "first_name": "Hélène", "email": "HELENE.VERRIER@example.org",
             "origin_city": "Paris", "horizon": "plus de 2 ans", "motivation": "très forte",
             "profiles": ["Soignant"], "campaign": "Salon 2026", "consents": ["partner_sharing"]},
            {"ref": 3, "last_name": "Durand", "first_name": "Éric", "email": "eric.durand@example.org",
             "phone": "06 19 87 00 40", "profiles": ["salarié qualifié", "famille"], "adults": 2, "children": 1,
             "jobs": ["Comptable"], "horizon": "6-12 mois"},
            {"ref": 4, "last_name": "DURAND", "first_name": "eric", "phone": "0619870040",
             "profiles": ["artisan / commerçant"]},
            {"ref": 5, "last_name": "", "first_name": "Sans-Nom", "email": "sans.nom@example.org"},
            {"ref": 6, "last_name": "Petit", "email": "petit@example", "phone": "pas de téléphone",
             "profiles": ["astronaute"], "adults": "beaucoup"},
        ])
        by_ref = {result["ref"]: result for result in results}
        self.assertEqual([result["ref"] for result in results], [2, 3, 4, 5, 6], "one result per row, in order")

        self.assertEqual((by_ref[2]["status"], by_ref[2]["journey_id"], by_ref[2]["match"]),
                         ("updated", self.known.id, "email"))
        self.known.invalidate_recordset()
        self.assertEqual(self.known.origin_city, "Troyes", "what staff recorded is never overwritten")
        self.assertEqual(self.known.project_horizon, "lt_6m")
        self.assertEqual(self.known.motivation, "4", "what was missing is filled, through the vocabulary")
        self.assertEqual(self.known.profile_ids, self.profile_health)
        self.assertEqual(self.known.campaign_id.name, "Salon 2026")
        self.assertEqual(len(self.known.household_member_ids), 2, "its household is left as it is")
        sharing = self.known.consent_ids.filtered(lambda c: c.purpose == "partner_sharing")
        self.assertEqual((sharing.source, sharing.recorded_by_id), ("import", self.concierge))
        self.assertIn("Salon 2026", sharing.wording)
        self.assertIn("Updated by the campaign import (line 2)", self.known.message_ids[0].body)

        eric = self.env["crm.lead"].browse(by_ref[3]["journey_id"])
        self.assertEqual(by_ref[3]["status"], "created")
        self.assertEqual((eric.name, eric.phone_sanitized, eric.project_horizon, eric.team_id),
                         ("Éric Durand", "+33619870040", "6_12m", self.team))
        self.assertEqual((eric.adult_count, eric.child_count), (2, 1))
        self.assertEqual(eric.household_member_ids.filtered(lambda m: m.role == "adult")[:1].job_sought, "Comptable")
        self.assertEqual(set(eric.profile_ids.mapped("code")), {"skilled_employee", "family", "craftsperson"},
                         "the next row of the same household added its profile")
        self.assertTrue(eric.user_id, "assigned by the team's rules")
        self.assertEqual((by_ref[4]["status"], by_ref[4]["journey_id"]), ("merged", eric.id))

        self.assertEqual(by_ref[5]["status"], "refused")
        self.assertIn("last name missing", by_ref[5]["reasons"])
        self.assertEqual(by_ref[6]["status"], "refused")
        self.assertIn("unknown profile: “astronaute”", by_ref[6]["reasons"])
        self.assertIn("invalid number of adults: “beaucoup”", by_ref[6]["reasons"])
        self.assertTrue(any("neither a valid e-mail" in reason for reason in by_ref[6]["reasons"]))
        self.assertEqual(len(by_ref[6]["warnings"]), 2, "the invalid e-mail and phone are named")

        again = self._intake([{"ref": 2, "last_name": "Verrier", "first_name": "Hélène",
                               "email": "helene.verrier@example.org", "motivation": "4", "profiles": ["soignant"],
                               "consents": ["partner_sharing"]}])
        self.assertEqual(again[0]["status"], "unchanged", "a second run changes nothing")

    def test_phone_alone_is_only_a_possible_duplicate(self):
        [result] = self._intake([{"ref": 7, "last_name": "Lenoir", "first_name": "Max",
                                  "email": "max.lenoir@example.org", "phone": "06 47 31 92 08"}])
        self.assertEqual(result["status"], "duplicate")
        self.assertEqual(result["duplicate_ids"], [self.phone_only.id])
        self.assertNotEqual(result["journey_id"], self.phone_only.id)
        activity = self.env["mail.activity"].browse(result["activity_id"])
        self.assertEqual((activity.res_id, activity.summary), (result["journey_id"], "Possible duplicate"))
        self.assertIn("Famille Marchetti", activity.note)
        self.phone_only.invalidate_recordset()
        self.assertFalse(self.phone_only.email_from, "the other household is not touched")
        [same_name] = self._intake([{"ref": 8, "name": "Paolo Marchetti", "phone": "0647319208",
                                     "profiles": ["famille"]}])
        self.assertEqual((same_name["status"], same_name["match"]), ("updated", "phone_name"),
                         "staff: the same phone and the same name are the same household")
        [anonymous] = self.env["crm.lead"].sudo().intake_households(
            [{"ref": 9, "name": "Paolo Marchetti", "email": "paolo@example.org", "phone": "0647319208"}], "web_form")
        self.assertEqual(anonymous["status"], "duplicate", "an anonymous channel never merges on a phone")

    def test_anonymous_channel_never_changes_an_existing_journey(self):
        before = self._snapshot(self.known)
        [result] = self.env["crm.lead"].sudo().intake_households([{
            "ref": 1, "name": "Hélène Verrier", "email": "helene.verrier@example.org", "phone": "0611111111",
            "origin_city": "Paris", "horizon": "gt_24m", "profiles": ["famille"], "consents": ["newsletter"],
            "values": {"wished_area": "Langres"}}], "web_form")
        self.assertEqual((result["status"], result["journey_id"]), ("matched", self.known.id))
        self.assertEqual(self._snapshot(self.known), before, "not its data, contact details nor consents")
        self.known.action_archive()
        before = self._snapshot(self.known)
        [result] = self.env["crm.lead"].sudo().intake_households(
            [{"ref": 1, "name": "H. V.", "email": "helene.verrier@example.org"}], "email")
        self.assertEqual((result["status"], result["journey_id"]), ("matched", self.known.id),
                         "a closed journey is still the household's")
        self.assertEqual(self._snapshot(self.known), before, "a lost journey stays lost")

    def test_dry_run_writes_nothing(self):
        count = self.env["crm.lead"].search_count([])
        [created, updated] = self._intake([
            {"ref": 1, "name": "Sam Simulé", "email": "sam.simule@example.org", "source": "Source jamais vue"},
            {"ref": 2, "name": "Hélène Verrier", "email": "helene.verrier@example.org", "campaign": "Jamais vue"},
        ], dry_run=True)
        self.assertEqual((created["status"], created["journey_id"]), ("created", False))
        self.assertEqual(updated["status"], "updated")
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        self.assertFalse(self.env["utm.source"].search([("name", "=", "Source jamais vue")]))
        self.assertFalse(self.env["utm.campaign"].search([("name", "=", "Jamais vue")]))
        self.assertFalse(self.known.campaign_id)

    def test_vocabulary_is_data_staff_extend(self):
        rows = [{"ref": 1, "name": "Lou Roy", "email": "lou.roy@example.org", "profiles": ["Maïeuticienne"],
                 "horizon": "à la rentrée scolaire"}]
        [refused] = self._intake(rows, dry_run=True)
        self.assertEqual(refused["status"], "refused")
        Word = self.env["territory.intake.word"].with_user(self.manager)
        Word.create([{"word": "Maïeuticienne", "kind": "profile", "profile_id": self.profile_health.id},
                     {"word": "À la rentrée scolaire", "kind": "horizon", "project_horizon": "6_12m"}])
        [created] = self._intake(rows)
        journey = self.env["crm.lead"].browse(created["journey_id"])
        self.assertEqual((journey.profile_ids, journey.project_horizon), (self.profile_health, "6_12m"))
        with self.assertRaises(AccessError):
            self.env["territory.intake.word"].with_user(self.concierge).create(
                {"word": "Médecin généraliste", "kind": "profile", "profile_id": self.profile_health.id})

    def test_a_withdrawn_consent_is_never_brought_back(self):
        """An older campaign file saying "yes" does not undo the household's withdrawal."""
        sharing = self.env["territory.consent"].create(
            {"journey_id": self.known.id, "purpose": "partner_sharing", "source": "phone", "wording": "Oui."})
        sharing.action_withdraw()
        [result] = self._intake([{"ref": 7, "name": "Hélène Verrier", "email": "helene.verrier@example.org",
                                  "consents": ["partner_sharing", "newsletter"]}])
        self.assertEqual(result["status"], "updated")
        self.assertIn("withdrew", " ".join(result["warnings"]))
        self.assertFalse(self.known._has_active_consent("partner_sharing"))
        self.assertTrue(self.known._has_active_consent("newsletter"), "a purpose never withdrawn is recorded")

    def test_unknown_channel_is_a_clear_refusal(self):
        with self.assertRaisesRegex(UserError, "Unknown intake channel: portal"):
            self._intake([{"ref": 1, "name": "X", "email": "x@example.org"}], source="portal")

    def test_only_staff_call_it(self):
        employee = self.env["res.users"].create({"name": "Emma Employee", "login": "tc_employee",
                                                 "group_ids": [(6, 0, [self.env.ref("base.group_user").id])]})
        for user in (self.salesman, employee):
            with self.subTest(user=user.name), self.assertRaises(AccessError):
                self._intake([{"ref": 1, "name": "X", "email": "x@example.org"}], user=user)

    def test_odoo_import_refuses_a_second_journey_for_a_known_email(self):
        """Odoo's import (Importer, from the journeys list) creates through create(): a known e-mail
        is refused and named, a new one is imported."""
        content = (b"name,email_from\nFamille Verrier bis,Helene.Verrier@example.org\n"
                   b"Famille Nouvelle,nouvelle@example.org\n")
        importer = self.env["base_import.import"].with_user(self.concierge).create(
            {"res_model": "crm.lead", "file": content, "file_type": "text/csv"})
        importer = importer.with_context(default_team_id=self.team.id, default_type="opportunity")
        options = {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}
        result = importer.execute_import(["name", "email_from"], ["name", "email_from"], options)
        self.assertFalse(result["ids"])
        [message] = result["messages"]
        self.assertEqual(message["type"], "error")
        self.assertIn(f"journey {self.known.id}", message["message"])
        self.assertEqual(self.env["crm.lead"].search_count([("email_normalized", "=", "nouvelle@example.org")]), 0)
        content = b"name,email_from\nFamille Nouvelle,nouvelle@example.org\n"
        importer.file = content
        result = importer.execute_import(["name", "email_from"], ["name", "email_from"], options)
        self.assertEqual(len(result["ids"]), 1, result["messages"])
        self.assertTrue(self.env["crm.lead"].browse(result["ids"]).is_journey)
