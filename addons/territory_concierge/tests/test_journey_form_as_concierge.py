from odoo.tests import tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestJourneyFormAsConcierge(JourneyCommon):
    """What the journey form shows a concierge, loaded through the journeys action's own views."""

    def test_concierge_sees_the_stage_history(self):
        """The walk found the History tab for managers only, while concierges may read it."""
        form = self.env.ref("territory_concierge.crm_lead_view_form_journey")
        arch = self.env["crm.lead"].with_user(self.concierge).get_views([(form.id, "form")])["views"]["form"]["arch"]
        self.assertIn('name="stage_history"', arch)
        self.assertIn('name="stage_history_ids"', arch)
