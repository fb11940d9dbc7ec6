"""19.0.1.2.0: a family's portal page shows the journey it was invited from
(``res.partner.family_journey_id``) instead of the newest lead naming its contact.

Families invited before had no such key. Give it to each portal contact that exactly one
open journey names (the journey it was invited from); a contact that several journeys name
is left for staff to re-invite from the right one, and said in the log: guessing is what the
key is there to prevent."""

import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    portal_partners = env["res.users"].search([("share", "=", True)]).partner_id.filtered(
        lambda partner: not partner.family_journey_id)
    journeys = env["crm.lead"].search([
        ("partner_id", "in", portal_partners.ids), ("is_journey", "=", True), ("active", "=", True),
        ("anonymised_date", "=", False)])
    for partner, own in journeys.grouped("partner_id").items():
        if len(own) == 1:
            partner.family_journey_id = own
        else:
            _logger.warning("Family portal: contact %s is named by journeys %s; re-invite it from its own",
                            partner.id, own.ids)
