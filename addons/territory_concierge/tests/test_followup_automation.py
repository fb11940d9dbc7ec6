import datetime
from unittest.mock import patch

from odoo.tests import common, tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestFollowUpAutomation(JourneyCommon):
    """Never drop a follow-up: activity plans on stage entry, and the shipped
    time-based automation rules, run by the real cron at simulated dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.automation_cron = cls.env.ref("base_automation.ir_cron_data_base_automation_check")
        cls.our_automations = cls.env["base.automation"].search([("trigger", "=", "on_time")]).filtered(
            lambda a: a.get_external_id()[a.id].startswith("territory_concierge."))

    def _run_cron_at(self, when):
        with (
            common.freeze_time(when),
            patch.object(self.env.cr, "_now", datetime.datetime.fromisoformat(when)),
            self.enter_registry_test_mode(),
        ):
            self.automation_cron.method_direct_trigger()
        self.env.invalidate_all()

    def _installed_on_january_10th(self):
        """A journey installed on 2026-01-10, the automations having last run that day."""
        start = "2026-01-10 10:00:00"
        with common.freeze_time(start), patch.object(self.env.cr, "_now", datetime.datetime.fromisoformat(start)):
            journey = self._create_journey(household_member_ids=self._household(), project_horizon="lt_6m")
            journey.write({"installation_commune_id": self.town_with_station.id, "installation_date": "2026-01-10",
                           "stage_id": self.stages["installed"].id})
            idle = self._create_journey(name="Famille silencieuse")
            self.our_automations.last_run = datetime.datetime.fromisoformat(start)
        return journey, idle

    def _summaries(self, journey):
        return set(journey.activity_ids.mapped("summary"))

    def test_stage_entry_launches_plan(self):
        journey = self._create_journey(household_member_ids=self._household(), project_horizon="lt_6m")
        self.assertEqual(self._summaries(journey), {"Appel de qualification : projet, horizon, motivation"},
                         "entering Contacté starts the qualification plan")
        self.assertEqual(journey.activity_ids.user_id, self.concierge, "for the journey's concierge")
        journey.stage_id = self.stages["qualified"]
        welcome = journey.activity_ids.filtered(lambda a: a.summary.startswith("Envoyer le pack d'accueil"))
        self.assertEqual(len(welcome), 1)
        self.assertEqual(welcome.date_deadline, datetime.date.today() + datetime.timedelta(days=3))

    def test_plan_is_data_staff_can_change(self):
        """A stage without plan launches nothing; a plan set by the manager applies at once."""
        self.stages["contacted"].with_user(self.manager).activity_plan_id = False
        journey = self._create_journey()
        self.assertFalse(journey.activity_ids)
        self.stages["prioritized"].with_user(self.manager).activity_plan_id = self.env.ref(
            "territory_concierge.activity_plan_decision")
        journey.write({"household_member_ids": self._household(), "project_horizon": "lt_6m",
                       "stage_id": self.stages["prioritized"].id})
        self.assertEqual(self._summaries(journey), {"Appel de décision avec le foyer"})

    def test_done_activity_counts_as_follow_up(self):
        with common.freeze_time("2026-01-10 09:00:00"):
            journey = self._create_journey()
        self.assertEqual(journey.date_last_followup, datetime.datetime(2026, 1, 10, 9, 0))
        journey.activity_ids.action_done()
        self.assertGreater(journey.date_last_followup, datetime.datetime(2026, 1, 10, 9, 0))

    def test_installed_follow_ups_and_settled(self):
        journey, idle = self._installed_on_january_10th()

        self._run_cron_at("2026-02-11 08:00:00")
        self.assertIn("Suivi à 1 mois après l'installation", self._summaries(journey))
        self.assertNotIn("Suivi à 3 mois après l'installation", self._summaries(journey))
        self.assertIn("Aucun suivi depuis 30 jours : reprendre contact", self._summaries(idle),
                      "a journey without follow-up for 30 days alerts its concierge")
        self.assertEqual(idle.activity_ids.filtered(lambda a: a.summary.startswith("Aucun suivi")).user_id,
                         self.concierge)

        self._run_cron_at("2026-04-11 08:00:00")
        self.assertIn("Suivi à 3 mois après l'installation", self._summaries(journey))
        self._run_cron_at("2026-07-11 08:00:00")
        self.assertIn("Suivi à 6 mois après l'installation", self._summaries(journey))
        self.assertEqual(journey.stage_id, self.stages["installed"])

        self._run_cron_at("2027-01-11 08:00:00")
        self.assertIn("Suivi à 12 mois après l'installation", self._summaries(journey))
        self.assertEqual(journey.stage_id, self.stages["settled"], "a year after installation: settled")

    def test_gone_household_does_not_become_settled(self):
        journey, _idle = self._installed_on_january_10th()
        journey.action_set_lost(lost_reason_id=self.env.ref(
            "territory_concierge.lost_reason_left_after_installation").id)
        self._run_cron_at("2027-01-11 08:00:00")
        self.assertEqual(journey.stage_id, self.stages["installed"])

    def test_rules_follow_milestones_in_every_team(self):
        """A second journeys team with copies of the stages (a territory made by the wizard): its
        installed households get the follow-ups and reach its own "settled" stage."""
        team = self.team.copy({"name": "Accueil bis", "alias_name": False})
        copies = {name: stage.copy({"name": stage.name, "team_ids": [(6, 0, team.ids)]})
                  for name, stage in self.stages.items()}
        self.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": self.concierge.id})
        start = "2026-01-10 10:00:00"
        with common.freeze_time(start), patch.object(self.env.cr, "_now", datetime.datetime.fromisoformat(start)):
            journey = self._create_journey(team_id=team.id, household_member_ids=self._household(),
                                           project_horizon="lt_6m")
            journey.write({"installation_commune_id": self.town_with_station.id, "installation_date": "2026-01-10",
                           "stage_id": copies["installed"].id})
            self.our_automations.last_run = datetime.datetime.fromisoformat(start)
        self._run_cron_at("2026-02-11 08:00:00")
        self.assertIn("Suivi à 1 mois après l'installation", self._summaries(journey))
        self._run_cron_at("2027-01-11 08:00:00")
        self.assertEqual(journey.stage_id, copies["settled"], "its own team's stage, not the shipped one")

    def test_each_territory_runs_its_own_rules(self):
        """A territory made by the wizard gets copies of the rules, filtered on it: its journeys
        get their follow-up once, from its own rules, which it changes without touching
        Haute-Marne's."""
        action = self.env["territory.setup.wizard"].with_user(self.manager).create({
            "name": "Vosges", "territory_place": "dans les Vosges",
            "user_ids": [(6, 0, self.concierge.ids)]}).action_create()
        team = self.env["crm.team"].browse(action["params"]["team_id"])
        vosges_rules = self.env["base.automation"].search(
            [("filter_domain", "like", f"('company_id', '=', {team.company_id.id})")])
        vosges_rule = vosges_rules.filtered(
            lambda rule: rule.trg_date_range == 1 and rule.trg_date_range_type == "month")
        self.assertEqual(len(vosges_rule), 1)
        vosges_rule.action_server_ids.activity_summary = "Suivi à 1 mois (Vosges)"
        stages = self.env["crm.stage"].search([("team_ids", "=", team.id)])
        installed = stages.filtered(lambda stage: stage.milestone == "installed")
        start = "2026-01-10 10:00:00"
        with common.freeze_time(start), patch.object(self.env.cr, "_now", datetime.datetime.fromisoformat(start)):
            haute_marne, _idle = self._installed_on_january_10th()
            vosges = self.env["crm.lead"].with_user(self.concierge).with_context(
                allowed_company_ids=team.company_id.ids).create({
                    "name": "Famille Spinalienne", "type": "opportunity", "team_id": team.id,
                    "user_id": self.concierge.id, "project_horizon": "lt_6m",
                    "household_member_ids": self._household()})
            vosges.write({"installation_commune_id": self.town_with_station.id, "installation_date": "2026-01-10",
                          "stage_id": installed.id})
            (self.our_automations | vosges_rules).last_run = datetime.datetime.fromisoformat(start)
        self._run_cron_at("2026-02-11 08:00:00")
        self.assertEqual(vosges.activity_ids.filtered(lambda a: a.summary.startswith("Suivi à 1 mois")).mapped(
            "summary"), ["Suivi à 1 mois (Vosges)"], "once, from the Vosges' own rule")
        self.assertEqual(haute_marne.activity_ids.filtered(lambda a: a.summary.startswith("Suivi à 1 mois")).mapped(
            "summary"), ["Suivi à 1 mois après l'installation"], "Haute-Marne's rule is unchanged")
