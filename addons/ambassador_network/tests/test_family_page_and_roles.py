from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.territory_concierge.tests.common import pages_in_english

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestFamilyPage(HttpCase, SponsorshipCommon):
    """The family's page shows the journey it was invited from, and the ambassador's own
    details only with the ambassador's agreement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.sponsorship = cls._active()

    def test_a_newer_lead_naming_the_family_does_not_take_the_page(self):
        # A lead someone else created later with the family's contact, in the journeys team
        # (the core refuses this to salespeople; the page must not depend on it).
        rogue = self.env["crm.lead"].create({
            "name": "Lead Pirate", "contact_name": "Pirate", "partner_id": self.family_one.partner_id.id,
            "team_id": self.team.id, "type": "opportunity", "user_id": self.concierge_health.id})
        rogue.message_post(body="Message pirate", message_type="comment", subtype_xmlid="mail.mt_comment")
        self.env.cr.execute("UPDATE crm_lead SET create_date = create_date + interval '1 day' WHERE id = %s",
                            [rogue.id])
        rogue.invalidate_recordset(["create_date"])
        self.assertTrue(rogue.is_journey)
        self._login(self.family_one_user)
        page = self.url_open("/my/journey")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Anne Ambassadrice", page.text, "the household's own sponsorship")
        self.assertIn(self.concierge.name, page.text)
        self.assertNotIn(self.concierge_health.name, page.text)
        self.assertNotIn("Message pirate", page.text)

    def test_ambassador_details_only_with_their_agreement(self):
        self.ambassador_anne.ambassador_contact_consent = False
        self._login(self.family_one_user)
        page = self.url_open("/my/journey").text
        self.assertIn("Anne Ambassadrice", page)
        self.assertNotIn("anne@amb.example", page)
        self.assertNotIn("00 00 00 01", page)
        self.ambassador_anne.ambassador_contact_consent = True
        page = self.url_open("/my/journey").text
        self.assertIn("anne@amb.example", page)
        self.assertIn("00 00 00 01", page)


@tagged("post_install", "-at_install")
class TestSponsorshipMethodsRefused(SponsorshipCommon):
    """Every public method of the module's models, called by the roles that must not: the
    ambassador of another sponsorship, a family, a salesperson of another team."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_team = cls.env["crm.team"].create({"name": "Ventes Test"})
        cls.salesperson = new_test_user(cls.env, "an_salesperson", "sales_team.group_sale_salesman",
                                        name="Paul Vendeur")
        cls.env["crm.team.member"].create({"crm_team_id": other_team.id, "user_id": cls.salesperson.id})
        cls.proposed = cls._propose()
        cls.active = cls._active(journey=cls.family_two, ambassador=cls.ambassador_bruno)
        cls.active.sudo().write({"has_concern": True, "concern_note": "Inquiétude"})

    def _calls(self):
        proposed, active = self.proposed, self.active

        def propose_from_matching(user):
            wizard = self.env["territory.ambassador.match.wizard"].create({"journey_id": self.family_one.id})
            line = self.env["territory.ambassador.match.wizard.line"].create({
                "wizard_id": wizard.id, "ambassador_id": self.ambassador_bruno.id})
            line.with_user(user).action_propose()

        return [
            ("action_family_agree", lambda user: proposed.with_user(user).action_family_agree()),
            ("action_start", lambda user: proposed.with_user(user).action_start()),
            ("action_end", lambda user: active.with_user(user).action_end()),
            ("action_resolve_concern", lambda user: active.with_user(user).action_resolve_concern()),
            ("action_ambassador_agree", lambda user: proposed.with_user(user).action_ambassador_agree()),
            ("action_ambassador_decline", lambda user: proposed.with_user(user).action_ambassador_decline("Non")),
            ("action_log_meeting",
             lambda user: active.with_user(user).action_log_meeting(date.today(), "visit", "Vu")),
            ("action_raise_concern", lambda user: active.with_user(user).action_raise_concern("Inquiet")),
            ("territory.ambassador.match.wizard.line.action_propose", propose_from_matching),
        ]

    def test_refused_to_other_ambassador_family_and_salesperson(self):
        # Bruno is the ambassador of the active one only; Anne of the proposed one only.
        for user, skip in ((self.bruno_user, {"action_end", "action_resolve_concern", "action_log_meeting",
                                              "action_raise_concern"}),
                           (self.anne_user, {"action_ambassador_agree", "action_ambassador_decline"}),
                           (self.family_one_user, set()), (self.family_two_user, set()),
                           (self.salesperson, set())):
            for label, call in self._calls():
                if label in skip:
                    continue
                with self.subTest(user=user.login, method=label), self.assertRaises(AccessError):
                    call(user)
        self.assertEqual((self.proposed.state, self.proposed.family_agreed), ("proposed", False))
        self.assertEqual((self.active.state, self.active.has_concern, self.active.meeting_count), ("active", True, 0))

    def test_own_ambassador_cannot_do_the_conciergerie_acts(self):
        staff_acts = {"action_family_agree", "action_start", "action_end", "action_resolve_concern"}
        for label, call in self._calls():
            if label in staff_acts:
                with self.subTest(method=label), self.assertRaises(AccessError):
                    call(self.bruno_user if label in ("action_end", "action_resolve_concern") else self.anne_user)
        self.assertEqual((self.active.state, self.active.has_concern), ("active", True))

    def test_ambassador_does_not_read_the_family_address(self):
        self.family_one.partner_id.write({"street": "3 rue du Foyer", "zip": "52000", "city": "Chaumont"})
        sponsorship = self.proposed.with_user(self.anne_user).with_context(show_address=True, show_email=True)
        try:
            shown = str(sponsorship.read(["family_partner_id"]))
        except AccessError:
            shown = ""
        self.assertNotIn("rue du Foyer", shown)
        self.assertNotIn("une@famille.example", shown)
        # What the ambassador consent covers stays on the ambassador's page: before the household
        # agreed, its adults' first names, not its name.
        label = sponsorship.read(["household_label"])[0]["household_label"]
        self.assertIn("Adulte", label)
        self.assertNotIn("Famille Une", label)
