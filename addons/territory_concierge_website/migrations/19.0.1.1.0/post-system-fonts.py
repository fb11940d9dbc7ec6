"""19.0.1.1.0: the websites use the visitors' own fonts instead of Google's (no visitor's
address sent to Google's servers, as the legal page says). A database installed before gets it
here, once."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["website"].search([])._use_system_fonts()
