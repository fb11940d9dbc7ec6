from odoo import api, fields, models

from odoo.addons.territory_concierge.access import check_links_readable

from ..models.territory_share import check_concierge_staff


class TerritoryMatchWizard(models.TransientModel):
    """The suggestions for one journey (its best opportunities) or for one opportunity
    (its best journeys), best first, each with its score and reasons."""

    _name = "territory.match.wizard"
    _description = "Suggested matches"

    journey_id = fields.Many2one("crm.lead", readonly=True)
    opportunity_id = fields.Many2one("territory.opportunity", readonly=True)
    line_ids = fields.One2many("territory.match.wizard.line", "wizard_id", string="Suggestions", readonly=True)

    @api.constrains("journey_id")
    def _check_links_readable(self):
        check_links_readable(self, "journey_id")

    def _open(self):
        """Compute the suggestions and show them."""
        self.ensure_one()
        check_concierge_staff(self.env)
        matcher = self.env["territory.opportunity.matcher"]
        if self.journey_id:
            self.journey_id.check_access("read")
            matches = matcher._match_journeys(self.journey_id, limit=20)[self.journey_id.id]
            lines = [{"opportunity_id": record_id, "journey_id": self.journey_id.id, "score": score,
                      "reasons": "; ".join(reasons)} for score, record_id, reasons in matches]
        else:
            self.opportunity_id.check_access("read")
            lines = [{"opportunity_id": self.opportunity_id.id, "journey_id": record_id, "score": score,
                      "reasons": "; ".join(reasons)}
                     for score, record_id, reasons in matcher._match_opportunity(self.opportunity_id, limit=20)]
        self.line_ids = [fields.Command.create(line) for line in lines]
        return {
            "type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
            "target": "new", "name": self.env._("Suggested opportunities") if self.journey_id
            else self.env._("Suggested journeys"),
            # The reasons are sentences: a wide dialog shows them without cutting the columns.
            "context": {"dialog_size": "extra-large"},
        }


class TerritoryMatchWizardLine(models.TransientModel):
    _name = "territory.match.wizard.line"
    _description = "Suggested match"
    _order = "score desc, id"

    wizard_id = fields.Many2one("territory.match.wizard", required=True, ondelete="cascade")
    journey_id = fields.Many2one("crm.lead", readonly=True)
    opportunity_id = fields.Many2one("territory.opportunity", readonly=True)
    kind = fields.Selection(related="opportunity_id.kind")
    partner_org_id = fields.Many2one(related="opportunity_id.partner_org_id")
    score = fields.Integer(readonly=True)
    reasons = fields.Char("Why", readonly=True)

    def action_share(self):
        """Share the journey with the organisation behind the opportunity."""
        self.ensure_one()
        check_concierge_staff(self.env)
        scope = {"job": "scope_jobs", "housing": "scope_housing"}.get(self.kind, "scope_business")
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_wizard_action")
        action["context"] = {"default_journey_ids": self.journey_id.ids,
                             "default_partner_org_ids": self.partner_org_id.ids,
                             f"default_{scope}": True, "default_scope_household": True}
        return action
