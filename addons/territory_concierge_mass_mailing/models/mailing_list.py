from odoo import api, models


class MailingList(models.Model):
    _inherit = "mailing.list"

    @api.model
    def _newsletter_list(self):
        """The conciergerie's newsletter list, as superuser (its members follow the consents)."""
        newsletter = self.env.ref("territory_concierge_mass_mailing.mailing_list_newsletter",
                                  raise_if_not_found=False)
        return newsletter.sudo() if newsletter else self.browse()

    def _newsletter_subscribe(self, journeys):
        """Subscribe the households of these journeys: one mailing contact per e-mail, reused
        when mass mailing already knows the address, opted in again when it had opted out.

        :param journeys: crm.lead with an e-mail
        """
        self.ensure_one()
        by_email = {}
        for journey in journeys:
            by_email.setdefault(journey.email_normalized, journey)
        contacts = self.env["mailing.contact"].search([("email_normalized", "in", list(by_email))])
        subscriptions = self.env["mailing.subscription"].search(
            [("list_id", "=", self.id), ("contact_id", "in", contacts.ids)])
        subscriptions.filtered("opt_out").write({"opt_out": False})
        subscribed = set(subscriptions.contact_id.mapped("email_normalized"))
        contact_by_email = {}
        for contact in contacts:
            contact_by_email.setdefault(contact.email_normalized, contact)
        self.env["mailing.subscription"].create([
            {"contact_id": contact.id, "list_id": self.id}
            for email, contact in contact_by_email.items() if email not in subscribed])
        self.env["mailing.contact"].create([{
            "name": journey.contact_name or journey.partner_name or journey.name,
            "email": email,
            "subscription_ids": [(0, 0, {"list_id": self.id})],
        } for email, journey in by_email.items() if email not in contact_by_email])

    def _newsletter_opt_out(self, emails):
        """Opt these addresses out of the list (mass mailing's own opt-out: the contact stays,
        with the date)."""
        self.ensure_one()
        self.env["mailing.subscription"].search([
            ("list_id", "=", self.id), ("opt_out", "=", False), ("contact_id.email_normalized", "in", list(emails)),
        ]).write({"opt_out": True})
