from ast import literal_eval

from odoo.tests import Form, tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestAssignment(JourneyCommon):
    """New journeys without a concierge are split between the team members by their
    CRM assignment rules and their capacity in open journeys, the least loaded first."""

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
        self.member.journey_capacity = 90  # three times Hélène's 30
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

    def _create_from_the_journey_form(self, user, **values):
        """As in the browser: the journeys action's form, with CRM's defaults (its creator as salesperson)."""
        context = literal_eval(self.env.ref("territory_concierge.crm_lead_action_journeys").context)
        with Form(self.env["crm.lead"].with_user(user).with_context(**context),
                  view="territory_concierge.crm_lead_view_form_journey") as form:
            form.name = "Famille Formulaire"
            for field, value in values.items():
                setattr(form, field, value)
        return form.record

    def test_journey_created_by_a_manager_outside_the_team_goes_to_a_concierge(self):
        journey = self._create_from_the_journey_form(self.manager)
        self.assertTrue(journey.is_journey)
        self.assertIn(journey.user_id, self.concierge | self.concierge_health,
                      "a concierge of the team by its rules, not the manager who typed it")

    def test_journey_created_by_a_concierge_stays_theirs_unless_a_rule_says_otherwise(self):
        journey = self._create_from_the_journey_form(self.concierge)
        self.assertEqual(journey.user_id, self.concierge)
        journey = self._create_journey(profile_ids=[self.profile_health.id])
        self.assertEqual(journey.user_id, self.concierge_health, "health workers go to their concierge first")
        self.member.assignment_domain = "[('profile_ids.code', '!=', 'family')]"
        journey = self._create_journey(profile_ids=[self.profile_family.id])
        self.assertEqual(journey.user_id, self.concierge_health, "Chloé takes no families")

    def test_explicit_outsider_is_replaced_by_a_concierge(self):
        journey = self._create_journey(user=self.manager, user_id=self.salesman.id)
        self.assertIn(journey.user_id, self.concierge | self.concierge_health)

    def _open_journeys_of(self, user, count):
        """Journeys a manager gave to ``user`` by hand (kept whatever the capacity)."""
        for _i in range(count):
            self._create_journey(user=self.manager, user_id=user.id)

    def _full_team_activities(self, journey):
        return journey.activity_ids.filtered(lambda a: "pleine capacité" in (a.summary or "")
                                             or "full capacity" in (a.summary or ""))

    def test_capacity_is_a_cap(self):
        self.member.journey_capacity = 2
        self.member_health.journey_capacity = 3
        journeys = self._intake(7, profile_ids=[self.profile_family.id])
        self.assertEqual(len(journeys.filtered(lambda j: j.user_id == self.concierge)), 2)
        self.assertEqual(len(journeys.filtered(lambda j: j.user_id == self.concierge_health)), 3)
        self.assertEqual(len(journeys.filtered(lambda j: not j.user_id)), 2, "nobody has room left")

    def test_open_journeys_count_against_the_capacity(self):
        self.member.journey_capacity = 5
        self._open_journeys_of(self.concierge, 5)
        journeys = self._intake(6, profile_ids=[self.profile_family.id])
        self.assertEqual(journeys.user_id, self.concierge_health, "Chloé is full with 5 open journeys")

    def test_closed_journeys_free_capacity(self):
        self.member.journey_capacity = 1
        self.member_health.journey_capacity = 0
        first = self._intake()
        self.assertEqual(first.user_id, self.concierge)
        first.action_set_lost()
        second = self._intake()
        self.assertEqual(second.user_id, self.concierge, "a closed journey no longer counts")

    def test_stock_crm_capacity_is_not_ours(self):
        """CRM's own assignment_max ('leads on 30 days') keeps its stock meaning: it does not
        decide journeys."""
        (self.member | self.member_health).assignment_max = 0
        journeys = self._intake(2, profile_ids=[self.profile_family.id])
        self.assertEqual(journeys.user_id, self.concierge | self.concierge_health)

    def test_whole_team_full_leaves_journey_unassigned_for_the_leader(self):
        self.team.user_id = self.manager
        (self.member | self.member_health).journey_capacity = 1
        self._open_journeys_of(self.concierge, 1)
        self._open_journeys_of(self.concierge_health, 1)
        journey = self._intake(profile_ids=[self.profile_family.id])
        self.assertFalse(journey.user_id)
        activities = self._full_team_activities(journey)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.manager)

    def test_whole_team_full_without_leader_warns_the_managers(self):
        self.team.user_id = False
        (self.member | self.member_health).journey_capacity = 1
        self._open_journeys_of(self.concierge, 1)
        self._open_journeys_of(self.concierge_health, 1)
        journey = self._create_from_the_journey_form(self.concierge)
        self.assertFalse(journey.user_id, "its creator is full too")
        activities = self._full_team_activities(journey)
        self.assertIn(self.manager, activities.user_id)
        self.assertLessEqual(activities.user_id, self.env.ref(
            "territory_concierge.group_concierge_manager").user_ids, "managers only")
        self.assertEqual(len(activities), len(activities.user_id), "one activity each")

    def test_full_creator_hands_over_to_a_colleague_with_room(self):
        self.member.journey_capacity = 1
        self._open_journeys_of(self.concierge, 1)
        journey = self._create_from_the_journey_form(self.concierge)
        self.assertEqual(journey.user_id, self.concierge_health)

    def test_capacity_shown_in_the_members_settings(self):
        settings = self.env.ref("territory_concierge.crm_team_view_form_concierge_settings")
        arch = self.team.with_user(self.manager).get_views([(settings.id, "form")])["views"]["form"]["arch"]
        self.assertIn('name="journey_capacity"', arch)
        self.assertNotIn('name="assignment_max"', arch)
