from odoo import fields, models


class CrmLostReason(models.Model):
    _inherit = "crm.lost.reason"

    team_ids = fields.Many2many(
        "crm.team", string="Teams", help="Teams whose leads end with this reason; empty for every team "
                                          "but the newcomer journeys teams, which only use their own.")
    is_departure = fields.Boolean(
        "Left after installation",
        help="The household had settled and left: counted as a departure in the retention figures, "
             "not as a journey that did not lead to an installation.")
    is_orientation = fields.Boolean(
        "Oriented to another territory",
        help="The household was oriented, with its consent, to another territory's desk, which accepted it: "
             "the regional figures count it once, at the furthest step it reached in either territory.")
