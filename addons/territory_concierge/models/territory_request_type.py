from odoo import fields, models


class TerritoryRequestType(models.Model):
    _name = "territory.request.type"
    _description = "Request type"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    default_days = fields.Integer(
        "Default deadline (days)", default=7,
        help="A new request of this type is due this many days after it is made.")
    active = fields.Boolean(default=True)
