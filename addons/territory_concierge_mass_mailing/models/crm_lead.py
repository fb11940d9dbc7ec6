from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _anonymise(self, why):
        """The household's address leaves the newsletter list with the rest of its data: its
        subscription (and its mailing contact when it is on no other list) is deleted, and the
        address is blanked on the mailings' statistics, unless another journey still holds a
        newsletter consent for it."""
        emails = {email for email in self.sudo().mapped("email_normalized") if email}
        super()._anonymise(why)
        if not emails:
            return
        still_consented = set(self.env["territory.consent"].sudo().search([
            ("purpose", "=", "newsletter"), ("is_active", "=", True),
            ("journey_id", "in", self.sudo().with_context(active_test=False)._search(
                [("email_normalized", "in", list(emails))])),
        ]).journey_id.mapped("email_normalized"))
        erased = emails - still_consented
        newsletter = self.env["mailing.list"]._newsletter_list()
        if not erased or not newsletter:
            return
        contacts = self.env["mailing.contact"].sudo().search([("email_normalized", "in", list(erased))])
        contacts.subscription_ids.filtered(lambda s: s.list_id == newsletter).unlink()
        self.env["mailing.trace"].sudo().search([
            ("model", "=", "mailing.contact"), ("res_id", "in", contacts.ids)]).write({"email": False})
        contacts.filtered(lambda c: not c.subscription_ids).unlink()
