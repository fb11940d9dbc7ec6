from odoo import api, models


class MailingContact(models.Model):
    _inherit = "mailing.contact"

    @api.constrains("list_ids", "email")
    def _check_newsletter_consent(self):
        """Adding a contact to lists in Email Marketing writes their subscriptions directly: the
        newsletter list stays for households who consented (see mailing.subscription)."""
        # list_ids is stored in the subscriptions' table: read them from the database.
        self.flush_recordset(["list_ids"])
        self.invalidate_recordset(["subscription_ids"])
        self.subscription_ids._check_newsletter_consent()
