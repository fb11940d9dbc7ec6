from odoo import api, fields, models
from odoo.exceptions import ValidationError

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
