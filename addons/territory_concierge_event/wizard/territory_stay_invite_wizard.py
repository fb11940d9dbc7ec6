from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.territory_concierge.access import check_links_readable


class TerritoryStayInviteWizard(models.TransientModel):
    """Invite journeys picked in the pipeline to a discovery stay: one registration each,
    and the French invitation e-mail with its yes / no links."""

    _name = "territory.stay.invite.wizard"
    _description = "Invite journeys to a discovery stay"

    event_id = fields.Many2one(
        "event.event", string="Stay", required=True,
        domain="[('stay_kind', '!=', False), ('date_end', '>=', context_today().strftime('%Y-%m-%d'))]")
    journey_ids = fields.Many2many("crm.lead", string="Journeys", required=True,
                                   domain="[('is_journey', '=', True)]")

    @api.constrains("journey_ids")
    def _check_links_readable(self):
        check_links_readable(self, "journey_ids")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "crm.lead" and "journey_ids" in fields_list:
            values["journey_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_invite(self):
        self.ensure_one()
        without_email = self.journey_ids.filtered(lambda journey: not journey.email_from)
        if without_email:
            raise UserError(self.env._(
                "These households have no e-mail address, so they cannot receive the invitation: %(names)s",
                names=", ".join(without_email.mapped("name"))))
        # A stay welcomes the households of its own territory (another's are oriented first).
        elsewhere = self.journey_ids.filtered(
            lambda journey: self.event_id.company_id and journey.company_id != self.event_id.company_id)
        if elsewhere:
            raise UserError(self.env._(
                "These households belong to another territory than the stay's (%(territory)s): %(names)s",
                territory=self.event_id.company_id.name, names=", ".join(elsewhere.mapped("name"))))
        already = self.event_id.registration_ids.journey_id
        journeys = self.journey_ids - already
        registrations = self.env["event.registration"].create([{
            "event_id": self.event_id.id, "journey_id": journey.id, "partner_id": journey.partner_id.id,
            "name": journey.contact_name or journey.name, "email": journey.email_from, "phone": journey.phone,
            # Unconfirmed until the household says yes: the event's own confirmation e-mail
            # and reminders only go to those who are coming.
            "stay_answer": "pending", "state": "draft",
        } for journey in journeys])
        # The invitations and the journeys' notes in batches, whatever the number of households.
        if registrations:
            template = self.env.ref("territory_concierge_event.mail_template_stay_invitation")
            template.send_mail_batch(registrations.ids, force_send=False)
            note = self.env._("Invited to the discovery stay %(stay)s.", stay=self.event_id.name)
            # Written as the concierge may (the batch writes as superuser).
            registrations.journey_id.check_access("write")
            registrations.journey_id._message_log_batch(bodies=dict.fromkeys(registrations.journey_id.ids, note))
        message = self.env._("%(count)s household(s) invited to %(stay)s.", count=len(registrations),
                             stay=self.event_id.name)
        if already & self.journey_ids:
            message += " " + self.env._("Already invited: %(names)s.",
                                        names=", ".join((already & self.journey_ids).mapped("name")))
        return {"type": "ir.actions.client", "tag": "display_notification", "params": {
            "type": "success", "message": message, "next": {"type": "ir.actions.act_window_close"}}}
