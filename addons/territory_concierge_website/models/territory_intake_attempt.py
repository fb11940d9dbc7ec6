from datetime import timedelta

from odoo import api, fields, models

ATTEMPTS_PER_HOUR = 5


class TerritoryIntakeAttempt(models.Model):
    """One submission of the public form, by IP address: the rate limit's memory."""

    _name = "territory.intake.attempt"
    _description = "Public form submission (rate limit)"

    ip_address = fields.Char(required=True, index=True)

    @api.model
    def _register_and_check(self, ip_address):
        """Record a submission; False when this address already sent too many in the last hour."""
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = self.sudo().search_count([("ip_address", "=", ip_address), ("create_date", ">=", since)])
        self.sudo().create({"ip_address": ip_address})
        return recent < ATTEMPTS_PER_HOUR

    @api.autovacuum
    def _gc_old_attempts(self):
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
