import base64

from odoo import fields, models
from odoo.exceptions import UserError

from .. import cog


class TerritoryCommuneImport(models.TransientModel):
    """Load the communes of départements or EPCI from the official geographic code shipped
    with the module, or load / refresh communes from an INSEE file (see data/README.md)."""

    _name = "territory.commune.import"
    _description = "Import communes from an INSEE file"

    mode = fields.Selection(
        [("departements", "Communes of départements"), ("epci", "Communes of EPCI"), ("file", "INSEE file")],
        string="Load", required=True, default="departements",
    )
    departement_codes = fields.Char(
        "Départements", help="Codes of the départements, separated by spaces or commas: 52, 88, 2A, 974...")
    epci_sirens = fields.Char(
        "EPCI (SIREN)", help="SIREN numbers of the EPCI (9 digits), separated by spaces or commas. "
                             "All their communes are loaded, in whichever département.")
    file = fields.Binary()
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        Commune = self.env["territory.commune"]
        if self.mode == "departements":
            lines = self._summary(Commune._load_departements(cog.split_codes(self.departement_codes)))
        elif self.mode == "epci":
            lines = self._summary(Commune._load_epci(cog.split_codes(self.epci_sirens)))
        else:
            if not self.file:
                raise UserError(self.env._("Choose the INSEE file to import."))
            outcome = Commune._load_insee_csv(base64.b64decode(self.file))
            lines = [self.env._("%(created)s created, %(updated)s updated, %(rejected)s rejected.",
                                created=outcome["created"], updated=outcome["updated"],
                                rejected=len(outcome["rejected"]))]
            lines += [self.env._("Line %(line)s: %(reason)s", line=line, reason=reason)
                      for line, reason in outcome["rejected"]]
        self.result = "\n".join(lines)
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
            "view_mode": "form", "target": "new",
        }

    def _summary(self, outcome):
        return [self.env._(
            "%(created)s communes created, %(updated)s updated, %(unchanged)s already up to date; "
            "%(epci)s EPCI.", **outcome)]
