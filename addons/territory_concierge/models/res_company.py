from odoo import api, fields, models

TERRITORY_PLACE_HELP = (
    "How the public pages and the e-mails name the territory after « S'installer » or « À bientôt », "
    "with its preposition: « en Haute-Marne », « dans les Vosges », « dans le Cantal ».")


class ResCompany(models.Model):
    """A territory is an Odoo company: how its pages and e-mails name it."""

    _inherit = "res.company"

    territory_place = fields.Char("Territory, as a place", help=TERRITORY_PLACE_HELP)
    # What pages and e-mails print (templates cannot call methods): its place, else its name.
    territory_place_label = fields.Char("Territory, as shown", compute="_compute_territory_place_label")

    @api.depends("territory_place", "name")
    def _compute_territory_place_label(self):
        for company in self:
            company.territory_place_label = company.territory_place or company.name
