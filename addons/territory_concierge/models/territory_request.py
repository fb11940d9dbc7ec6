from datetime import timedelta

from odoo import api, fields, models


class TerritoryRequest(models.Model):
    """A household asks for help: from a simple question to drafting a file."""

    _name = "territory.request"
    _description = "Household request"
    _inherit = ["territory.bound.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state_sequence, date_deadline, id desc"

    name = fields.Char("Subject", required=True, tracking=True)
    journey_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    # The journey's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    type_id = fields.Many2one("territory.request.type", required=True, tracking=True)
    description = fields.Html()
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, domain="[('share', '=', False)]",
        compute="_compute_user_id", store=True, readonly=False)
    partner_org_id = fields.Many2one(
        "res.partner", string="Handled by partner", domain="[('is_company', '=', True)]", tracking=True,
        help="Partner organisation handling the request, if any.")
    date_deadline = fields.Date(
        "Deadline", compute="_compute_date_deadline", store=True, readonly=False, tracking=True)
    state = fields.Selection(
        [("new", "New"), ("in_progress", "In progress"), ("waiting", "Waiting for the household"),
         ("done", "Done"), ("cancelled", "Cancelled")],
        default="new", required=True, tracking=True, group_expand=True)
    state_sequence = fields.Integer(compute="_compute_state_sequence", store=True)
    answer = fields.Html()
    is_late = fields.Boolean(compute="_compute_is_late")

    @api.depends("journey_id.user_id")
    def _compute_user_id(self):
        for request in self:
            if not request.user_id:
                request.user_id = request.journey_id.user_id

    @api.depends("type_id")
    def _compute_date_deadline(self):
        today = fields.Date.context_today(self)
        for request in self:
            if not request.date_deadline and request.type_id:
                request.date_deadline = today + timedelta(days=request.type_id.default_days)

    @api.depends("state")
    def _compute_state_sequence(self):
        order = [key for key, _label in self._fields["state"].selection]
        for request in self:
            request.state_sequence = order.index(request.state)

    @api.depends("date_deadline", "state")
    def _compute_is_late(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_late = bool(
                request.date_deadline and request.date_deadline < today and request.state not in ("done", "cancelled"))

    def action_start(self):
        self.write({"state": "in_progress"})

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})
