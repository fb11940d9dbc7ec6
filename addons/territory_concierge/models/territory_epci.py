from odoo import fields, models


class TerritoryEpci(models.Model):
    """Intercommunal body (EPCI): communauté de communes or d'agglomération."""

    _name = "territory.epci"
    _description = "Intercommunal body (EPCI)"
    _order = "name"

    name = fields.Char(required=True)
    siren = fields.Char("SIREN", required=True, index=True, help="Official SIREN number of the EPCI (9 digits).")
    kind = fields.Selection(
        [("CC", "Communauté de communes"), ("CA", "Communauté d'agglomération"),
         ("CU", "Communauté urbaine"), ("METRO", "Métropole")],
    )
    commune_ids = fields.One2many("territory.commune", "epci_id", string="Communes")
    commune_count = fields.Integer(compute="_compute_commune_count")

    _siren_unique = models.Constraint("UNIQUE(siren)", "An EPCI with this SIREN already exists.")

    def _compute_commune_count(self):
        counts = dict(self.env["territory.commune"]._read_group(
            [("epci_id", "in", self.ids)], ["epci_id"], ["__count"]))
        for epci in self:
            epci.commune_count = counts.get(epci, 0)
