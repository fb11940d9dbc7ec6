from odoo import api, fields, models

from ..access import check_links_readable


class TerritoryOrientationWizard(models.TransientModel):
    """"Orienter vers un autre territoire": the territory, and a word to its desk."""

    _name = "territory.orientation.wizard"
    _description = "Orient a household to another territory"

    journey_id = fields.Many2one("crm.lead", required=True, readonly=True)
    target = fields.Selection(selection="_selection_target", string="Territory", required=True)
    note = fields.Text("Why this territory", required=True,
                       help="What the household looks for there: the other desk reads it with the household's "
                            "composition and project, without its name nor how to reach it, before accepting.")
    has_consent = fields.Boolean(compute="_compute_has_consent")

    @api.constrains("journey_id")
    def _check_links_readable(self):
        check_links_readable(self, "journey_id")

    @api.model
    def _selection_target(self):
        # Other territories are companies the first desk's staff may not read: listed by name.
        teams = self.env["crm.team"].sudo().search([("use_journeys", "=", True)])
        return [(str(company.id), company.name) for company in teams.company_id.sorted("name")]

    @api.depends("journey_id")
    def _compute_has_consent(self):
        for wizard in self:
            wizard.has_consent = wizard.journey_id._has_active_consent("orientation")

    def action_confirm(self):
        self.ensure_one()
        target = self.env["res.company"].sudo().browse(int(self.target))
        self.env["territory.orientation"]._propose(self.journey_id, target, self.note)
        return {"type": "ir.actions.act_window_close"}


class TerritoryOrientationDeclineWizard(models.TransientModel):
    _name = "territory.orientation.decline.wizard"
    _description = "Decline an orientation"

    orientation_id = fields.Many2one("territory.orientation", required=True, readonly=True)
    reason = fields.Text("Why", required=True, help="The first desk reads it and goes on with the household.")

    def action_decline(self):
        self.ensure_one()
        self.orientation_id.action_decline(self.reason)
        return {"type": "ir.actions.act_window_close"}
