from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    share_ids = fields.One2many("territory.share", "journey_id", string="Partner shares")
    open_share_count = fields.Integer("Open shares", compute="_compute_open_share_count")

    @api.depends("share_ids.state")
    def _compute_open_share_count(self):
        counts = dict(self.env["territory.share"]._read_group(
            [("journey_id", "in", self.ids), ("state", "in", ("proposed", "accepted"))],
            ["journey_id"], ["__count"]))
        for journey in self:
            journey.open_share_count = counts.get(journey, 0)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("active") is False:
            # Lost or archived: partners lose the journey at once.
            self.sudo().share_ids._revoke("journey_closed")
        return result

    def _revoke_consented_access(self, withdrawn_consents):
        result = super()._revoke_consented_access(withdrawn_consents)
        journeys = withdrawn_consents.filtered(lambda c: c.purpose == "partner_sharing").journey_id
        journeys.sudo().share_ids._revoke("consent_withdrawn")
        return result

    def _anonymise(self, why):
        self.sudo().share_ids._revoke("journey_closed")
        return super()._anonymise(why)

    def action_share_with_partners(self):
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_wizard_action")
        action["context"] = {"default_journey_ids": self.ids}
        return action

    def action_suggest_opportunities(self):
        self.ensure_one()
        return self.env["territory.match.wizard"].create({"journey_id": self.id})._open()

    def action_view_shares(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_action")
        action.update(domain=[("journey_id", "=", self.id)], context={"default_journey_id": self.id})
        return action
