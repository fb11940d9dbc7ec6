from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.ambassador_network.models.territory_sponsorship import OPEN_STATES as OPEN_SPONSORSHIP_STATES
from odoo.addons.territory_partner.models.territory_share import OPEN_STATES as OPEN_SHARE_STATES

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
    _description = "Stay itinerary slot"
    _order = "registration_id, date_begin, id"

    registration_id = fields.Many2one("event.registration", required=True, index=True, ondelete="cascade")
    date_begin = fields.Datetime("Start", required=True)
    date_end = fields.Datetime("End")
    kind = fields.Selection(SLOT_KINDS, required=True, default="other")
    name = fields.Char("What", required=True)
    place = fields.Char()
    contact_id = fields.Many2one("res.partner", string="Contact person")
    opportunity_id = fields.Many2one("territory.opportunity", string="Opportunity")
    note = fields.Text()

    @api.constrains("date_begin", "date_end")
    def _check_dates(self):
        for slot in self:
            if slot.date_end and slot.date_end < slot.date_begin:
                raise ValidationError(self.env._("A slot cannot end before it starts: %(name)s", name=slot.name))

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
            ("registration_id.state", "in", ("draft", "open")),
            ("registration_id.journey_id.anonymised_date", "=", False)], order="date_begin")
        journeys = slots.registration_id.journey_id
        sponsored = self.env["territory.sponsorship"].sudo().search([
            ("ambassador_id", "=", partner.id), ("journey_id", "in", journeys.ids),
            ("state", "in", OPEN_SPONSORSHIP_STATES)]).journey_id
        shares = self.env["territory.share"].sudo().search([
            ("partner_org_id", "=", partner.commercial_partner_id.id), ("journey_id", "in", journeys.ids),
            ("state", "in", OPEN_SHARE_STATES)])
        expected = []
        for slot in slots:
            journey = slot.registration_id.journey_id
            stay = slot.registration_id.event_id
            if journey in sponsored:
                expected.append({"slot": slot, "stay": stay.name})
                continue
            journey_shares = shares.filtered(lambda share, j=journey: share.journey_id == j)
            if not journey_shares:
                continue
            # The stay's name may name the household ("visit of the X family"): said only
            # to an organisation the household's identity is shared with.
            identity_share = journey_shares.filtered("scope_identity")[:1]
            label = stay.name if identity_share else self.env._(
                "Discovery stay: %(household)s", household=journey_shares[0].household_label)
            expected.append({"slot": slot, "stay": label})
            if len(expected) >= limit:
                break
        return expected
