from odoo import fields, models

TERRITORY_PLACE_HELP = (
    "How the public pages and the e-mails name the territory after « S'installer » or « À bientôt », "
    "with its preposition: « en Haute-Marne », « dans les Vosges », « dans le Cantal ».")


class ResCompany(models.Model):
    """A territory is an Odoo company: how its pages and e-mails name it."""

    _inherit = "res.company"

    territory_place = fields.Char("Territory, as a place", help=TERRITORY_PLACE_HELP)

    def _territory_place(self):
        """The territory as a place: its own wording, else its name."""
        self.ensure_one()
        return self.territory_place or self.name
