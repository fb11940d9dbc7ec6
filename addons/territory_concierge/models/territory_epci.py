from odoo import api, fields, models

from .. import cog


class TerritoryEpci(models.Model):
    """Intercommunal body (EPCI): communauté de communes or d'agglomération."""

    _name = "territory.epci"
    _description = "Intercommunal body (EPCI)"
    _order = "name"

    name = fields.Char(required=True)
    siren = fields.Char("SIREN", required=True, index=True, help="Official SIREN number of the EPCI (9 digits).")
    kind = fields.Selection(
        [("CC", "Communauté de communes"), ("CA", "Communauté d'agglomération"),
         ("CU", "Communauté urbaine"), ("METRO", "Métropole"), ("MET69", "Métropole de Lyon")],
    )
    commune_ids = fields.One2many("territory.commune", "epci_id", string="Communes")
    commune_count = fields.Integer(compute="_compute_commune_count")

    _siren_unique = models.Constraint("UNIQUE(siren)", "An EPCI with this SIREN already exists.")

    def _compute_commune_count(self):
        counts = dict(self.env["territory.commune"]._read_group(
            [("epci_id", "in", self.ids)], ["epci_id"], ["__count"]))
        for epci in self:
            epci.commune_count = counts.get(epci, 0)

    @api.model
    def _load_cog_epcis(self, sirens):
        """Create or update the EPCI of the given SIREN numbers from the COG file shipped with
        the module (name and kind), in batch.

        :return: dict {siren: territory.epci} of those found in the file
        """
        self.check_access("create")
        if not sirens:
            return {}
        prefixes = tuple(f"{siren}," for siren in sirens)
        rows = cog.read_rows(cog.EPCI_FILE, lambda line: line.startswith(prefixes))
        by_siren = {epci.siren: epci for epci in self.search([("siren", "in", [row["siren"] for row in rows])])}
        to_create = []
        for row in rows:
            values = {"name": row["name"], "kind": row["kind"]}
            epci = by_siren.get(row["siren"])
            if not epci:
                to_create.append({"siren": row["siren"], **values})
            elif (epci.name, epci.kind) != (values["name"], values["kind"]):
                epci.write(values)
        for epci in self.create(to_create):
            by_siren[epci.siren] = epci
        self.env["ir.model.data"].sudo()._update_xmlids([
            {"xml_id": f"{cog.XMLID_MODULE}.epci_{siren}", "record": epci, "noupdate": True}
            for siren, epci in by_siren.items()
        ])
        return by_siren
