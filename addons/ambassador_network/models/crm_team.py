from odoo import fields, models
from odoo.exceptions import ValidationError

from .res_partner import MAX_CAPACITY_PARAM


class CrmTeam(models.Model):
    _inherit = "crm.team"

    # One value for the whole conciergerie (a system parameter), shown on its settings form.
    max_sponsorship_capacity = fields.Integer(
        "Households per ambassador, at most", compute="_compute_max_sponsorship_capacity",
        inverse="_inverse_max_sponsorship_capacity",
        help="The most households an ambassador can sponsor at once: the limit of the capacity they set "
             "on their profile page, and of the capacity staff set on their contact.")

    def _compute_max_sponsorship_capacity(self):
        maximum = self.env["res.partner"]._max_sponsorship_capacity()
        for team in self:
            team.max_sponsorship_capacity = maximum

    def _inverse_max_sponsorship_capacity(self):
        # Reached once write() checked the right to change the team's settings.
        for team in self:
            if team.max_sponsorship_capacity < 1:
                raise ValidationError(self.env._("An ambassador can sponsor at least one household at once."))
            self.env["ir.config_parameter"].sudo().set_param(MAX_CAPACITY_PARAM, team.max_sponsorship_capacity)
