from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import PartnerCommon


@tagged("post_install", "-at_install")
class TestSharing(PartnerCommon):
    """Sharing a journey with partner organisations: consent, scope, answers, revocation."""

    def test_demo_share_notes_speak_french(self):
        """The demo's shares are created at install, before the fields' French labels are loaded:
        their notes on the journeys name the scopes in French all the same."""
        journey = self.env.ref("territory_concierge.journey_lefebvre")
        notes = " ".join(body for body in journey.message_ids.mapped("body") if "Partagé avec" in body)
        self.assertIn("Recherche d'emploi", notes)
        self.assertNotIn("Job search", notes)

    def test_staff_cannot_forge_the_partner_answer(self):
        share = self._share()
        for vals in ({"state": "accepted"}, {"feedback": "Forged"}, {"answered_by_id": self.employer_user.id},
                     {"close_reason": "done"}, {"shared_by_id": self.manager.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                share.with_user(self.manager).write(vals)
        share.with_user(self.concierge).outcome = "hired"  # what the concierge learns, they record
        self.assertEqual((share.state, share.feedback, share.outcome), ("proposed", False, "hired"))

    def test_sharing_without_consent_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "has not consented to sharing"):
            self._share(journey=self.journey_without_consent)

    def test_sharing_needs_a_scope_and_a_partner_organisation(self):
        with self.assertRaisesRegex(ValidationError, "at least one part"):
            self._share(scope_identity=False)
        plain_company = self.env["res.partner"].create({"name": "Pas partenaire", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "not a partner organisation"):
            self._share(org=plain_company)

    def test_one_open_share_per_organisation(self):
        self._share()
        with self.assertRaisesRegex(ValidationError, "already shared"):
            self._share()
        self._share(org=self.org_chamber)

    def test_share_is_logged_and_followed(self):
        share = self._share()
        self.assertIn("Usine Test", self.journey.message_ids[0].body)
        self.assertEqual(share.shared_by_id, self.concierge)
        self.assertIn(self.concierge.partner_id, share.message_partner_ids)
        self.assertIn(self.employer_user.partner_id, share.message_partner_ids)
        self.assertNotIn(self.chamber_user.partner_id, share.message_partner_ids)

    def test_each_partner_reads_only_its_own_shares(self):
        employer_share = self._share()
        chamber_share = self._share(org=self.org_chamber, scope_business=True)
        Share = self.env["territory.share"]
        self.assertEqual(Share.with_user(self.employer_user).search([]), employer_share)
        self.assertEqual(Share.with_user(self.chamber_user).search([]), chamber_share)
        self.assertFalse(Share.with_user(self.family_user).search([]))
        with self.assertRaises(AccessError):
            chamber_share.with_user(self.employer_user).read(["state"])
        with self.assertRaises(AccessError):
            chamber_share.with_user(self.employer_user).action_partner_accept("Volontiers")
        # The share never opens the journey itself to the partner, nor the journey link.
        with self.assertRaises(AccessError):
            self.journey.with_user(self.employer_user).read(["name"])
        with self.assertRaises(AccessError):
            employer_share.with_user(self.employer_user).read(["journey_id"])
        with self.assertRaises(AccessError):
            self.env["crm.lead"].with_user(self.employer_user).search([("id", "=", self.journey.id)])

    def test_partner_sees_only_the_shared_scope(self):
        share = self._share(scope_jobs=True)
        sections = dict(share.with_user(self.employer_user)._check_partner_access()._get_shared_sections())
        self.assertEqual(list(sections), ["Job search"])
        self.assertIn("Infirmière", str(sections["Job search"]))
        self.assertNotIn("Alice", str(sections["Job search"]), "first names are identity")
        self.assertNotIn("Alice Consentante", str(sections))
        label = share.with_user(self.employer_user).with_context(lang="en_US").household_label
        self.assertTrue(label.startswith("Household shared on "), label)
        self.assertNotIn(str(self.journey.id), label.removeprefix("Household shared on "),
                         "the journey's database id is not shown to partners")
        self.assertTrue(share.with_user(self.employer_user).with_context(lang="fr_FR").household_label
                        .startswith("Foyer partagé le "))
        full = self._share(org=self.org_chamber, scope_identity=True, scope_household=True, scope_business=True)
        sections = dict(full._get_shared_sections())
        self.assertEqual(list(sections), ["Identity and contact details", "Household", "Business project"])
        self.assertIn("alice@consent.example", str(sections["Identity and contact details"]))
        self.assertEqual(full.household_label, "Alice Consentante")

    def test_accept_and_feedback_reach_the_concierge(self):
        share = self._share()
        share.with_user(self.employer_user).action_partner_accept("Entretien possible mardi.")
        self.assertEqual(share.state, "accepted")
        self.assertEqual(share.answered_by_id, self.employer_user)
        message = self.journey.message_ids[0]
        self.assertIn("accepted the journey", message.body)
        self.assertIn("Entretien possible mardi.", message.body)
        self.assertEqual(message.author_id, self.employer_user.partner_id)
        self.assertIn(self.concierge.partner_id, message.notified_partner_ids)
        with self.assertRaisesRegex(UserError, "already been answered"):
            share.with_user(self.employer_user).action_partner_decline("Finalement non")
        share.with_user(self.employer_user).action_partner_feedback("Embauchée en CDI.", "hired")
        self.assertEqual((share.outcome, share.feedback), ("hired", "Embauchée en CDI."))
        self.assertIn("Embauchée en CDI.", self.journey.message_ids[0].body)

    def test_decline_needs_a_reason_and_ends_access(self):
        share = self._share()
        with self.assertRaisesRegex(UserError, "why you decline"):
            share.with_user(self.employer_user).action_partner_decline("  ")
        self.assertEqual(share.state, "proposed")
        share.with_user(self.employer_user).action_partner_decline("Aucun poste d'infirmière chez nous.")
        self.assertEqual(share.state, "declined")
        self.assertIn("declined the journey", self.journey.message_ids[0].body)
        self.assertFalse(self.env["territory.share"].with_user(self.employer_user).search([]))

    def test_withdrawing_consent_revokes_in_the_same_transaction(self):
        employer_share = self._share()
        chamber_share = self._share(org=self.org_chamber)
        employer_share.with_user(self.employer_user).action_partner_accept()
        self.journey.consent_ids.filtered(lambda c: c.purpose == "partner_sharing").with_user(
            self.concierge).action_withdraw()
        self.assertEqual((employer_share | chamber_share).mapped("state"), ["closed", "closed"])
        self.assertEqual(employer_share.close_reason, "consent_withdrawn")
        with self.assertRaises(AccessError):
            employer_share.with_user(self.employer_user)._check_partner_access()
        self.assertNotIn(self.employer_user.partner_id, employer_share.message_partner_ids)
        with self.assertRaisesRegex(ValidationError, "has not consented"):
            self._share(org=self.org_chamber)

    def test_no_token_opens_a_share(self):
        share = self._share()
        token = share.sudo()._portal_ensure_token()
        Share = self.env["territory.share"]
        self.assertEqual(Share.with_user(self.employer_user)._get_thread_with_access(share.id), share)
        for user in (self.chamber_user, self.family_user, self.env.ref("base.public_user")):
            with self.subTest(user=user.login):
                self.assertFalse(Share.with_user(user)._get_thread_with_access(share.id, token=token))
        share._revoke("consent_withdrawn")
        self.assertFalse(Share.with_user(self.employer_user)._get_thread_with_access(share.id, token=token))

    def test_closing_the_journey_revokes(self):
        share = self._share()
        self.journey.with_user(self.concierge).action_set_lost()
        self.assertEqual((share.state, share.close_reason), ("closed", "journey_closed"))
        self.assertFalse(self.env["territory.share"].with_user(self.employer_user).search([]))

    def test_staff_do_not_use_the_partner_side(self):
        share = self._share()
        with self.assertRaises(AccessError):
            share.with_user(self.concierge)._check_partner_access()

    def test_who_shared_and_who_answered_are_set_by_the_server(self):
        """Third outside review (H5): a concierge created a share "by a manager", already accepted
        by the partner's contact with their feedback, through JSON-2."""
        share = self.env["territory.share"].with_user(self.concierge).create({
            "journey_id": self.journey.id, "partner_org_id": self.org_employer.id, "scope_jobs": True,
            "shared_by_id": self.manager.id, "date_shared": "2020-01-01 00:00:00", "state": "accepted",
            "answered_by_id": self.employer_user.id, "date_answered": "2026-01-01 00:00:00",
            "feedback": "forged partner feedback", "close_reason": "done"})
        self.assertEqual((share.shared_by_id, share.state, share.answered_by_id, share.date_answered,
                          share.feedback, share.close_reason),
                         (self.concierge, "proposed", self.env["res.users"], False, False, False))
        self.assertGreater(share.date_shared, fields.Datetime.to_datetime("2026-01-01 00:00:00"))
        self.assertEqual(share.message_ids.filtered(lambda m: m.message_type == "comment").author_id,
                         self.concierge.partner_id, "the first comment is the sharer's")
        # Defaults given in the context are not a way round either.
        other = self.env["territory.share"].with_user(self.concierge).with_context(
            default_state="accepted", default_shared_by_id=self.manager.id).create({
                "journey_id": self.journey.id, "partner_org_id": self.org_chamber.id, "scope_jobs": True})
        self.assertEqual((other.state, other.shared_by_id), ("proposed", self.concierge))

    def test_share_wizard_from_the_pipeline(self):
        other = self._create_journey(name="Famille Deux", consent_ids=[(0, 0, {
            "purpose": "partner_sharing", "wording": "Oui.", "source": "phone"})])
        wizard = self.env["territory.share.wizard"].with_user(self.concierge).create({
            "journey_ids": [(6, 0, (self.journey | other).ids)],
            "partner_org_ids": [(6, 0, (self.org_employer | self.org_chamber).ids)],
            "scope_jobs": True, "message": "Deux profils pour vous."})
        wizard.action_share()
        shares = self.env["territory.share"].search([("journey_id", "in", (self.journey | other).ids)])
        self.assertEqual(len(shares), 4)
        self.assertTrue(all(share.scope_jobs and share.scope_household for share in shares))
        self.assertIn("Deux profils pour vous.", shares[0].message_ids[0].body)
        self.assertEqual(shares[0].message_ids[0].message_type, "comment", "shown in the partner's thread")

    def test_viewing_is_logged(self):
        share = self._share()
        share.with_user(self.employer_user)._check_partner_access().with_user(self.employer_user)._log_partner_view()
        self.assertEqual(share.view_ids.user_id, self.employer_user)

    def test_portal_access_in_one_click(self):
        contact = self.env["res.partner"].create({"name": "Nina Nouvelle", "parent_id": self.org_chamber.id,
                                                  "email": "nina@chambre.example"})
        contact.with_user(self.manager).action_give_portal_access()
        self.assertTrue(contact.user_ids._is_portal())
        no_email = self.env["res.partner"].create({"name": "Sans Mail", "parent_id": self.org_chamber.id})
        with self.assertRaisesRegex(UserError, "e-mail address"):
            no_email.with_user(self.manager).action_give_portal_access()


@tagged("post_install", "-at_install")
class TestPartnerOpportunities(PartnerCommon):
    """Partners manage their own organisation's offers, nobody else's."""

    def test_partner_manages_only_its_own_offers(self):
        Opportunity = self.env["territory.opportunity"]
        own = Opportunity.with_user(self.employer_user).create({
            "name": "Soudeur", "kind": "job", "partner_org_id": self.org_employer.id})
        other = Opportunity.create({"name": "Cession", "kind": "business", "partner_org_id": self.org_chamber.id})
        self.assertEqual(Opportunity.with_user(self.employer_user).search([]), own)
        own.with_user(self.employer_user).write({"positions": 3})
        with self.assertRaises(AccessError):
            other.with_user(self.employer_user).write({"positions": 3})
        with self.assertRaises(AccessError):
            Opportunity.with_user(self.employer_user).create({
                "name": "Faux", "kind": "job", "partner_org_id": self.org_chamber.id})
        with self.assertRaises(AccessError):
            own.with_user(self.employer_user).write({"partner_org_id": self.org_chamber.id})
        with self.assertRaises(AccessError):
            own.with_user(self.employer_user).unlink()
        self.assertFalse(Opportunity.with_user(self.family_user).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.family_user).read(["name"])


@tagged("post_install", "-at_install")
class TestPartnerPersonalData(PartnerCommon):

    def test_export_lists_the_households_shares_only(self):
        self._share()
        other = self._create_journey(name="Famille Voisine", consent_ids=[(0, 0, {
            "purpose": "partner_sharing", "wording": "Oui.", "source": "phone"})])
        self._share(journey=other, org=self.org_chamber)
        data = self.journey.with_user(self.concierge)._get_personal_data(["name"])
        self.assertEqual([share["organisation"] for share in data["partner_shares"]], ["Usine Test"])
