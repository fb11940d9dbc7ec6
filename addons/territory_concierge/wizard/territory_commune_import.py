import base64

from odoo import fields, models


class TerritoryCommuneImport(models.TransientModel):
    """Load or refresh communes from an INSEE file (see data/README.md for the formats)."""

    _name = "territory.commune.import"
    _description = "Import communes from an INSEE file"

    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)

    def action_import(self):
        self.ensure_one()
        outcome = self.env["territory.commune"]._load_insee_csv(base64.b64decode(self.file))
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
