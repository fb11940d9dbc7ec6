from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_list

from odoo.addons.territory_concierge.access import check_links_readable

from ..models.territory_share import SHARE_SCOPES, check_concierge_staff


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
    skipped_note = fields.Text(
        "Not shared", readonly=True,
        help="The selected journeys left out of the sharing, and why.")

    @api.constrains("journey_ids")
    def _check_links_readable(self):
        check_links_readable(self, "journey_ids")

    @api.model
    def default_get(self, fields_list):
        """Opened from a selection in the pipeline (Actions menu), the journeys are the
        selected ones whose household consented to sharing; the others are left out and named
        at once (rather than after the concierge filled the form in). Refused only when no
        selected household consented."""
        defaults = super().default_get(fields_list)
        context = self.env.context
        if "journey_ids" in fields_list and not defaults.get("journey_ids") \
                and context.get("active_model") == "crm.lead" and context.get("active_ids"):
            defaults["journey_ids"] = [fields.Command.set(context["active_ids"])]
        journeys = self.new({"journey_ids": defaults.get("journey_ids") or []}).journey_ids._origin
        without_consent = journeys.filtered(lambda journey: not journey._has_active_consent("partner_sharing"))
        if not without_consent:
            return defaults
        if without_consent == journeys:
            raise UserError(self.env._(
                "The household has not consented to sharing with partner organisations: %(journeys)s. "
                "Record their consent (Consents tab) before sharing.",
                journeys=format_list(self.env, without_consent.mapped("name"))))
        defaults["journey_ids"] = [fields.Command.set((journeys - without_consent).ids)]
        defaults["skipped_note"] = self.env._(
            "Not shared, as the household has not consented to sharing with partner organisations: "
            "%(journeys)s. Record their consent (Consents tab) to share them later.",
            journeys=format_list(self.env, without_consent.mapped("name")))
        return defaults

    def action_share(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        scopes = {scope: self[scope] for scope in SHARE_SCOPES}
        shares = self.env["territory.share"].create([
            {"journey_id": journey.id, "partner_org_id": org.id, **scopes}
            for journey in self.journey_ids for org in self.partner_org_ids])
        if self.message:
            for share in shares:
                share.message_post(body=self.message, message_type="comment", subtype_xmlid="mail.mt_comment")
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "type": "success", "next": {"type": "ir.actions.act_window_close"},
            "message": self.env._("%(count)s share(s) sent.", count=len(shares))
            + (f" {self.skipped_note}" if self.skipped_note else "")}}
