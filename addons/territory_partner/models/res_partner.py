from odoo import api, fields, models

from .territory_share import check_concierge_staff

ORGANISATION_TYPES = [
    ("cci", "Chamber of commerce (CCI)"),
    ("cma", "Chamber of trades (CMA)"),
    ("agriculture", "Chamber of agriculture"),
    ("region", "Région"),
    ("epci", "Communauté de communes (EPCI)"),
    ("employer", "Employer"),
    ("housing", "Landlord / housing"),
    ("france_travail", "France Travail"),
    ("health", "Health"),
    ("education", "Education"),
    ("association", "Association"),
]


class ResPartner(models.Model):
    """A partner organisation of the conciergerie is a company with a type; its
    contacts are the people who receive the journeys shared with it."""

    _inherit = "res.partner"

    organisation_type = fields.Selection(
        ORGANISATION_TYPES, string="Partner organisation type", index=True,
        help="Set on a company that the conciergerie works with: it can then receive shared journeys.")
    covered_commune_ids = fields.Many2many(
        "territory.commune", "res_partner_covered_commune_rel", "partner_id", "commune_id",
        string="Communes covered", help="Leave empty when the organisation covers the whole département.")
    territory_opportunity_ids = fields.One2many(
        "territory.opportunity", "partner_org_id", string="Territory opportunities")
    territory_opportunity_count = fields.Integer(compute="_compute_partner_org_counts")
    share_ids = fields.One2many("territory.share", "partner_org_id", string="Shared journeys")
    share_count = fields.Integer(compute="_compute_partner_org_counts")

    @api.depends("territory_opportunity_ids", "share_ids")
    def _compute_partner_org_counts(self):
        opportunities = dict(self.env["territory.opportunity"]._read_group(
            [("partner_org_id", "in", self.ids)], ["partner_org_id"], ["__count"]))
        shares = dict(self.env["territory.share"]._read_group(
            [("partner_org_id", "in", self.ids)], ["partner_org_id"], ["__count"]))
        for partner in self:
            partner.territory_opportunity_count = opportunities.get(partner, 0)
            partner.share_count = shares.get(partner, 0)

    def action_view_partner_opportunities(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_opportunity_action")
        action.update(domain=[("partner_org_id", "=", self.id)], context={"default_partner_org_id": self.id})
        return action

    def action_view_partner_shares(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_action")
        action.update(domain=[("partner_org_id", "=", self.id)], context={"default_partner_org_id": self.id})
        return action
