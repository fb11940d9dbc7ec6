from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.territory_concierge.portal_rules import STAY_REGISTRATION_OPEN_STATES

SLOT_KINDS = [
    ("employer", "Meeting an employer"),
    ("housing", "Visiting housing"),
    ("school", "School"),
    ("doctor", "Doctor / health"),
    ("ambassador", "Dinner with an ambassador or welcoming family"),
    ("discovery", "Discovering the area"),
    ("other", "Other"),
]


class TerritoryStaySlot(models.Model):
    """One time slot of a family's programme during its stay."""

    _name = "territory.stay.slot"
    _inherit = ["territory.bound.mixin"]
    _description = "Stay itinerary slot"
    _territory_parent = "registration_id"
    _order = "registration_id, date_begin, id"

    registration_id = fields.Many2one("event.registration", required=True, index=True, ondelete="cascade")
    # The stay's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="registration_id.company_id", store=True, index=True, string="Territory")
    date_begin = fields.Datetime("Start", required=True)
    date_end = fields.Datetime("End")
    kind = fields.Selection(SLOT_KINDS, required=True, default="other")
    name = fields.Char("What", required=True)
    place = fields.Char()
    address = fields.Char(help="Where to go: street, postcode and town, printed on the family's programme. "
                               "Left empty, the programme gives the contact's (or its organisation's) address.")
    contact_id = fields.Many2one("res.partner", string="Contact person")
    opportunity_id = fields.Many2one("territory.opportunity", string="Opportunity")
    note = fields.Text()

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for slot in self:
            if slot.date_end and slot.date_end < slot.date_begin:
                raise ValidationError(self.env._("A slot cannot end before it starts: %(name)s", name=slot.name))

    def _programme_address(self):
        """The address printed on the family's programme: the slot's own, else its contact's or
        the contact's organisation's."""
        self.ensure_one()
        if self.address:
            return self.address
        for partner in (self.contact_id, self.contact_id.commercial_partner_id):
            if partner.street or partner.city:
                town = " ".join(part for part in (partner.zip, partner.city) if part)
                return ", ".join(part for part in (partner.street, partner.street2, town) if part)
        return ""

    @api.model
    def _expected_for_portal_partner(self, partner, limit=20):
        """The upcoming slots where ``partner`` (a portal user's own contact) is expected, as far
        as the household let them know about it: an ambassador while they sponsor the household
        (an open sponsorship); a partner organisation's contact while the organisation has an
        open share of the journey, the household named only with the identity scope. Nothing
        about a journey that is anonymised or not shared at all.

        :return: [{"slot": slot (sudo), "stay": what the stay is called for this partner}]
        """
        # The domain is the ownership check: only the slots naming this very contact.
        slots = self.sudo().search([
            ("contact_id", "=", partner.id), ("date_begin", ">=", fields.Datetime.now()),
            ("registration_id.state", "in", STAY_REGISTRATION_OPEN_STATES),
            ("registration_id.journey_id.anonymised_date", "=", False)], order="date_begin")
        # Who may know about which journey is each module's to say (shares, sponsorships).
        known = slots.registration_id.journey_id._known_to_portal_partner(partner)
        expected = []
        for slot in slots:
            journey = slot.registration_id.journey_id
            if journey not in known:
                continue
            stay = slot.registration_id.event_id
            # The stay's name may name the household ("visit of the X family"): said only to
            # those who may know the household (an ambassador sponsoring it, an organisation
            # the household's identity is shared with).
            label = stay.name if known[journey] is None else self.env._(
                "Discovery stay: %(household)s", household=known[journey])
            expected.append({"slot": slot, "stay": label})
            if len(expected) >= limit:
                break
        return expected
