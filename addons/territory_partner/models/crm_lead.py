from odoo import api, fields, models
from odoo.tools import format_list

from odoo.addons.territory_concierge.access import check_concierge_staff
from odoo.addons.territory_concierge.portal_rules import SHARE_OPEN_STATES


class CrmLead(models.Model):
    _inherit = "crm.lead"

    share_ids = fields.One2many("territory.share", "journey_id", string="Partner shares")
    open_share_count = fields.Integer("Open shares", compute="_compute_open_share_count")

    @api.depends("share_ids.state")
    def _compute_open_share_count(self):
        counts = dict(self.env["territory.share"]._read_group(
            [("journey_id", "in", self.ids), ("state", "in", SHARE_OPEN_STATES)],
            ["journey_id"], ["__count"]))
        for journey in self:
            journey.open_share_count = counts.get(journey, 0)

    def _family_withdrawal_effects(self, consent):
        shares = self.sudo().share_ids.filtered(lambda s: s.state in SHARE_OPEN_STATES)
        if consent.purpose == "partner_sharing" and shares:
            return self.env._("The partner organisations your journey is shared with (%(organisations)s) "
                              "will no longer see it.",
                              organisations=format_list(self.env, shares.partner_org_id.mapped("name")))
        return super()._family_withdrawal_effects(consent)

    def _known_to_portal_partner(self, partner):
        # A partner organisation's contact knows a journey while the organisation has an open
        # share of it; the household by name only with the identity scope.
        known = super()._known_to_portal_partner(partner)
        shares = self.env["territory.share"].sudo().search([
            ("partner_org_id", "=", partner.commercial_partner_id.id), ("journey_id", "in", self.ids),
            ("state", "in", SHARE_OPEN_STATES)])
        for journey, journey_shares in shares.grouped("journey_id").items():
            if journey_shares.filtered("scope_identity"):
                known[journey] = None
            elif journey not in known:
                known[journey] = journey_shares[0].household_label
        return known

    def _revoke_outside_access(self, reason, purpose=None):
        result = super()._revoke_outside_access(reason, purpose)
        if purpose in (None, "partner_sharing"):
            self.sudo().share_ids._revoke(reason)
        return result

    def _anonymise(self, why):
        result = super()._anonymise(why)
        # The shares were closed by the core (_revoke_outside_access); what was said on them goes.
        shares = self.sudo().with_context(active_test=False).share_ids
        shares.with_context(tracking_disable=True, mail_notrack=True).write({"feedback": False})
        self._erase_mail_traces(shares)
        return result

    def _get_personal_data(self, journey_fields):
        data = super()._get_personal_data(journey_fields)
        data["partner_shares"] = [{
            "organisation": share.partner_org_id.name, "scope": share._scope_labels(), "state": share.state,
            "shared_on": share.date_shared, "feedback": share.feedback, "outcome": share.outcome,
            "viewed_on": [view.date for view in share.sudo().view_ids],
        } for share in self.share_ids]
        return data

    def action_share_with_partners(self):
        check_concierge_staff(self.env)
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_wizard_action")
        action["context"] = {"default_journey_ids": self.ids}
        return action

    def action_suggest_opportunities(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        return self.env["territory.match.wizard"].create({"journey_id": self.id})._open()

    def action_view_shares(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        action = self.env["ir.actions.actions"]._for_xml_id("territory_partner.territory_share_action")
        action.update(domain=[("journey_id", "=", self.id)], context={"default_journey_id": self.id})
        return action
