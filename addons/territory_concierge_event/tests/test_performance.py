from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged, users, warmup

from odoo.addons.territory_concierge.tests.common import JourneyCommon


@tagged("post_install", "-at_install", "territory_concierge_event_perf")
class TestStayPerformance(JourneyCommon):
    """Query counts of invitations and attendance: they must not grow with the number of households."""

    # In the fixtures' context (as the core's guards): Odoo's own tracking messages, one per
    # record at commit, are not counted.

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        start = datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.weekend = cls.env["event.event"].create({
            "name": "Week-end découverte perf", "stay_kind": "group_weekend", "date_tz": "Europe/Paris",
            "event_type_id": cls.env.ref("territory_concierge_event.event_type_discovery_weekend").id,
            "date_begin": start, "date_end": start + timedelta(days=2), "seats_limited": False})
        cls.journeys = cls.env["crm.lead"].with_user(cls.concierge).create([{
            "name": f"Famille Séjour {i}", "team_id": cls.team.id, "type": "opportunity",
            "user_id": cls.concierge.id, "contact_name": f"Contact {i}", "email_from": f"sejour{i}@example.org",
            "household_member_ids": [Command.create({"role": "adult", "name": "Adulte", "age": 40})],
            "project_horizon": "lt_6m",
        } for i in range(13)])

    def _invite(self, journeys):
        """As the concierge does: select journeys in the pipeline, Actions > Invite to a stay."""
        wizard = self.env["territory.stay.invite.wizard"].with_context(
            active_model="crm.lead", active_ids=journeys.ids).create({"event_id": self.weekend.id})
        wizard.action_invite()
        return self.env["event.registration"].search([("journey_id", "in", journeys.ids)])

    @users("tc_concierge")
    @warmup
    def test_invite_journeys(self):
        """Inviting 2 or 10 households costs the same: registrations, invitation e-mails and
        journey notes in batches."""
        journeys = self.env["crm.lead"].browse(self.journeys.ids)
        self._invite(journeys[:1])  # the stay has invitations already (read once to skip them)
        self.env.invalidate_all()
        with self.assertQueryCount(tc_concierge=QUERIES_INVITE):
            self._invite(journeys[1:3])
        self.env.invalidate_all()
        with self.assertQueryCount(tc_concierge=QUERIES_INVITE):
            self._invite(journeys[3:13])
        self.assertEqual(len(self.env["mail.mail"].sudo().search([
            ("model", "=", "event.registration"), ("res_id", "in", self.weekend.registration_ids.ids)])), 13)

    @users("tc_concierge")
    @warmup
    def test_stay_attendance(self):
        """Marking 2 or 10 households as having come costs the same: the journeys move to the
        discovery stay stage in one write, the notes in one batch."""
        registrations = self.env["event.registration"].sudo().create([{
            "event_id": self.weekend.id, "journey_id": journey.id, "name": journey.contact_name,
            "email": journey.email_from, "stay_answer": "yes", "state": "open"} for journey in self.journeys])
        registrations = self.env["event.registration"].browse(registrations.ids)
        self.env.invalidate_all()
        with self.assertQueryCount(tc_concierge=QUERIES_ATTENDANCE):
            registrations[:2].action_set_done()
        self.env.invalidate_all()
        with self.assertQueryCount(tc_concierge=QUERIES_ATTENDANCE):
            registrations[2:12].action_set_done()
        stay_stage = self.env.ref("territory_concierge.stage_discovery_stay")
        self.assertEqual(self.journeys[:12].stage_id, stay_stage)


# Measured on Odoo 19.0; a rise means a new query per record or per call: find out why.
# Inviting: 48 for 2 households and 136 for 10 before the invitations (send_mail_batch) and the
# journeys' notes were batched.
QUERIES_INVITE = 32
# Attendance: the journeys behind move in one write per stage, the notes in one batch; 52 since
# the stage history rows carry the journey's territory (company), 53 since the stage's plan is
# read as its configuration.
QUERIES_ATTENDANCE = 53
