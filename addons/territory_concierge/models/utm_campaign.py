from odoo import fields, models


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    concierge_cost = fields.Monetary(
        "Campaign cost", currency_field="concierge_cost_currency_id",
        help="What the campaign cost (ads, recruiting partner, events): the impact figures divide it by "
             "the households qualified, invited, installed and still here after a year.")
    concierge_cost_currency_id = fields.Many2one(
        "res.currency", string="Cost currency", default=lambda self: self.env.company.currency_id)
