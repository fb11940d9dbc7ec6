from datetime import date

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import SponsorshipCommon


@tagged("post_install", "-at_install")
class TestSponsorship(SponsorshipCommon):
    """Sponsorships: consent, states, capacity, check-ins and the retention alert."""

    def test_needs_the_households_consent(self):
        journey = self._create_journey(name="Sans consentement")
        with self.assertRaisesRegex(ValidationError, "has not consented"):
            self._propose(journey=journey)

    def test_state_machine(self):
        sponsorship = self._propose()
        self.assertEqual(sponsorship.state, "proposed")
        with self.assertRaisesRegex(UserError, "once both sides agreed"):
            sponsorship.with_user(self.concierge).action_start()
        sponsorship.with_user(self.anne_user).action_ambassador_agree()
        self.assertEqual((sponsorship.state, sponsorship.ambassador_agreed), ("proposed", True))
        sponsorship.with_user(self.concierge).action_family_agree()
        self.assertEqual(sponsorship.state, "accepted")
        self.assertIn("Both the ambassador and the family agreed", self.family_one.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "Only a proposed"):
            sponsorship.with_user(self.anne_user).action_ambassador_decline("Trop tard")
        sponsorship.with_user(self.concierge).action_start()
        self.assertEqual((sponsorship.state, sponsorship.date_start), ("active", date.today()))
        self.assertEqual(self.family_one.ambassador_id, self.ambassador_anne)
        sponsorship.with_user(self.concierge).action_end()
        self.assertEqual((sponsorship.state, sponsorship.end_reason), ("ended", "completed"))
        self.assertFalse(sponsorship.activity_ids, "no check-in left once it ended")

    def test_ambassador_declines_with_a_reason(self):
        sponsorship = self._propose()
        with self.assertRaisesRegex(UserError, "Say in a few words"):
            sponsorship.with_user(self.anne_user).action_ambassador_decline("")
        sponsorship.with_user(self.anne_user).action_ambassador_decline("Je pars six mois.")
        self.assertEqual((sponsorship.state, sponsorship.end_reason), ("declined", "declined_ambassador"))
        self.assertIn("Je pars six mois.", self.family_one.message_ids[0].body)

    def test_capacity_is_never_exceeded(self):
        self._propose(journey=self.family_one)  # Anne sponsors one household at once
        with self.assertRaisesRegex(ValidationError, "their maximum"), self.env.cr.savepoint():
            self._propose(journey=self.family_two)
        self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        with self.assertRaisesRegex(ValidationError, "already has an ambassador"), self.env.cr.savepoint():
            self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        ended = self.env["territory.sponsorship"].search([("journey_id", "=", self.family_one.id)])
        ended.action_end()
        self._propose(journey=self._family_journey("Famille Trois", "trois@famille.example", "an_family3"))

    def test_only_active_ambassadors(self):
        self.ambassador_bruno.ambassador_state = "paused"
        with self.assertRaisesRegex(ValidationError, "not an active ambassador"):
            self._propose(ambassador=self.ambassador_bruno)

    def test_checkins_are_scheduled_and_done_by_meetings(self):
        sponsorship = self._active()
        deadlines = sorted(sponsorship.activity_ids.mapped("date_deadline"))
        today = date.today()
        self.assertEqual(deadlines, [today + relativedelta(days=7)] +
                         [today + relativedelta(months=month) for month in range(1, 7)])
        self.assertEqual(set(sponsorship.activity_ids.user_id.ids), {self.concierge.id})
        sponsorship.with_user(self.anne_user).action_log_meeting(today, "visit", "Tout va bien.")
        self.assertEqual(len(sponsorship.activity_ids), 6, "the first check-in is done")
        self.assertEqual(sponsorship.meeting_ids.note, "Tout va bien.")
        self.assertEqual(sponsorship.meeting_ids.logged_by_id, self.anne_user)

    def test_checkins_are_the_team_plan(self):
        """Staff edit the check-in plan like any activity plan: fewer check-ins, other delays, or none."""
        plan = self.family_one.team_id.with_user(self.manager).sponsorship_checkin_plan_id
        self.assertEqual(plan, self.env.ref("ambassador_network.activity_plan_sponsorship_checkins"))
        with self.assertRaises(AccessError):
            plan.with_user(self.concierge).template_ids[:1].delay_count = 1
        plan.template_ids.sorted("sequence")[2:].unlink()
        plan.template_ids.sorted("sequence")[1].write({"delay_count": 3, "delay_unit": "weeks"})
        sponsorship = self._active()
        self.assertEqual(sorted(sponsorship.activity_ids.mapped("date_deadline")),
                         [date.today() + relativedelta(days=7), date.today() + relativedelta(weeks=3)])
        self.family_two.team_id.with_user(self.manager).sponsorship_checkin_plan_id = False
        self.assertFalse(self._active(journey=self.family_two, ambassador=self.ambassador_bruno).activity_ids,
                         "a team without plan schedules none")

    def test_checkins_count_from_a_future_arrival(self):
        arrival = date.today() + relativedelta(days=20)
        self.family_one.sudo().installation_date = arrival
        sponsorship = self._active()
        self.assertEqual(min(sponsorship.activity_ids.mapped("date_deadline")), arrival + relativedelta(days=7))

    def test_missed_checkin_raises_a_retention_risk(self):
        sponsorship = self._active()
        Sponsorship = self.env["territory.sponsorship"]
        with freeze_time(date.today() + relativedelta(days=10)):
            self.assertFalse(Sponsorship._cron_flag_missed_checkins(), "3 days late: still within grace")
        with freeze_time(date.today() + relativedelta(days=15)):
            self.assertEqual(Sponsorship._cron_flag_missed_checkins(), self.family_one)
        self.assertTrue(self.family_one.retention_risk)
        self.assertIn("Retention risk", self.family_one.message_ids[0].body)
        self.assertIn(self.concierge.partner_id, self.family_one.message_ids[0].notified_partner_ids)
        sponsorship.with_user(self.anne_user).action_log_meeting(date.today(), "phone", "Rappelés.")
        self.assertFalse(self.family_one.retention_risk)

    def test_staff_cannot_force_the_state_machine(self):
        """Agreements, state and dates change through the buttons only (each checks who acts)."""
        sponsorship = self._propose()
        for vals in ({"state": "active"}, {"ambassador_agreed": True, "family_agreed": True},
                     {"date_start": "2020-01-01"}, {"has_concern": True}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                sponsorship.with_user(self.manager).write(vals)
        with self.assertRaises(AccessError):
            self.env["territory.sponsorship"].with_user(self.concierge).create({
                "journey_id": self.family_two.id, "ambassador_id": self.ambassador_bruno.id, "state": "active"})
        self.assertEqual(sponsorship.state, "proposed")
        self.assertFalse(sponsorship.ambassador_agreed)

    def test_concern_alerts_the_concierge(self):
        sponsorship = self._active()
        sponsorship.with_user(self.anne_user).action_raise_concern("Ils se sentent isolés.")
        self.assertTrue(sponsorship.has_concern)
        concern_activity = sponsorship.activity_ids.filtered(lambda a: "Concern" in (a.summary or ""))
        self.assertEqual(concern_activity.user_id, self.concierge)
        self.assertIn("Ils se sentent isolés.", self.family_one.message_ids[0].body)

    def test_only_its_ambassador_acts_on_a_sponsorship(self):
        sponsorship = self._active()
        for user in (self.bruno_user, self.family_one_user, self.family_two_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                sponsorship.with_user(user).action_log_meeting(date.today(), "visit", "Intrus")
        with self.assertRaises(AccessError):
            sponsorship.with_user(self.concierge)._check_ambassador_access()
        Sponsorship = self.env["territory.sponsorship"]
        self.assertEqual(Sponsorship.with_user(self.anne_user).search([]), sponsorship)
        self.assertFalse(Sponsorship.with_user(self.bruno_user).search([]))
        with self.assertRaises(AccessError):
            sponsorship.with_user(self.anne_user).read(["journey_id"])
        with self.assertRaises(AccessError):
            self.family_one.with_user(self.anne_user).read(["name"])

    def test_withdrawing_consent_ends_the_ambassadors_access_at_once(self):
        sponsorship = self._active()
        self.family_one.consent_ids.filtered(lambda c: c.purpose == "ambassador").with_user(
            self.concierge).action_withdraw()
        self.assertEqual((sponsorship.state, sponsorship.end_reason), ("ended", "consent_withdrawn"))
        self.assertFalse(self.env["territory.sponsorship"].with_user(self.anne_user).search([]))
        with self.assertRaises(AccessError):
            sponsorship.with_user(self.anne_user)._check_ambassador_access()

    def test_closing_the_journey_ends_the_sponsorship(self):
        sponsorship = self._active()
        self.family_one.with_user(self.concierge).action_set_lost()
        self.assertEqual((sponsorship.state, sponsorship.end_reason), ("ended", "journey_closed"))

    def test_ambassador_sees_only_what_the_household_shares_with_an_ambassador(self):
        sponsorship = self._active()
        self.family_one.write({"description": "Note interne : dossier de surendettement",
                               "housing_budget": 640})
        sections = str(sponsorship.with_user(self.anne_user)._check_ambassador_access()._get_shared_sections())
        self.assertIn("Famille Une", sections)
        self.assertIn("Petitbourg", sections)
        self.assertNotIn("surendettement", sections)
        self.assertNotIn("640", sections)

    def test_family_invited_to_the_portal_in_one_click(self):
        journey = self._create_journey(name="Famille Invitée", contact_name="Iris Invitée",
                                       email_from="iris@famille.example")
        journey.with_user(self.concierge).action_invite_family_to_portal()
        self.assertEqual(journey.partner_id.name, "Iris Invitée")
        self.assertTrue(journey.partner_id.user_ids._is_portal())

    def test_export_lists_the_households_sponsorship_only(self):
        sponsorship = self._active()
        sponsorship.with_user(self.anne_user).action_log_meeting(date.today(), "visit", "Visite du marché.")
        self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        data = self.family_one.with_user(self.concierge)._get_personal_data(["name"])
        self.assertEqual([s["ambassador"] for s in data["sponsorships"]], ["Anne Ambassadrice"])
        self.assertEqual(data["sponsorships"][0]["meetings"][0]["note"], "Visite du marché.")


@tagged("post_install", "-at_install")
class TestAmbassadorKnowsTheHousehold(SponsorshipCommon):
    """Who the stays module (and any other) may tell about a household: its ambassador, while
    the sponsorship is open and the journey not anonymised (``crm.lead._known_to_portal_partner``)."""

    def test_only_while_sponsoring(self):
        journeys = self.family_one | self.family_two
        self.assertEqual(journeys._known_to_portal_partner(self.ambassador_anne), {}, "not their household")
        sponsorship = self._propose(journey=self.family_one)
        self.assertEqual(journeys._known_to_portal_partner(self.ambassador_anne), {self.family_one: None})
        self.assertEqual(journeys._known_to_portal_partner(self.ambassador_bruno), {})
        sponsorship.sudo().state = "declined"
        self.assertEqual(journeys._known_to_portal_partner(self.ambassador_anne), {})
        self._propose(journey=self.family_one)
        self.family_one.with_user(self.manager).action_anonymise_on_request()
        self.assertEqual(journeys._known_to_portal_partner(self.ambassador_anne), {}, "anonymised: nothing")

    def test_erasure_leaves_nothing_of_the_household_in_sponsorships(self):
        # Moved from the stays module's erasure test: the sponsorships' part is this module's.
        sponsorship = self._active()
        sponsorship.message_post(body="Premier contact avec Famille Une")
        sponsorship.with_user(self.anne_user).action_log_meeting(
            date.today(), "visit", "Famille Une cherche une nounou.")
        sponsorship.with_user(self.anne_user).action_raise_concern("Famille Une se sent isolée.")
        self.family_one.with_user(self.manager).action_anonymise_on_request()
        self.assertEqual(sponsorship.state, "ended")
        self.assertFalse(sponsorship.concern_note)
        self.assertFalse(self.env["territory.sponsorship.meeting"].search([("note", "ilike", "Famille Une")]))
        self.assertFalse(self.env["mail.message"].search([
            ("model", "=", "territory.sponsorship"), ("res_id", "=", sponsorship.id),
            ("body", "ilike", "Famille Une")]))
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "territory.sponsorship"), ("res_id", "=", sponsorship.id)]))
