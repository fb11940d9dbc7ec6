from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    stay_registration_ids = fields.One2many("event.registration", "journey_id", string="Discovery stays")
    stay_count = fields.Integer("Stays", compute="_compute_stay_count")

    @api.depends("stay_registration_ids")
    def _compute_stay_count(self):
        counts = dict(self.env["event.registration"]._read_group(
            [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]))
        for journey in self:
            journey.stay_count = counts.get(journey, 0)

    def action_view_stays(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge_event.event_registration_action_stays")
        action.update(domain=[("journey_id", "=", self.id)], context={"default_journey_id": self.id})
        return action
