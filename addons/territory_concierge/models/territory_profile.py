from odoo import fields, models


class TerritoryProfile(models.Model):
    """Newcomer profile (famille, soignant, repreneur...): a journey may have several."""

    _name = "territory.profile"
    _description = "Newcomer profile"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable code used by imports and assignment rules.")
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A profile with this code already exists.")
