"""19.0.1.1.0: each registration gets its own answer token (they shared the one computed when
the column was added at install)."""

from odoo import SUPERUSER_ID, api

from odoo.addons.territory_concierge_event.hooks import give_each_registration_its_own_token


def migrate(cr, version):
    give_each_registration_its_own_token(api.Environment(cr, SUPERUSER_ID, {}))
