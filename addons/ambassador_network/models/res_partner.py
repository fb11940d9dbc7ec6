from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_OPEN_STATES, TEXT_LIMIT, TITLE_LIMIT

# How many households an ambassador may sponsor at once, at most: a setting of the conciergerie
# (Configuration > Paramètres), kept as a system parameter.
MAX_CAPACITY_PARAM = "ambassador_network.max_sponsorship_capacity"
DEFAULT_MAX_CAPACITY = 5


class ResPartner(models.Model):
    """An ambassador is a resident contact flagged as such: a godparent (parrain,
    marraine) for newcomer households, possibly a welcoming family."""

    _inherit = "res.partner"

    is_ambassador = fields.Boolean("Ambassador", index=True)
    ambassador_state = fields.Selection(
        [("candidate", "Candidate"), ("met", "Met"), ("trained", "Trained"), ("active", "Active"),
         ("paused", "Paused"), ("retired", "Retired")],
        string="Ambassador status", default="candidate", tracking=True, group_expand=True)
    ambassador_commune_id = fields.Many2one("territory.commune", string="Commune of residence")
    ambassador_interest_ids = fields.Many2many("territory.interest", string="Ambassador interests")
    ambassador_languages = fields.Char("Languages spoken")
    sponsorship_capacity = fields.Integer(
        "Families at once", default=1, help="How many households this ambassador can sponsor at the same time.")
    can_host_family = fields.Boolean(
        "Welcoming family", help="Can host a newcomer family during a discovery stay.")
    charter_signed_date = fields.Date("Charter signed on")
    training_done = fields.Boolean("Training done")
    ambassador_availability = fields.Text("Availability")
    ambassador_household = fields.Selection(
        [("single", "Single"), ("couple", "Couple"), ("family", "Family with children")],
        string="Household situation")
    ambassador_profession = fields.Char("Profession")
    ambassador_contact_consent = fields.Boolean(
        "Agrees to be contacted", help="The ambassador agreed that the conciergerie passes their contact "
                                       "details to the households they sponsor.")
    sponsorship_ids = fields.One2many("territory.sponsorship", "ambassador_id", string="Sponsorships")
    open_sponsorship_count = fields.Integer("Households sponsored", compute="_compute_open_sponsorship_count")

    @api.depends("sponsorship_ids.state")
    def _compute_open_sponsorship_count(self):
        counts = dict(self.env["territory.sponsorship"]._read_group(
            [("ambassador_id", "in", self.ids), ("state", "in", SPONSORSHIP_OPEN_STATES)],
            ["ambassador_id"], ["__count"]))
        for partner in self:
            partner.open_sponsorship_count = counts.get(partner, 0)

    @api.model
    def _max_sponsorship_capacity(self):
        """The most households an ambassador may sponsor at once (the conciergerie's setting)."""
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_CAPACITY_PARAM, DEFAULT_MAX_CAPACITY)
        try:
            return max(int(value), 1)
        except ValueError:
            return DEFAULT_MAX_CAPACITY

    # An ambassador welcomes households of one territory (an Odoo company): the one whose staff
    # recruited them, unless staff chose another.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_ambassador") and "company_id" not in vals:
                vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("is_ambassador") and "company_id" not in vals:
            without_territory = self.filtered(lambda partner: not partner.company_id)
            if without_territory:
                super(ResPartner, without_territory).write({"company_id": self.env.company.id})
        return super().write(vals)

    @api.constrains("sponsorship_capacity", "is_ambassador")
    def _check_sponsorship_capacity(self):
        maximum = self._max_sponsorship_capacity()
        for partner in self.filtered("is_ambassador"):
            if not 0 <= partner.sponsorship_capacity <= maximum:
                raise ValidationError(self.env._(
                    "%(name)s: an ambassador sponsors between 0 and %(max)s households at once.",
                    name=partner.name, max=maximum))

    @api.onchange("is_ambassador")
    def _onchange_is_ambassador(self):
        if self.is_ambassador and not self.ambassador_state:
            self.ambassador_state = "candidate"

    def action_ambassador_update_profile(self, availability, languages, capacity):
        """The ambassador updates, from their page, what the conciergerie needs to know: only
        these fields of their own contact.

        :raise AccessError: anyone but the ambassador themself
        """
        self.ensure_one()
        if self != self.env.user.partner_id or not self.is_ambassador:
            raise AccessError(self.env._("Only the ambassador themself can change their profile here."))
        # The page's limits hold whatever route calls this method (RPC, JSON-2).
        for label, text, limit in ((self.env._("Availability"), availability, TEXT_LIMIT),
                                   (self.env._("Languages spoken"), languages, TITLE_LIMIT)):
            if text and not isinstance(text, str):
                raise ValidationError(self.env._("%(field)s: a text is expected.", field=label))
            if len(text or "") > limit:
                raise ValidationError(self.env._("%(field)s: at most %(limit)s characters.", field=label, limit=limit))
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise ValidationError(self.env._("Give the number of households you can sponsor at once."))
        # The capacity's range is the model's constraint (_check_sponsorship_capacity).
        self.sudo().write({"ambassador_availability": availability, "ambassador_languages": languages,
                           "sponsorship_capacity": capacity})
