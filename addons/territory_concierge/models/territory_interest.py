from odoo import fields, models


class TerritoryInterest(models.Model):
    """What a household enjoys (nature, cycling, culture...): part of its fit with the territory."""

    _name = "territory.interest"
    _description = "Interest"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    color = fields.Integer()

    _name_unique = models.Constraint("UNIQUE(name)", "This interest already exists.")
