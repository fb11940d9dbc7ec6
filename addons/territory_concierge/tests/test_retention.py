from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import JourneyCommon
from .impact_dataset import AS_OF, CAMPAIGN, build_impact_dataset


@tagged("post_install", "-at_install")
class TestRetention(JourneyCommon):
    """Journeys that never installed are anonymised 3 years after their last follow-up,
    exactly those, and the impact figures do not move."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journeys = build_impact_dataset(cls.env)

    def _kpis(self):
        return self.env["territory.impact.report"].get_kpis(campaign=CAMPAIGN, as_of=AS_OF)

    def test_anonymise_exactly_the_expired_journeys(self):
        before = self._kpis()
        installed, never_installed = self.journeys[:10], self.journeys[10:]
        with freeze_time("2027-02-16 10:00:00"):
            # 2 years after the last stage change of most journeys: nothing is due yet.
            self.assertFalse(self.env["crm.lead"].search(self.env["crm.lead"]._retention_expired_domain()))
        with freeze_time("2028-06-02 10:00:00"):
            # Over 3 years after 2025-02 / 2025-04 / 2025-06: every never-installed journey of the case.
            expired = self.env["crm.lead"].with_context(active_test=False).search(
                self.env["crm.lead"]._retention_expired_domain()) & self.journeys
            self.assertEqual(expired, never_installed)
            self.env["crm.lead"]._cron_anonymise_expired_journeys()
        self.assertTrue(all(never_installed.mapped("anonymised_date")))
        self.assertFalse(any(installed.mapped("anonymised_date")), "installed households are kept")
        sample = never_installed[0]
        self.assertFalse(sample.email_from or sample.contact_name or sample.phone)
        self.assertRegex(sample.name, r"^(Anonymised journey #|Parcours anonymisé n°)", "the conciergerie's language")
        self.assertEqual(sample.household_member_ids.mapped("name"), [False])
        self.assertFalse(self.env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", sample.id)]))
        self.assertEqual(self._kpis(), before, "the funnel, costs and retention figures are unchanged")
        logs = self.env["privacy.log"].search([("execution_details", "ilike", f"#{sample.id} ")])
        self.assertTrue(logs, "each erasure is logged")

    def test_retention_follows_the_installed_milestone(self):
        """Staff renamed the "Installé" stage and its xml id is gone (the stage was recreated):
        the same journeys expire. A pipeline without an "installed" milestone erases nothing."""
        installed_stage = self.env.ref("territory_concierge.stage_installed")
        installed_stage.name = "Arrivé sur le territoire"
        self.env["ir.model.data"].search([("module", "=", "territory_concierge"),
                                          ("name", "=", "stage_installed")]).unlink()
        with freeze_time("2028-06-02 10:00:00"):
            expired = self.env["crm.lead"].with_context(active_test=False).search(
                self.env["crm.lead"]._retention_expired_domain()) & self.journeys
            self.assertEqual(expired, self.journeys[10:])
            self.env["crm.stage"].search([("milestone", "in", ("installed", "settled"))]).milestone = False
            with self.assertLogs("odoo.addons.territory_concierge.models.crm_lead", "WARNING"):
                self.assertFalse(self.env["crm.lead"].search(self.env["crm.lead"]._retention_expired_domain()))

    def test_retention_period_is_configurable(self):
        # Every journeys team (the demo's second territory has its own).
        self.env["crm.team"].search([("use_journeys", "=", True)]).retention_years = 0
        with freeze_time("2035-01-01 10:00:00"):
            self.assertFalse(self.env["crm.lead"].search(self.env["crm.lead"]._retention_expired_domain()))
        self.team.retention_years = 1
        with freeze_time("2026-02-20 10:00:00"):
            expired = self.env["crm.lead"].with_context(active_test=False).search(
                self.env["crm.lead"]._retention_expired_domain()) & self.journeys
        # Last follow-up before 2025-02-20: the 173 never qualified (2025-01-10) and the 244 qualified
        # on 2025-02-01 that went no further; not the 3 who had a stay on 2025-03-15.
        self.assertEqual(expired, self.journeys[13:])

    def test_preview_for_the_manager(self):
        with freeze_time("2028-06-02 10:00:00"):
            action = self.team.with_user(self.manager).action_view_retention_preview()
        previewed = self.env["crm.lead"].with_context(active_test=False).search(action["domain"]) & self.journeys
        self.assertEqual(previewed, self.journeys[10:])
        self.assertFalse(any(previewed.mapped("anonymised_date")), "a preview changes nothing")

    def test_export_holds_the_household_and_nobody_else(self):
        mine = self._create_journey(name="Famille Export", email_from="export.moi@example.org",
                                    household_member_ids=self._household(adults=1, children=1))
        mine.household_member_ids[0].name = "Prénom-Unique"
        self.env["territory.consent"].create({"journey_id": mine.id, "purpose": "newsletter",
                                              "wording": "J'accepte la lettre."})
        mine.message_post(body="Appel du 3 mars : projet confirmé.")
        other = self._create_journey(name="Famille Autre", email_from="autre.foyer@example.org")
        _filename, content = mine.with_user(self.concierge)._personal_data_export()
        content = content.decode()
        for expected in ("export.moi@example.org", "Prénom-Unique", "J'accepte la lettre.", "projet confirmé",
                         "Contacted"):
            self.assertIn(expected, content)
        for foreign in (other.email_from, other.name, self.journeys[0].email_from):
            self.assertNotIn(foreign, content)
        with self.assertRaises(AccessError):
            mine.with_user(self.salesman).action_export_personal_data()

    def test_erasure_on_request(self):
        journey = self.journeys[0]
        with self.assertRaises(AccessError):
            journey.with_user(self.concierge).action_anonymise_on_request()
        journey.with_user(self.manager).action_anonymise_on_request()
        self.assertTrue(journey.anonymised_date)
        self.assertFalse(journey.email_from)
        self.assertEqual(journey.furthest_stage_id, self.stages["installed"], "still counted in the funnel")
