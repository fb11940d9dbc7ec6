from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestConsentProof(JourneyCommon):
    """Second outside review: staff rewrote consent proofs (wording, date, source, household) and
    undid a household's withdrawal through RPC."""

    def setUp(self):
        super().setUp()
        self.journey = self._create_journey(name="Famille Preuve", user_id=self.concierge.id, consent_ids=[
            (0, 0, {"purpose": "partner_sharing", "wording": "Oui, partagez.", "source": "phone"})])
        self.consent = self.journey.consent_ids

    def test_a_recorded_consent_never_changes(self):
        other = self._create_journey(name="Autre famille", user_id=self.concierge.id)
        for vals in ({"wording": "Texte modifié"}, {"date_given": "2020-01-01 00:00:00"}, {"source": "paper"},
                     {"journey_id": other.id}, {"purpose": "newsletter"}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                self.consent.with_user(self.manager).write(vals)
        self.assertEqual(self.consent.wording, "Oui, partagez.")

    def test_a_withdrawal_is_final(self):
        self.consent.with_user(self.concierge).action_withdraw()
        with self.assertRaises(UserError):
            self.consent.with_user(self.manager).write({"date_withdrawn": False})
        self.assertFalse(self.consent.is_active)

    def test_erasure_still_blanks_the_wording(self):
        self.journey.with_user(self.manager).action_anonymise_on_request()
        self.assertNotEqual(self.consent.wording, "Oui, partagez.")

    def test_duplicate_finder_answers_only_for_readable_leads(self):
        portal = new_test_user(self.env, "tc_proof_portal", "base.group_portal")
        with self.assertRaises(AccessError):
            self.journey.with_user(portal).action_show_potential_duplicates()

    def test_proof_is_set_by_the_server_on_create(self):
        """Third outside review (H5): a concierge created a consent "from the web form", dated
        2020 and recorded by a manager, through JSON-2."""
        before = fields.Datetime.now()
        consent = self.env["territory.consent"].with_user(self.concierge).create({
            "journey_id": self.journey.id, "purpose": "newsletter", "source": "paper", "wording": "Oui.",
            "date_given": "2020-01-01 10:00:00", "recorded_by_id": self.manager.id})
        self.assertEqual(consent.recorded_by_id, self.concierge, "recorded by whoever records it")
        self.assertGreaterEqual(consent.date_given, before.replace(microsecond=0), "dated when it is recorded")
        self.assertEqual(consent.source, "paper", "a source staff record by hand")
        for source in ("web_form", "portal", "import"):
            with self.subTest(source=source), self.assertRaises(UserError), self.cr.savepoint():
                self.env["territory.consent"].with_user(self.concierge).create({
                    "journey_id": self.journey.id, "purpose": "newsletter", "source": source, "wording": "Oui."})
            with self.subTest(source=source), self.assertRaises(UserError), self.cr.savepoint():
                self.env["territory.consent"].with_user(self.concierge).with_context(
                    default_source=source).create({"journey_id": self.journey.id, "purpose": "newsletter",
                                                    "wording": "Oui."})
        # Nor through the journey's Consents tab.
        self.journey.with_user(self.manager).write({"consent_ids": [(0, 0, {
            "purpose": "ambassador", "source": "phone", "wording": "Oui.", "date_given": "2020-01-01 10:00:00",
            "recorded_by_id": self.concierge.id})]})
        tab = self.journey.consent_ids.filtered(lambda c: c.purpose == "ambassador")
        self.assertEqual((tab.recorded_by_id, tab.date_given >= before.replace(microsecond=0)), (self.manager, True))
