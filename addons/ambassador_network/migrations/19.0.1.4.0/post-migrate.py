"""19.0.1.4.0: the check-ins of a sponsorship are an activity plan staff can edit, chosen on the
journeys team; the existing journeys teams get the shipped plan (the same check-ins as before:
a week after the start, then monthly for six months). Check-ins already scheduled stay."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    api.Environment(cr, SUPERUSER_ID, {})["crm.team"]._use_shipped_checkin_plan()
