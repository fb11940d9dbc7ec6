from ast import literal_eval

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

    def test_no_sales_tools_on_journeys(self):
        """The walk found "Générer des pistes" (lead mining) on the pipeline and "Pistes similaires"
        on the journey form, for a sales manager such as the administrator."""
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge.crm_lead_action_journeys")
        admin = self.env.ref("base.user_admin")
        views = self.env["crm.lead"].with_user(admin).with_context(
            **literal_eval(action["context"])).get_views([(view_id, kind) for view_id, kind in action["views"]
                                                        if kind in ("kanban", "list", "form")])["views"]
        for kind in ("kanban", "list", "form"):
            with self.subTest(view=kind):
                self.assertNotIn("action_generate_leads", views[kind]["arch"])
                self.assertNotIn("action_show_potential_duplicates", views[kind]["arch"])
        stock = self.env["crm.lead"].with_user(admin).get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("action_show_potential_duplicates", stock, "stock leads keep CRM's tools")
