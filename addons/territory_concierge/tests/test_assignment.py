from odoo.tests import tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestAssignment(JourneyCommon):
    """New journeys without a concierge are split between the team members by their
    CRM assignment rules, the least loaded first."""

    def _intake(self, count=1, **values):
        return self.env["crm.lead"].create([
            {"name": f"Intake {i}", "team_id": self.team.id, "type": "opportunity", "user_id": False, **values}
            for i in range(count)
        ])

    def test_preferred_domain_routes_health_workers(self):
        journeys = self._intake(3, profile_ids=[self.profile_health.id])
        self.assertEqual(journeys.user_id, self.concierge_health, "health workers go to their concierge first")

    def test_workload_balancing(self):
        journeys = self._intake(4, profile_ids=[self.profile_family.id])
        per_user = {user: len(journeys.filtered(lambda j, u=user: j.user_id == u))
                    for user in (self.concierge, self.concierge_health)}
        self.assertEqual(per_user, {self.concierge: 2, self.concierge_health: 2})

    def test_capacity_weighs_the_balance(self):
        self.member.assignment_max = 90  # three times Hélène's 30
        journeys = self._intake(8, profile_ids=[self.profile_family.id])
        self.assertEqual(len(journeys.filtered(lambda j: j.user_id == self.concierge)), 6)
        self.assertEqual(len(journeys.filtered(lambda j: j.user_id == self.concierge_health)), 2)

    def test_assignment_domain_restricts(self):
        self.member.assignment_domain = "[('profile_ids.code', '!=', 'family')]"
        journeys = self._intake(3, profile_ids=[self.profile_family.id])
        self.assertEqual(journeys.user_id, self.concierge_health)

    def test_opted_out_member_gets_nothing(self):
        self.member_health.assignment_optout = True
        journeys = self._intake(2, profile_ids=[self.profile_health.id])
        self.assertEqual(journeys.user_id, self.concierge)

    def test_explicit_concierge_is_kept(self):
        journey = self._create_journey(user=self.manager, user_id=self.concierge_health.id,
                                       profile_ids=[self.profile_family.id])
        self.assertEqual(journey.user_id, self.concierge_health)
