from odoo import api, models


class TerritoryConsent(models.Model):
    _inherit = "territory.consent"

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents.filtered(lambda c: c.purpose == "newsletter" and c.is_active)._newsletter_subscribe()
        return consents

    def write(self, vals):
        withdrawing = self.filtered(lambda c: c.purpose == "newsletter" and c.is_active) \
            if vals.get("date_withdrawn") else self.browse()
        result = super().write(vals)
        if withdrawing:
            emails = {email for email in withdrawing.journey_id.mapped("email_normalized") if email}
            newsletter = self.env["mailing.list"]._newsletter_list()
            if newsletter and emails:
                newsletter._newsletter_opt_out(emails)
        return result

    def _newsletter_subscribe(self):
        """Put the households of these newsletter consents on the newsletter list (as superuser:
        the consequence of a consent the current user was allowed to record)."""
        newsletter = self.env["mailing.list"]._newsletter_list()
        journeys = self.sudo().journey_id.filtered(lambda j: j.email_normalized and not j.anonymised_date)
        if newsletter and journeys:
            newsletter._newsletter_subscribe(journeys)
