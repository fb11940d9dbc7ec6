from odoo import models
from odoo.exceptions import UserError


class TerritoryBoundMixin(models.AbstractModel):
    """A record of one territory through the record it belongs to (a household member, a
    request or a share through its journey, a stay slot through its registration…), whose
    territory it stores for the multi-company record rules. Neither changes once created:
    Odoo checks record rules on a record as it is before a write, so a move would carry it
    into another territory (or another territory's household into this one) unchecked."""

    _name = "territory.bound.mixin"
    _description = "Record of one territory"
    # The field naming the record it belongs to, or False when it belongs to its territory alone.
    _territory_parent = "journey_id"

    def write(self, vals):
        if not self.env.su:
            parent = self._territory_parent
            if "company_id" in vals or (
                    parent and parent in vals and any(record[parent].id != vals[parent] for record in self.sudo())):
                raise UserError(self.env._(
                    "This record stays where it was created (its journey, its territory): create it again where "
                    "it belongs."))
        return super().write(vals)
