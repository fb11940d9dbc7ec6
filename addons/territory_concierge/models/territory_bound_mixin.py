from odoo import models
from odoo.exceptions import UserError


class TerritoryLinksGuard(models.AbstractModel):
    """Models whose forms link another territory's records (journeys, stays, desks): an
    ``onchange`` naming one is refused, as Odoo would answer with its name read as superuser."""

    _name = "territory.links.guard"
    _description = "Links to records of one territory"

    def onchange(self, values, field_names, fields_spec):
        if not self.env.su:
            for name, value in values.items():
                field = self._fields.get(name)
                if field is not None and field.type == "many2one" and isinstance(value, int) and value:
                    self.env[field.comodel_name].browse(value).check_access("read")
        return super().onchange(values, field_names, fields_spec)


class TerritoryBoundMixin(models.AbstractModel):
    """A record of one territory through the record it belongs to (a household member, a
    request or a share through its journey, a stay slot through its registration…), whose
    territory it stores for the multi-company record rules. Neither changes once created:
    Odoo checks record rules on a record as it is before a write, so a move would carry it
    into another territory (or another territory's household into this one) unchecked."""

    _name = "territory.bound.mixin"
    _inherit = ["territory.links.guard"]
    _description = "Record of one territory"
    # The field naming the record it belongs to, or False when it belongs to its territory alone.
    _territory_parent = "journey_id"

    def write(self, vals):
        if not self.env.su:
            # Records the user may not change answer as such, whatever the values: no guess
            # about another territory's records from the error.
            self.check_access("write")
            parent = self._territory_parent
            moved = [name for name in ("company_id", parent) if name and name in vals]
            if any(record[name].id != vals[name] for record in self.sudo() for name in moved):
                raise UserError(self.env._(
                    "This record stays where it was created (its journey, its territory): create it again where "
                    "it belongs."))
        return super().write(vals)
