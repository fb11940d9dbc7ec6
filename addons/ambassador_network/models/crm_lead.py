from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.territory_concierge.access import check_concierge_staff


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
            current = journey.sponsorship_ids.filtered(lambda s: s.state in ("accepted", "active"))[:1]
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

    def action_invite_family_to_portal(self):
        """One click: the household's contact gets a portal account to follow its journey."""
        self.ensure_one()
        self.check_access("write")
        if not self.email_from:
            raise UserError(self.env._("Record the household's e-mail address first: it is their login."))
        if not self.partner_id:
            self.partner_id = self.env["res.partner"].create({
                "name": self.contact_name or self.name, "email": self.email_from, "phone": self.phone})
        action = self.partner_id.action_give_portal_access()
        # The key of the family's page (/my/journey): this journey, never another lead that
        # names the same contact later. sudo: the write access on the journey was checked above;
        # the key is readable and writable by staff only.
        self.partner_id.sudo().family_journey_id = self
        return action
