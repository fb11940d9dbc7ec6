from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.territory_concierge.access import check_concierge_staff
from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_CURRENT_STATES, SPONSORSHIP_OPEN_STATES


class CrmLead(models.Model):
    _inherit = "crm.lead"

    sponsorship_ids = fields.One2many("territory.sponsorship", "journey_id", string="Sponsorships")
    ambassador_id = fields.Many2one(
        "res.partner", compute="_compute_ambassador_id",
        help="The ambassador of the household's current sponsorship.")
    spoken_languages = fields.Char("Languages spoken", help="Languages the household speaks, e.g. anglais, arabe.")
    retention_risk = fields.Boolean(
        "Retention risk", tracking=True, copy=False,
        help="Set when a check-in with the ambassador is overdue; cleared when a meeting is logged.")

    @api.depends("sponsorship_ids.state", "sponsorship_ids.ambassador_id")
    def _compute_ambassador_id(self):
        for journey in self:
            current = journey.sponsorship_ids.filtered(lambda s: s.state in SPONSORSHIP_CURRENT_STATES)[:1]
            journey.ambassador_id = current.ambassador_id

    def _revoke_outside_access(self, reason, purpose=None):
        result = super()._revoke_outside_access(reason, purpose)
        if purpose in (None, "ambassador"):
            self.sudo().sponsorship_ids._end(reason)
        return result

    def _anonymise(self, why):
        result = super()._anonymise(why)
        # The sponsorships were ended by the core (_revoke_outside_access): their notes go,
        # their dates and states stay for the figures.
        sponsorships = self.sudo().with_context(active_test=False).sponsorship_ids
        sponsorships.with_context(tracking_disable=True, mail_notrack=True).write({"concern_note": False})
        sponsorships.meeting_ids.write({"note": False})
        self._erase_mail_traces(sponsorships)
        return result

    def _get_personal_data(self, journey_fields):
        data = super()._get_personal_data(journey_fields)
        data["spoken_languages"] = self.spoken_languages
        data["sponsorships"] = [{
            "ambassador": sponsorship.ambassador_id.name, "state": sponsorship.state,
            "started_on": sponsorship.date_start, "ended_on": sponsorship.date_end,
            "meetings": [{"date": meeting.date, "kind": meeting.kind, "note": meeting.note}
                         for meeting in sponsorship.meeting_ids],
        } for sponsorship in self.sponsorship_ids]
        return data

    def action_suggest_ambassadors(self):
        self.ensure_one()
        check_concierge_staff(self.env)
        return self.env["territory.ambassador.match.wizard"].create({"journey_id": self.id})._open()

    def action_family_agree_ambassador(self):
        """The household agrees, from its page, to the ambassador the conciergerie proposes.

        :raise AccessError: anyone but the journey's household
        """
        journey = self._check_family_access()
        sponsorship = journey.sponsorship_ids.filtered(lambda s: s.state == "proposed" and not s.family_agreed)[:1]
        if not sponsorship:
            raise UserError(self.env._("There is no ambassador to agree to."))
        sponsorship.with_user(self.env.user).action_family_portal_agree()

    def _family_withdrawal_effects(self, consent):
        sponsorship = self.sudo().sponsorship_ids.filtered(lambda s: s.state in SPONSORSHIP_OPEN_STATES)[:1]
        if consent.purpose == "ambassador" and sponsorship:
            return self.env._("Your sponsorship with %(ambassador)s will end.",
                              ambassador=sponsorship.ambassador_id.name)
        return super()._family_withdrawal_effects(consent)

    def _known_to_portal_partner(self, partner):
        # An ambassador knows the households they sponsor, while the sponsorship is open.
        known = super()._known_to_portal_partner(partner)
        sponsored = self.env["territory.sponsorship"].sudo().search([
            ("ambassador_id", "=", partner.id), ("journey_id", "in", self.ids),
            ("state", "in", SPONSORSHIP_OPEN_STATES)]).journey_id
        known.update(dict.fromkeys(sponsored))
        return known
