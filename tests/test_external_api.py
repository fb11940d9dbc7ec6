"""The external API (JSON-2) as integrators and scripts use it."""


def test_concierge_creates_and_reads_a_journey(concierge, ref):
    team_id = ref("territory_concierge.crm_team_concierge")
    response = concierge.call("crm.lead", "create", vals_list=[{
        "name": "Famille Externe", "team_id": team_id, "type": "opportunity",
        "project_horizon": "lt_6m", "motivation": "4", "maturity": "ready",
        "household_member_ids": [(0, 0, {"role": "adult", "name": "Alex", "age": 30})],
    }])
    assert response.status_code == 200, response.text
    [journey_id] = response.json()
    response = concierge.call("crm.lead", "read", ids=[journey_id],
                              fields=["is_journey", "stage_id", "priority_score", "adult_count"])
    [journey] = response.json()
    assert journey["is_journey"] is True
    assert journey["stage_id"][1] == "Contacted"
    assert journey["adult_count"] == 1
    # horizon 100, motivation 100, maturity 100, fit 100 (no warning)
    assert journey["priority_score"] == 100


def test_stage_gate_refuses_over_the_api(concierge, ref):
    team_id = ref("territory_concierge.crm_team_concierge")
    installed_id = ref("territory_concierge.stage_installed")
    [journey_id] = concierge.call("crm.lead", "create", vals_list=[{
        "name": "Famille Pressée", "team_id": team_id, "type": "opportunity"}]).json()
    response = concierge.call("crm.lead", "write", ids=[journey_id], vals={"stage_id": installed_id})
    assert response.status_code == 422
    message = response.json()["message"]
    assert "Installation commune" in message
    assert "Installation Date" in message


def test_french_user_gets_french_messages(client_for, ref):
    manager = client_for("territory_concierge.group_concierge_manager", lang="fr_FR")
    team_id = ref("territory_concierge.crm_team_concierge")
    qualified_id = ref("territory_concierge.stage_qualified")
    [journey_id] = manager.call("crm.lead", "create", vals_list=[{
        "name": "Famille Française", "team_id": team_id, "type": "opportunity"}]).json()
    response = manager.call("crm.lead", "write", ids=[journey_id], vals={"stage_id": qualified_id},
                            context={"lang": "fr_FR"})
    assert response.status_code == 422
    message = response.json()["message"]
    assert "ne peut pas entrer dans l'étape « Qualifié »" in message
    assert "Foyer" in message and "Horizon du projet" in message


def test_portal_user_reads_no_journey(client_for):
    portal = client_for("base.group_portal")
    response = portal.call("crm.lead", "search_read", domain=[], fields=["name"])
    assert response.status_code == 403, response.text


def test_crm_user_outside_conciergerie_sees_no_journey(client_for, concierge):
    salesman = client_for("sales_team.group_sale_salesman_all_leads")
    response = salesman.call("crm.lead", "search_count", domain=[("is_journey", "=", True)])
    assert response.status_code == 200, response.text
    assert response.json() == 0
    visible_to_concierge = concierge.call("crm.lead", "search_count", domain=[("is_journey", "=", True)]).json()
    assert visible_to_concierge > 0


def test_bad_api_key_is_refused(odoo_url, odoo_db):
    import requests  # noqa: PLC0415

    response = requests.post(f"{odoo_url}/json/2/crm.lead/search_count", json={"domain": []},
                             headers={"Authorization": "Bearer nope", "X-Odoo-Database": odoo_db}, timeout=30)
    assert response.status_code == 401
