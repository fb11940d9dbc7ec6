from odoo import fields, models

from ..models.territory_share import SHARE_SCOPES


class TerritoryShareWizard(models.TransientModel):
    """Share one or more journeys with one or more partner organisations, within a scope."""

    _name = "territory.share.wizard"
    _description = "Share journeys with partner organisations"

    journey_ids = fields.Many2many("crm.lead", string="Journeys", required=True,
                                   domain="[('is_journey', '=', True)]")
    partner_org_ids = fields.Many2many(
        "res.partner", string="Partner organisations", required=True,
        domain="[('is_company', '=', True), ('organisation_type', '!=', False)]")
    scope_identity = fields.Boolean("Identity and contact details")
    scope_household = fields.Boolean("Household composition", default=True)
    scope_jobs = fields.Boolean("Job search")
    scope_housing = fields.Boolean("Housing")
    scope_business = fields.Boolean("Business project")
    message = fields.Text("Message to the partner")

    def action_share(self):
        self.ensure_one()
        scopes = {scope: self[scope] for scope in SHARE_SCOPES}
        shares = self.env["territory.share"].create([
            {"journey_id": journey.id, "partner_org_id": org.id, **scopes}
            for journey in self.journey_ids for org in self.partner_org_ids])
        if self.message:
            for share in shares:
                share.message_post(body=self.message, message_type="comment", subtype_xmlid="mail.mt_comment")
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "type": "success", "next": {"type": "ir.actions.act_window_close"},
            "message": self.env._("%(count)s share(s) sent.", count=len(shares))}}
