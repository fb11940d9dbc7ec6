from odoo import models


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    def _compute_mailing_mail_count(self):
        """Conciergerie staff open campaigns (costs, impact figures) without Email Marketing
        rights. Email Marketing computes the campaign's "A/B test mailings" count, shown to
        everyone, by reading the mailings with the user's rights, so the form fails for them:
        the counts are computed as superuser (they show no mailing; the mailings themselves stay
        for Email Marketing users)."""
        if self.env["mailing.mailing"].has_access("read"):
            return super()._compute_mailing_mail_count()
        return super(UtmCampaign, self.sudo())._compute_mailing_mail_count()
