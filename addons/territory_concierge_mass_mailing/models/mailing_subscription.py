from odoo import api, models
from odoo.exceptions import ValidationError


class MailingSubscription(models.Model):
    _inherit = "mailing.subscription"

    def write(self, vals):
        """Opting out of the newsletter list, whichever way (the unsubscribe link of a mailing,
        the recipient's preferences page, staff in Email Marketing), withdraws the households'
        newsletter consents, logged on their journeys like any withdrawal."""
        newsletter = self.env["mailing.list"]._newsletter_list()
        opted_in = self.filtered(lambda s: s.list_id == newsletter and not s.opt_out) if newsletter else self.browse()
        result = super().write(vals)
        opted_out = opted_in.filtered("opt_out")
        if opted_out:
            emails = [email for email in opted_out.contact_id.mapped("email_normalized") if email]
            # As superuser: the consequence of the opt-out this user (or the recipient's token)
            # was allowed to make.
            self.env["territory.consent"].sudo().search([
                ("purpose", "=", "newsletter"), ("is_active", "=", True),
                ("journey_id", "in", self.env["crm.lead"].sudo().with_context(active_test=False)._search(
                    [("email_normalized", "in", emails)])),
            ]).action_withdraw()
        return result

    @api.constrains("opt_out", "list_id", "contact_id")
    def _check_newsletter_consent(self):
        """Only households who consented to the newsletter are (opted in) on its list."""
        newsletter = self.env["mailing.list"]._newsletter_list()
        subscribed = self.filtered(lambda s: s.list_id == newsletter and not s.opt_out) if newsletter else self.browse()
        if not subscribed:
            return
        emails = [email for email in subscribed.contact_id.mapped("email_normalized") if email]
        consented = set(self.env["territory.consent"].sudo().search([
            ("purpose", "=", "newsletter"), ("is_active", "=", True),
            ("journey_id", "in", self.env["crm.lead"].sudo().with_context(active_test=False)._search(
                [("email_normalized", "in", emails), ("anonymised_date", "=", False)])),
        ]).journey_id.mapped("email_normalized"))
        refused = subscribed.filtered(lambda s: s.contact_id.email_normalized not in consented)
        if refused:
            raise ValidationError(self.env._(
                "Only households who consented to the newsletter are on the list \u201c%(list)s\u201d: record "
                "the consent on their journey first (%(emails)s).",
                list=newsletter.name, emails=", ".join(refused.contact_id.mapped("email"))))
