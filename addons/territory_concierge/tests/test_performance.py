from odoo.tests import tagged, users, warmup

from .common import JourneyCommon


@tagged("post_install", "-at_install", "territory_concierge_perf")
class TestJourneyPerformance(JourneyCommon):
    """Query counts of the hot paths: they must not grow with the number of records."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journeys = cls.env["crm.lead"].create([{
            "name": f"Famille {i}", "team_id": cls.team.id, "type": "opportunity", "user_id": cls.concierge.id,
            "profile_ids": [cls.profile_family.id], "wished_commune_ids": [cls.village.id],
            "household_member_ids": cls._household(adults=2, children=1), "project_horizon": "lt_6m",
        } for i in range(20)])
        # A desk in use has journeys that ended: CRM's predictive scoring then reads the team's
        # frequencies on each create and move. Measured so, with or without the demo's ended journeys.
        ended = cls.env["crm.lead"].create([{
            "name": f"Famille partie {i}", "team_id": cls.team.id, "type": "opportunity", "user_id": cls.concierge.id,
        } for i in range(2)])
        ended.action_set_lost(lost_reason_id=cls.env.ref("territory_concierge.lost_reason_elsewhere").id)

    def _kanban_spec(self):
        return {"name": {}, "priority_score": {}, "adult_count": {}, "child_count": {}, "has_fit_warnings": {},
                "profile_ids": {"fields": {"display_name": {}, "color": {}}},
                "user_id": {"fields": {"display_name": {}}}, "stage_id": {"fields": {"display_name": {}}},
                "activity_ids": {}, "activity_state": {}, "tag_ids": {"fields": {"display_name": {}, "color": {}}}}

    @users("tc_concierge")
    @warmup
    def test_pipeline_kanban_read(self):
        """Loading the pipeline cards costs the same for 10 or 20 journeys."""
        domain = [("id", "in", self.journeys.ids)]
        self.env["crm.lead"].web_search_read(domain, self._kanban_spec(), limit=5)  # caches the access rules
        with self.assertQueryCount(tc_concierge=QUERIES_KANBAN):
            self.env["crm.lead"].web_search_read(domain, self._kanban_spec(), limit=10)
        with self.assertQueryCount(tc_concierge=QUERIES_KANBAN):
            self.env["crm.lead"].web_search_read(domain, self._kanban_spec(), limit=20)

    @users("tc_concierge")
    @warmup
    def test_create_journeys_batch(self):
        """Creating journeys (gates, score, assignment, stage plan) is batched."""
        def values(count):
            return [{"name": f"Nouvelle {i}", "team_id": self.team.id, "type": "opportunity",
                     "profile_ids": [self.profile_family.id],
                     "household_member_ids": self._household(adults=1)} for i in range(count)]
        with self.assertQueryCount(tc_concierge=QUERIES_CREATE):
            self.env["crm.lead"].create(values(10))
        with self.assertQueryCount(tc_concierge=QUERIES_CREATE):
            self.env["crm.lead"].create(values(20))

    @users("tc_concierge")
    @warmup
    def test_move_journeys_next_stage(self):
        journeys = self.env["crm.lead"].browse(self.journeys.ids)
        with self.assertQueryCount(tc_concierge=QUERIES_MOVE_20):
            journeys.write({"stage_id": self.stages["qualified"].id})


# Measured on Odoo 19.0; a rise means a new query per record or per call: find out why.
QUERIES_KANBAN = 9
# Creating: 48 since the team's rules also decide for journeys a concierge creates (its members
# and their load are read once per call), formerly skipped because CRM filled in the creator;
# 51 since capacity is a cap: the warmed-up run finds the team full (one write per concierge,
# one batch of activities for the managers); 52 with ended journeys in the team (CRM's predictive
# scoring reads the team's frequencies once per call); 54 since a territory is a company (the
# territory of the household members and stage history rows, and the journeys team check).
QUERIES_CREATE = 54
# Moving: 39 since the activities of the stages left are closed (one search, one batch of
# notes, one unlink, whatever the number of journeys); 35 since the stage plans are launched
# before that unlink (which empties the record cache) and give the activities their document name;
# 36 since the stage history rows carry the journey's territory (company); 37 since the stage's
# plan is read as its configuration (plans belong to a territory: superuser read).
QUERIES_MOVE_20 = 37
