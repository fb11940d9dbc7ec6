from odoo.tests import tagged, users

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestStageActivitiesCloseWhenTheJourneyMovesOn(JourneyCommon):
    """The activities a stage's plan scheduled do not pile up: once the journey enters a
    later stage, those still open are closed, with a note naming them."""

    def _open_activities(self, journey):
        return self.env["mail.activity"].search([("res_model", "=", "crm.lead"), ("res_id", "=", journey.id)])

    def _qualified_journey(self):
        journey = self._create_journey(household_member_ids=self._household(), project_horizon="lt_6m",
                                       user_id=self.concierge.id)
        self.assertEqual(self._open_activities(journey).mapped("summary"),
                         self.stages["contacted"].activity_plan_id.template_ids.mapped("summary"))
        return journey

    @users("tc_concierge_health")
    def test_moving_on_closes_the_activities_of_the_stages_left(self):
        """Another concierge moves the journey: the qualification call of Contacted is closed."""
        journey = self._qualified_journey().with_user(self.env.user)
        qualification_call = self._open_activities(journey)
        summary = qualification_call.summary
        journey.stage_id = self.stages["prioritized"]
        self.assertFalse(qualification_call.exists(), "the call of Contacted is still open at Prioritised")
        self.assertEqual(self._open_activities(journey).mapped("summary"),
                         self.stages["prioritized"].activity_plan_id.template_ids.mapped("summary"))
        note = journey.message_ids[0]
        self.assertIn(summary, note.body)

    def test_a_stage_can_keep_its_activities(self):
        """The manager unticks the box on a stage: its activities stay open after it."""
        self.stages["contacted"].close_activities_on_leave = False
        journey = self._qualified_journey()
        qualification_call = self._open_activities(journey)
        journey.with_user(self.concierge).stage_id = self.stages["qualified"]
        self.assertTrue(qualification_call.exists())

    def test_moving_back_closes_nothing(self):
        """Back to an earlier stage: the activities of the later stage stay (and those of the
        earlier stage are scheduled again)."""
        journey = self._qualified_journey().with_user(self.concierge)
        journey.stage_id = self.stages["prioritized"]
        prioritised_activities = self._open_activities(journey)
        journey.stage_id = self.stages["qualified"]
        self.assertTrue(prioritised_activities.exists())

    def test_other_activities_stay(self):
        """Activities the concierge scheduled by hand are not the plan's: they stay."""
        journey = self._qualified_journey()
        own = journey.activity_schedule("mail.mail_activity_data_todo", summary="Rappeler la mairie",
                                        user_id=self.concierge.id)
        journey.with_user(self.concierge).stage_id = self.stages["prioritized"]
        self.assertTrue(own.exists())
