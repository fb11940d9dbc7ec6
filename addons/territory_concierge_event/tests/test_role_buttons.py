from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestConciergeStayButtons(HttpCase):
    """In Chromium, the demo concierge (in French) opens a discovery stay, one of its
    registrations, and presses "Suggest meetings": no error dialog, no crash."""

    def test_concierge_suggests_meetings_for_a_registration(self):
        self.env.ref("territory_concierge.user_concierge").tour_enabled = False
        registration = self.env.ref("territory_concierge_event.registration_lefebvre_visit")
        slots_before = registration.stay_slot_ids
        self.start_tour("/odoo/journeys", "territory_concierge_event_concierge_buttons_tour", login="concierge")
        registration.invalidate_recordset(["stay_slot_ids"])
        self.assertLessEqual(slots_before, registration.stay_slot_ids, "suggesting keeps the planned meetings")
