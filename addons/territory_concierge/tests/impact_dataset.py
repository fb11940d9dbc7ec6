"""The constructed dataset of the impact figures, shared by the module's tests and tests/.

430 households contacted by one campaign, 257 qualified, 13 invited to a stay (jumping
over "Priorisé"), 10 installed straight from the stay (jumping over "Décision" and
"Déménagement"), 2 of them gone 8 months later; lost journeys at several stages.
"""

from freezegun import freeze_time

CAMPAIGN = "Campagne Paris 2025"
CAMPAIGN_COST = 43000.0
AS_OF = "2026-11-28"


def build_impact_dataset(env):
    """Create the dataset in ``env`` (superuser) and return the journeys, in creation order."""
    ref = env.ref
    team = ref("territory_concierge.crm_team_concierge")
    campaign = env["utm.campaign"].create({"name": CAMPAIGN, "concierge_cost": CAMPAIGN_COST,
                                         "concierge_campaign": True})
    commune = env["territory.commune"].search([("insee_code", "=", "52121")])
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True))
    with freeze_time("2025-01-10 09:00:00"):
        journeys = env["crm.lead"].create([{
            "name": f"Foyer témoin {index}", "email_from": f"foyer.temoin.{index}@example.org",
            "team_id": team.id, "type": "opportunity", "campaign_id": campaign.id,
            "first_contact_date": "2025-01-10", "project_horizon": "6_12m",
            "household_member_ids": [(0, 0, {"role": "adult", "name": f"Adulte {index}"})],
        } for index in range(430)])
    with freeze_time("2025-02-01 09:00:00"):
        journeys[:257].write({"stage_id": ref("territory_concierge.stage_qualified").id})
    with freeze_time("2025-02-15 09:00:00"):
        journeys[257:].action_set_lost(lost_reason_id=ref("territory_concierge.lost_reason_no_answer").id)
    with freeze_time("2025-03-15 09:00:00"):
        journeys[:13].write({"stage_id": ref("territory_concierge.stage_discovery_stay").id})
    with freeze_time("2025-04-01 09:00:00"):
        journeys[13:113].action_set_lost(lost_reason_id=ref("territory_concierge.lost_reason_abandoned").id)
    with freeze_time("2025-06-01 09:00:00"):
        journeys[:10].write({"installation_commune_id": commune.id, "installation_date": "2025-06-01",
                             "stage_id": ref("territory_concierge.stage_installed").id})
    with freeze_time("2025-06-15 09:00:00"):
        journeys[10:13].action_set_lost(lost_reason_id=ref("territory_concierge.lost_reason_elsewhere").id)
    with freeze_time("2026-02-01 09:00:00"):
        journeys[:2].write({"departure_date": "2026-02-01", "departure_reason": "Emploi du conjoint"})
        journeys[:2].action_set_lost(
            lost_reason_id=ref("territory_concierge.lost_reason_left_after_installation").id)
    return journeys


EXPECTED_FUNNEL = [
    # (stage xml id, reached, conversion, median days: None for a stage everyone jumped over)
    ("territory_concierge.stage_contacted", 430, 1.0, 22.0),
    ("territory_concierge.stage_qualified", 257, 0.5977, 42.0),
    ("territory_concierge.stage_prioritized", 13, 0.0506, None),
    ("territory_concierge.stage_discovery_stay", 13, 1.0, 78.0),
    ("territory_concierge.stage_decision", 10, 0.7692, None),
    ("territory_concierge.stage_moving", 10, 1.0, None),
    ("territory_concierge.stage_installed", 10, 1.0, None),
    ("territory_concierge.stage_settled", 0, 0.0, None),
]
EXPECTED_LOST = {
    ("territory_concierge.stage_contacted", "No answer"): 173,
    ("territory_concierge.stage_qualified", "Project abandoned"): 100,
    ("territory_concierge.stage_discovery_stay", "Settled elsewhere"): 3,
    ("territory_concierge.stage_installed", "Left after installation"): 2,
}
EXPECTED_CAMPAIGN = {
    "name": CAMPAIGN, "cost": CAMPAIGN_COST, "qualified": 257, "stays": 13, "installed": 10, "still_here_1y": 8,
    "cost_per_qualified": 167.32, "cost_per_stay": 3307.69, "cost_per_installed": 4300.0,
    "cost_per_still_here_1y": 5375.0,
}
EXPECTED_RETENTION = [{
    "cohort": "2025-Q2", "installed": 10, "still_here_6m": 10, "share_6m": 1.0,
    "still_here_12m": 8, "share_12m": 0.8, "still_here_24m": None, "share_24m": None,
}]
