from odoo import api, fields, models

from odoo.addons.territory_concierge.access import check_links_readable

from ..models.territory_sponsorship import check_concierge_staff


class TerritoryAmbassadorMatchWizard(models.TransientModel):
    """The ambassadors who suit a household best, with the reasons; one click proposes."""

    _name = "territory.ambassador.match.wizard"
    _description = "Suggested ambassadors"

    journey_id = fields.Many2one("crm.lead", required=True, readonly=True)
    line_ids = fields.One2many("territory.ambassador.match.wizard.line", "wizard_id", readonly=True)
    # No ambassador is suggested without the household's consent: a proposal would be refused.
    consent_missing = fields.Boolean(readonly=True)

    @api.constrains("journey_id")
    def _check_links_readable(self):
        check_links_readable(self, "journey_id")

    def _open(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        self.journey_id.check_access("read")
        if not self.journey_id._has_active_consent("ambassador"):
            self.consent_missing = True
            return self._action()
        matches = self.env["territory.ambassador.matcher"]._match_journey(self.journey_id)
        self.line_ids = [fields.Command.create({"ambassador_id": ambassador_id, "score": score,
                                                "reasons": "; ".join(reasons)})
                         for score, ambassador_id, reasons in matches]
        return self._action()

    def _action(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Suggested ambassadors")}


class TerritoryAmbassadorMatchWizardLine(models.TransientModel):
    _name = "territory.ambassador.match.wizard.line"
    _description = "Suggested ambassador"
    _order = "score desc, id"

    wizard_id = fields.Many2one("territory.ambassador.match.wizard", required=True, ondelete="cascade")
    ambassador_id = fields.Many2one("res.partner", readonly=True)
    score = fields.Integer(readonly=True)
    reasons = fields.Char("Why", readonly=True)

    def action_propose(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        sponsorship = self.env["territory.sponsorship"].create(
            {"journey_id": self.wizard_id.journey_id.id, "ambassador_id": self.ambassador_id.id})
        return {"type": "ir.actions.act_window", "res_model": sponsorship._name, "res_id": sponsorship.id,
                "view_mode": "form", "target": "current"}
