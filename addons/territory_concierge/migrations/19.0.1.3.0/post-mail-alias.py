"""19.0.1.3.0: e-mails to the journeys team's alias open journeys. The team is noupdate data,
so a database installed before gets the alias name "accueil" here when its team has none and
no other alias of the same domain uses it (a fresh install gets it from the data)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    team = env.ref("territory_concierge.crm_team_concierge", raise_if_not_found=False)
    if not team or team.alias_name:
        return
    taken = env["mail.alias"].search_count([
        ("alias_name", "=", "accueil"), ("alias_domain_id", "=", team.alias_domain_id.id)], limit=1)
    if not taken:
        team.alias_name = "accueil"
