"""19.0.1.4.0: the shipped automation rules follow the stages' milestones instead of the shipped
stages' ids, so that they work in every journeys team and territory (a territory created by the
wizard has its own copies of the stages), and belong to the territory of the shipped desk (the
wizard copies them for a new territory). They are noupdate data: a database installed before
gets the new milestone filters here where staff left the shipped ones as they were, and every
shipped rule gets its territory."""

from odoo import SUPERUSER_ID, api

INSTALLED_OR_SETTLED = ("automation_installed_followup_1m", "automation_installed_followup_3m",
                        "automation_installed_followup_6m", "automation_installed_followup_12m")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    installed = env.ref("territory_concierge.stage_installed", raise_if_not_found=False)
    settled = env.ref("territory_concierge.stage_settled", raise_if_not_found=False)
    if not (installed and settled):
        return
    both = [installed.id, settled.id]
    changes = {name: (repr([("is_journey", "=", True), ("stage_id", "in", both)]),
                      repr([("is_journey", "=", True), ("stage_id.milestone", "in", ["installed", "settled"])]))
               for name in INSTALLED_OR_SETTLED}
    changes["automation_no_followup_alert"] = (
        repr([("is_journey", "=", True), ("stage_id", "not in", both)]),
        repr([("is_journey", "=", True), ("stage_id.milestone", "not in", ["installed", "settled"])]))
    changes["automation_move_to_settled"] = (
        repr([("is_journey", "=", True), ("stage_id", "=", installed.id)]),
        repr([("is_journey", "=", True), ("stage_id.milestone", "=", "installed")]))
    for name, (old, new) in changes.items():
        rule = env.ref(f"territory_concierge.{name}", raise_if_not_found=False)
        if rule and rule.filter_domain == old:
            rule.filter_domain = new
    team = env.ref("territory_concierge.crm_team_concierge", raise_if_not_found=False)
    territory = team.company_id if team and team.company_id else env.ref("base.main_company")
    for name in changes:
        rule = env.ref(f"territory_concierge.{name}", raise_if_not_found=False)
        if rule and rule.filter_domain and "company_id" not in rule.filter_domain:
            rule.filter_domain = f"[('company_id', '=', {territory.id}), {rule.filter_domain.strip()[1:]}"
    action = env.ref("territory_concierge.action_move_to_settled", raise_if_not_found=False)
    if action and action.state == "object_write" and "stage_settled" in (action.value or ""):
        action.write({"state": "code", "code": 'records._move_to_milestone("settled")'})
    # The shipped desk's pages and e-mails name their territory (the shipped one is Haute-Marne).
    if not territory.territory_place:
        territory.territory_place = "en Haute-Marne"
