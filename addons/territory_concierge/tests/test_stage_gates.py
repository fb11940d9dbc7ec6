import json

from odoo.exceptions import ValidationError
from odoo.tests import Form, HttpCase, tagged, users

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestStageGates(JourneyCommon):
    """A journey cannot enter a stage without the fields the stage requires,
    whatever the path: write (kanban drag), form, import, external API."""

    def _assert_refused(self, exception, *labels):
        message = str(exception.exception)
        for label in labels:
            self.assertIn(label, message)

    @users("tc_concierge")
    def test_gate_write_names_missing_fields(self):
        journey = self._create_journey(user=self.env.user)
        with self.assertRaises(ValidationError) as refused:
            journey.write({"stage_id": self.stages["qualified"].id})
        self._assert_refused(refused, "Household", "Project horizon", "Qualified")
        journey.invalidate_recordset()
        self.assertEqual(journey.stage_id, self.stages["contacted"], "the refused move left nothing behind")

    @users("tc_concierge")
    def test_gate_kanban_drag_web_save(self):
        """The kanban drag and the form save both go through web_save."""
        journey = self._create_journey(user=self.env.user, household_member_ids=self._household(),
                                       project_horizon="lt_6m")
        journey.web_save({"stage_id": self.stages["qualified"].id}, {})
        self.assertEqual(journey.stage_id, self.stages["qualified"])
        with self.assertRaises(ValidationError) as refused:
            journey.web_save({"stage_id": self.stages["installed"].id}, {})
        self._assert_refused(refused, "Installation commune", "Installation Date")

    @users("tc_concierge")
    def test_gate_form_onchange_path(self):
        journey = self._create_journey(user=self.env.user)
        form = Form(journey, view="territory_concierge.crm_lead_view_form_journey")
        form.stage_id = self.stages["qualified"]
        with self.assertRaises(ValidationError) as refused:
            form.save()
        self._assert_refused(refused, "Household")

    @users("tc_concierge")
    def test_gate_on_create(self):
        with self.assertRaises(ValidationError):
            self._create_journey(user=self.env.user, stage_id=self.stages["installed"].id)

    @users("tc_concierge")
    def test_gate_import(self):
        """Odoo's import reports the refused row and imports the others."""
        result = self.env["crm.lead"].with_context(default_team_id=self.team.id, default_type="opportunity").load(
            ["name", "stage_id/id", "project_horizon"],
            [["Famille A", "territory_concierge.stage_contacted", "lt_6m"],
             ["Famille B", "territory_concierge.stage_installed", "lt_6m"]],
        )
        messages = [m["message"] for m in result["messages"]]
        self.assertTrue(any("Installation commune" in m for m in messages), messages)
        self.assertFalse(result["ids"], "load() is all-or-nothing: the batch is refused with its reason")

    def test_import_template_for_journeys(self):
        templates = self.env["crm.lead"].with_context(default_team_id=self.team.id).get_import_templates()
        self.assertEqual(templates[0]["template"], "/territory_concierge/static/xls/journeys_import_template.csv")
        result = self.env["crm.lead"].with_context(default_team_id=self.team.id, default_type="opportunity").load(
            ["name", "email_from", "profile_ids", "project_horizon", "has_car"],
            [["Famille Modèle", "modele@example.org", "Family,Health worker", "6_12m", "1"]])
        self.assertFalse(result["messages"], result["messages"])
        journey = self.env["crm.lead"].browse(result["ids"])
        self.assertEqual(journey.stage_id, self.stages["contacted"])
        self.assertEqual(len(journey.profile_ids), 2)

    def test_gate_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["territory_concierge"], ["fr_FR"], overwrite=True)
        self.concierge.lang = "fr_FR"
        journey = self._create_journey()
        with self.assertRaises(ValidationError) as refused:
            journey.with_user(self.concierge).with_context(lang="fr_FR").write(
                {"stage_id": self.stages["qualified"].id})
        self._assert_refused(refused, "« Foyer » (ajoutez au moins une ligne)", "« Horizon du projet »", "Qualifié",
                             "tant que ceci n'est pas renseigné")

    def test_gate_configured_by_staff(self):
        """Gates are data: the manager adds a required field and it applies at once."""
        priority_stage = self.stages["prioritized"]
        motivation = self.env["ir.model.fields"]._get("crm.lead", "motivation")
        priority_stage.with_user(self.manager).required_field_ids = [(4, motivation.id)]
        journey = self._create_journey(household_member_ids=self._household(), project_horizon="lt_6m")
        journey.stage_id = self.stages["qualified"]
        with self.assertRaises(ValidationError):
            journey.stage_id = priority_stage
        journey.write({"motivation": "3", "stage_id": priority_stage.id})
        self.assertEqual(journey.stage_id, priority_stage)


@tagged("post_install", "-at_install")
class TestStageGatesExternalApi(HttpCase):

    def test_gate_json2_api(self):
        """The JSON-2 external API goes through the same gate and gets the message."""
        concierge = self.env["res.users"].create({
            "name": "API Concierge", "login": "tc_api_concierge",
            "group_ids": [(6, 0, [self.env.ref("territory_concierge.group_concierge_user").id])],
        })
        key = self.env["res.users.apikeys"].with_user(concierge).sudo()._generate(None, "test", None)
        journey = self.env["crm.lead"].create({
            "name": "Famille API", "team_id": self.env.ref("territory_concierge.crm_team_concierge").id,
            "type": "opportunity", "user_id": concierge.id,
        })
        response = self.url_open(
            "/json/2/crm.lead/write",
            data=json.dumps({"ids": [journey.id],
                             "vals": {"stage_id": self.env.ref("territory_concierge.stage_qualified").id}}),
            headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("Project horizon", response.json()["message"])
        journey.invalidate_recordset()
        self.assertEqual(journey.stage_id, self.env.ref("territory_concierge.stage_contacted"))
