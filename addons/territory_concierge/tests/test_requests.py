import datetime

from odoo.tests import tagged, users

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestRequests(JourneyCommon):

    @users("tc_concierge")
    def test_request_lifecycle(self):
        journey = self._create_journey(user=self.env.user)
        school = self.env.ref("territory_concierge.request_type_school")
        request = self.env["territory.request"].create({
            "name": "Place en crèche", "journey_id": journey.id, "type_id": school.id})
        self.assertEqual(request.user_id, self.env.user, "the journey's concierge is responsible by default")
        self.assertEqual(request.date_deadline, datetime.date.today() + datetime.timedelta(days=school.default_days))
        self.assertEqual(request.state, "new")
        request.action_start()
        request.action_done()
        self.assertEqual(request.state, "done")
        self.assertEqual(journey.request_count, 1)
        action = journey.action_view_requests()
        self.assertEqual(self.env["territory.request"].search(action["domain"]), request)

    @users("tc_concierge")
    def test_late_request(self):
        journey = self._create_journey(user=self.env.user)
        request = self.env["territory.request"].create({
            "name": "Dossier CAF", "journey_id": journey.id,
            "type_id": self.env.ref("territory_concierge.request_type_admin").id,
            "date_deadline": datetime.date.today() - datetime.timedelta(days=1)})
        self.assertTrue(request.is_late)
        request.action_done()
        self.assertFalse(request.is_late)
