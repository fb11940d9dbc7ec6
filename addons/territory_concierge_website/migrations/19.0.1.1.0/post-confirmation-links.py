"""19.0.1.1.0: the confirmation e-mail is no longer logged on the application, whose chatter
staff read (they could have confirmed in the person's place). The copies logged before go."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["mail.message"].search([
        ("model", "=", "territory.intake.submission"), ("body", "ilike", "/confirmer/"),
    ]).unlink()
