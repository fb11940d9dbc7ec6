from odoo import api, fields, models
from odoo.exceptions import AccessError

from .territory_share import check_concierge_staff

OPPORTUNITY_KINDS = [
    ("job", "Job offer"),
    ("business", "Business to take over"),
    ("farm", "Farm to take over"),
    ("housing", "Housing"),
]
CONTRACT_TYPES = [
    ("cdi", "Permanent (CDI)"),
    ("cdd", "Fixed-term (CDD)"),
    ("interim", "Temporary work"),
    ("apprenticeship", "Apprenticeship"),
    ("seasonal", "Seasonal"),
    ("freelance", "Self-employed"),
]


class TerritoryOpportunity(models.Model):
    """Something the territory offers a newcomer household: a job, a business or a farm
    to take over, a home. Published by a partner organisation (from the back office or
    its portal), matched against journeys."""

    _name = "territory.opportunity"
    _description = "Territory opportunity"
    _inherit = ["mail.thread"]
    _order = "state, create_date desc, id desc"

    name = fields.Char("Title", required=True, tracking=True)
    kind = fields.Selection(OPPORTUNITY_KINDS, required=True, default="job", index=True, tracking=True)
    partner_org_id = fields.Many2one(
        "res.partner", string="Organisation", required=True, index=True, tracking=True,
        domain="[('is_company', '=', True)]", ondelete="restrict")
    contact_id = fields.Many2one(
        "res.partner", domain="[('parent_id', '=', partner_org_id)]")
    commune_id = fields.Many2one("territory.commune", index=True)
    epci_id = fields.Many2one(related="commune_id.epci_id", store=True, string="Intercommunal body")
    sector = fields.Char(help="e.g. Aéronautique, Santé, Bâtiment, Commerce, Agriculture.")
    description = fields.Text()
    positions = fields.Integer(default=1, help="How many people the offer can take.")
    contract_type = fields.Selection(CONTRACT_TYPES, string="Contract")
    housing_tenure = fields.Selection([("rent", "To rent"), ("buy", "For sale")], string="Rent or sale")
    housing_rooms = fields.Integer("Rooms")
    price = fields.Monetary(
        currency_field="currency_id", help="Monthly rent for housing to rent, asking price otherwise.")
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.company.currency_id)
    date_available = fields.Date("Available from")
    state = fields.Selection(
        [("open", "Open"), ("filled", "Filled"), ("closed", "Closed")],
        required=True, default="open", index=True, tracking=True)
    active = fields.Boolean(default=True)
    # A territory is an Odoo company: staff see and match the offers of their territories and
    # those offered to every territory (a Région, France Travail).
    company_id = fields.Many2one(
        "res.company", "Territory", index=True, default=lambda self: self.env.company,
        help="The territory whose households the offer is for. Empty: the households of every territory.")

    _positions_positive = models.Constraint("CHECK(positions >= 0)", "The number of positions cannot be negative.")
    _price_positive = models.Constraint("CHECK(price >= 0)", "The price cannot be negative.")

    @api.depends("name", "partner_org_id")
    def _compute_display_name(self):
        for opportunity in self:
            opportunity.display_name = (f"{opportunity.name} — {opportunity.partner_org_id.name}"
                                        if opportunity.partner_org_id else opportunity.name)

    @api.model_create_multi
    def create(self, vals_list):
        opportunities = super().create(vals_list)
        opportunities._check_portal_links()
        return opportunities

    def write(self, vals):
        if "partner_org_id" in vals and self.env.user._is_portal() and not self.env.su \
                and vals["partner_org_id"] != self.env.user.commercial_partner_id.id:
            # The record rule lets partners edit their own offers: not hand them to another organisation.
            raise AccessError(self.env._("An offer stays with the organisation that published it."))
        result = super().write(vals)
        self._check_portal_links()
        return result

    def _check_portal_access(self, access_token=None):
        """The portal convention (territory_concierge.controllers.portal): the organisation's
        own offers, as the signed-in contact (record rules; never as superuser)."""
        self.ensure_one()
        self.check_access("read")
        return self

    def _check_portal_links(self):
        """A partner contact links an offer to people of their own organisation only: a link
        to anyone else would read back that person's e-mail and address (the link's display
        name with ``show_email`` / ``show_address``). Checked on the result of the write.

        :raise AccessError: a portal user's offer linked to someone outside their organisation, or
            a portal user who is not a contact of a partner organisation
        """
        if self.env.su or not self.env.user._is_portal():
            return
        own_organisation = self.env.user.commercial_partner_id
        if not own_organisation.organisation_type:
            # A family, an ambassador or any portal user without an organisation is its own
            # "commercial partner": the record rule alone would let them publish offers that
            # staff matching and households' stay programmes then present as an employer's.
            raise AccessError(self.env._("Only the contacts of a partner organisation publish offers."))
        # sudo: only the links' organisation is compared, nothing is returned.
        for opportunity in self.sudo():
            if opportunity.contact_id and opportunity.contact_id.commercial_partner_id != own_organisation:
                raise AccessError(self.env._("An offer's contact must be a person of your organisation."))
            if opportunity.company_id and opportunity.company_id not in self.env.user.company_ids:
                raise AccessError(self.env._("An offer goes to a territory your organisation works with."))

    def action_suggest_journeys(self):
        """The journeys that suit this opportunity, best first (conciergerie staff only)."""
        self.ensure_one()
        check_concierge_staff(self.env)
        self.check_access("read")
        return self.env["territory.match.wizard"].create({"opportunity_id": self.id})._open()
