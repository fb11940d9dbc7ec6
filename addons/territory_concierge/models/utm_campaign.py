from odoo import fields, models

from ..demo_campaign import DemoCampaign


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    concierge_cost = fields.Monetary(
        "Campaign cost", currency_field="concierge_cost_currency_id",
        help="What the campaign cost (ads, recruiting partner, events): the impact figures divide it by "
             "the households qualified, invited, installed and still here after a year.")
    concierge_cost_currency_id = fields.Many2one(
        "res.currency", string="Cost currency", default=lambda self: self.env.company.currency_id)
    # Only these are the conciergerie's in its figures and its report: Odoo's stock campaigns
    # ("Sale", "Christmas Special") or other apps' are not, even when a visitor's link names one.
    concierge_campaign = fields.Boolean(
        "Conciergerie campaign", default=lambda self: self._default_concierge_campaign(),
        help="A campaign of the conciergerie: its journeys and costs appear in the impact figures and the "
             "report for elected officials. Set on the campaigns the conciergerie's staff create.")

    def _default_concierge_campaign(self):
        # Created by the conciergerie's staff (its menu, the campaign import): one of its own.
        # Data and demo of other modules are loaded as superuser: not.
        return not self.env.su and self.env.user.has_group("territory_concierge.group_concierge_user")

    def _demo_generate_journeys(self, source_id=False):
        """Demo data: the journeys of the seed's 2021 campaign (see demo_campaign.py)."""
        self.ensure_one()
        return DemoCampaign(self, self.env["utm.source"].browse(source_id)).generate()
