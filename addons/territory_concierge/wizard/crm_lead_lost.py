from odoo import api, fields, models


class CrmLeadLost(models.TransientModel):
    _inherit = "crm.lead.lost"

    available_lost_reason_ids = fields.Many2many(
        "crm.lost.reason", compute="_compute_available_lost_reason_ids")

    @api.depends("lead_ids.team_id")
    def _compute_available_lost_reason_ids(self):
        """A journey ends with the journeys' reasons (projet abandonné, reparti après
        installation…), a sales lead with the sales ones."""
        Reason = self.env["crm.lost.reason"]
        for wizard in self:
            teams = wizard.lead_ids.team_id
            if teams and all(teams.mapped("use_journeys")):
                wizard.available_lost_reason_ids = Reason.search([("team_ids", "in", teams.ids)])
            else:
                wizard.available_lost_reason_ids = Reason.search(
                    ["|", ("team_ids", "=", False), ("team_ids", "in", teams.ids)])
