"""19.0.1.1.0: end reasons belong to teams. The shipped reasons are noupdate data, so a
database installed before gets their team here (a fresh install gets it from the data)."""

from odoo import SUPERUSER_ID, api

JOURNEY_REASONS = ("abandoned", "incompatible", "elsewhere", "no_answer", "left_after_installation", "duplicate")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    team = env.ref("territory_concierge.crm_team_concierge", raise_if_not_found=False)
    if not team:
        return
    for name in JOURNEY_REASONS:
        reason = env.ref(f"territory_concierge.lost_reason_{name}", raise_if_not_found=False)
        if reason and not reason.team_ids:
            reason.team_ids = team
