import re

from lxml import etree

from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import JourneyCommon

# Words of a sales tool, in the French a concierge reads and in English.
SALES_WORDS = re.compile(
    r"opportunit|piste|vendeu|revenu|probabilit|commercia|gagné|\bwon\b|\blead|salesperson|revenue|probability",
    re.IGNORECASE)
# What a household is not: a deal.
SALES_FIELDS = {"expected_revenue", "prorated_revenue", "probability", "automated_probability",
                "recurring_revenue", "recurring_revenue_monthly", "recurring_plan"}
LABEL_ATTRIBUTES = ("string", "placeholder", "help", "confirm", "title", "sum", "aria-label")


class JourneyViewWords:
    """What a user reads in a view: the labels of its visible nodes, evaluated on a journey.

    Nodes hidden for the journey (``invisible`` / ``column_invisible`` true for its values)
    are skipped with their content; a condition that cannot be evaluated counts as shown.
    """

    def __init__(self, view, fields, values=None):
        self.arch = etree.fromstring(view["arch"])
        self.fields = fields
        self.values = dict(values or {}, context={}, uid=1)
        self.view_type = self.arch.tag

    def _hidden(self, node):
        for attribute in ("invisible", "column_invisible"):
            condition = node.get(attribute)
            if not condition:
                continue
            if condition in ("1", "True"):
                return True
            try:
                if safe_eval(condition, dict(self.values)):
                    return True
            except Exception:  # a condition on sub-records (parent, x2many values): shown
                continue
        return False

    def _shows_field_label(self, node):
        if self.view_type == "kanban" or node.get("nolabel") in ("1", "True") or node.get("string"):
            return False
        if self.view_type in ("list", "search"):
            return True
        return any(ancestor.tag == "group" for ancestor in node.iterancestors())

    def visible(self, node=None):
        """Yield (node, label) of every label shown, and (field node, None) of every shown field."""
        node = self.arch if node is None else node
        if not isinstance(node.tag, str) or self._hidden(node):
            return
        # A kanban card shows what its templates render; the fields above are only loaded.
        if self.view_type == "kanban" and node.tag == "field" and not any(
                ancestor.tag == "templates" for ancestor in node.iterancestors()):
            return
        if self.view_type in ("list", "form") and node.tag in ("list", "kanban", "form") and node is not self.arch:
            return  # sub-views of x2many fields: other models
        for attribute in LABEL_ATTRIBUTES:
            if node.get(attribute):
                yield node, node.get(attribute)
        if node.text and node.text.strip():
            yield node, node.text.strip()
        if node.tag == "field":
            yield node, None
            if self._shows_field_label(node) and node.get("name") in self.fields:
                yield node, self.fields[node.get("name")]["string"]
        for child in node:
            yield from self.visible(child)
            if child.tail and child.tail.strip():
                yield node, child.tail.strip()


@tagged("post_install", "-at_install")
class TestJourneyViewsSpeakConciergerie(JourneyCommon):
    """A French concierge opening the journeys (pipeline, list, form, search, stages) reads
    the words of the conciergerie: no revenue, probability, opportunity, lead nor salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_fr").active = True
        cls.concierge.lang = "fr_FR"
        cls.manager.lang = "fr_FR"
        cls.journey = cls._create_journey(user_id=cls.concierge.id)

    def _views_of_action(self, xmlid, user, extra_views=()):
        action = self.env["ir.actions.actions"].with_user(user)._for_xml_id(xmlid)
        context = safe_eval(action.get("context") or "{}")
        model = self.env[action["res_model"]].with_user(user).with_context(**context, lang="fr_FR")
        views = [list(view) for view in action["views"]] + [list(view) for view in extra_views]
        if action.get("search_view_id"):
            views.append([action["search_view_id"][0], "search"])
        result = model.get_views(views)
        return model, result["views"], result["models"][action["res_model"]]["fields"]

    def _offending(self, view, fields, values=None):
        problems = []
        for node, label in JourneyViewWords(view, fields, values).visible():
            if label is None:
                if node.get("name") in SALES_FIELDS:
                    problems.append(f"field {node.get('name')} shown")
            elif SALES_WORDS.search(label):
                problems.append(f"<{node.tag} name={node.get('name')!r}> {label!r}")
        return problems

    def test_journeys_views_have_no_sales_words(self):
        model, views, fields = self._views_of_action("territory_concierge.crm_lead_action_journeys", self.concierge)
        spec = {name: {} for name in fields if fields[name]["type"] not in ("one2many", "many2many")}
        values = model.browse(self.journey.id).web_read(
            {name: {} if fields[name]["type"] != "many2one" else {"fields": {}} for name in spec})[0]
        values = {name: value.get("id") if isinstance(value, dict) else value for name, value in values.items()}
        for view_type in ("kanban", "list", "form", "search", "calendar", "pivot", "graph", "activity"):
            with self.subTest(view=view_type):
                self.assertEqual(self._offending(views[view_type], fields, values if view_type == "form" else None),
                                 [])

    def test_stage_form_shows_the_journey_settings_only(self):
        model, views, fields = self._views_of_action("territory_concierge.crm_stage_action_journeys", self.manager)
        stage = model.browse(self.stages["qualified"].id)
        values = stage.read(["team_ids", "is_won", "is_journey_stage", "team_count"])[0]
        self.assertTrue(values["is_journey_stage"])
        form = JourneyViewWords(views["form"], fields, values)
        shown = {node.get("name") for node, label in form.visible() if label is None}
        self.assertFalse(shown & {"is_won", "color", "team_ids"}, "sales-only settings on the journeys' stage form")
        self.assertLessEqual({"required_field_ids", "activity_plan_id", "portal_description"}, shown)
        self.assertFalse([label for node, label in form.visible() if label and SALES_WORDS.search(label)])
        # "Modifier" on a pipeline column opens the model's default form (no view of the action):
        # the same journey settings; a sales team's stage keeps its sales settings.
        default_form = model.get_views([[False, "form"]])["views"]["form"]
        self.assertEqual(default_form["id"], views["form"]["id"])
        sales_stage = model.create({"name": "Négociation", "team_ids": [(6, 0, self.env["crm.team"].create(
            {"name": "Ventes"}).ids)]})
        sales_form = JourneyViewWords(default_form, fields, sales_stage.read(
            ["team_ids", "is_won", "is_journey_stage", "team_count"])[0])
        sales_shown = {node.get("name") for node, label in sales_form.visible() if label is None}
        self.assertIn("is_won", sales_shown)
        self.assertNotIn("required_field_ids", sales_shown)
        # The gate's fields are named as on the journey form, without the model's name: read
        # as the web client reads them, with the context of the form's field.
        gate = form.arch.xpath("//field[@name='required_field_ids']")[0]
        names = stage.web_read({"required_field_ids": {
            "fields": {"display_name": {}}, "context": safe_eval(gate.get("context") or "{}")}})[0]
        self.assertEqual(sorted(field["display_name"] for field in names["required_field_ids"]),
                         sorted(stage.required_field_ids.with_context(lang="fr_FR").mapped("field_description")))
        self.assertIn("Horizon du projet", [field["display_name"] for field in names["required_field_ids"]])

    def test_pipeline_card_says_who_the_household_is(self):
        """The card reads "2 adultes, 1 enfant (6 ans)", nothing while nobody is recorded
        (it read "0 adulte(s), 0 enfant(s)")."""
        self.env["ir.module.module"]._load_module_terms(["territory_concierge"], ["fr_FR"], overwrite=True)
        journey = self._create_journey(household_member_ids=[
            (0, 0, {"name": "Léa", "role": "adult"}), (0, 0, {"name": "Marc", "role": "adult"}),
            (0, 0, {"name": "Zoé", "role": "child", "age": 6})])
        self.assertEqual(journey.with_context(lang="fr_FR").household_summary, "2 adultes, 1 enfant (6 ans)")
        self.assertFalse(self._create_journey().household_summary)
        card = self._views_of_action("territory_concierge.crm_lead_action_journeys", self.concierge)[1]["kanban"]
        self.assertIn('name="household_summary"', card["arch"])
        self.assertNotIn("adult(s)", card["arch"])

    def test_the_model_is_called_parcours(self):
        """Odoo names the model where it shows it (an activity plan's "Modèle", a chatter's
        "… créé(e)"): "Parcours", not CRM's "Piste", once the modules' French is loaded."""
        self.env["ir.module.module"]._load_module_terms(["territory_concierge"], ["fr_FR"], overwrite=True)
        self.assertEqual(self.env["ir.model"]._get("crm.lead").with_context(lang="fr_FR").name, "Parcours")

    def test_journeys_actions_menu_has_no_sales_wizards(self):
        """The list's and pipeline's "Actions" menu: no "Convertir en opportunités", no "Fusionner"
        (stock CRM lists keep them)."""
        action = self.env["ir.actions.actions"].with_user(self.concierge)._for_xml_id(
            "territory_concierge.crm_lead_action_journeys")
        model = self.env["crm.lead"].with_user(self.concierge).with_context(lang="fr_FR")
        views = model.get_views([list(view) for view in action["views"]],
                                {"toolbar": True, "action_id": action["id"]})["views"]
        hidden = {self.env.ref(xmlid).id for xmlid in ("crm.action_crm_send_mass_convert",
                                                       "crm.action_merge_opportunities")}
        for view_type in ("list", "kanban"):
            with self.subTest(view=view_type):
                offered = views[view_type]["toolbar"].get("action", [])
                self.assertTrue(offered, "the Actions menu keeps the conciergerie's own entries")
                self.assertFalse(hidden & {entry["id"] for entry in offered})
                self.assertFalse([entry["name"] for entry in offered if SALES_WORDS.search(entry["name"])])
        stock = self.env["crm.lead"].with_user(self.salesman).get_views([[False, "list"]], {"toolbar": True})
        self.assertTrue(hidden <= {entry["id"] for entry in stock["views"]["list"]["toolbar"]["action"]})

    def test_configuration_menus_speak_of_journeys(self):
        """Configuration > Motifs de fin and > Plans d'activités: the journeys' own, in their words."""
        menus = {
            "territory_concierge.menu_concierge_lost_reasons": (
                "territory_concierge.crm_lost_reason_action_journeys", "Motifs de fin"),
            "territory_concierge.menu_concierge_plans": (
                "territory_concierge.mail_activity_plan_action_journeys", "Plans d'activités des parcours"),
        }
        for menu_xmlid, (action_xmlid, title) in menus.items():
            with self.subTest(menu=menu_xmlid):
                self.assertEqual(self.env.ref(menu_xmlid).action, self.env.ref(action_xmlid))
                action = self.env["ir.actions.actions"].with_user(self.manager).with_context(
                    lang="fr_FR")._for_xml_id(action_xmlid)
                self.assertEqual(action["name"], title)
                self.assertNotRegex(action["name"] + str(action.get("help")), SALES_WORDS)
        model, views, fields = self._views_of_action(
            "territory_concierge.crm_lost_reason_action_journeys", self.manager)
        action = self.env.ref("territory_concierge.crm_lost_reason_action_journeys")
        reasons = model.search(safe_eval(action.domain))
        self.assertIn(self.env.ref("territory_concierge.lost_reason_elsewhere"), reasons)
        self.assertNotIn(self.env.ref("crm.lost_reason_1"), reasons,
                         "CRM's sales reasons are not the journeys' end reasons")
        self.assertTrue(reasons)
        for view_type in ("list", "form"):
            with self.subTest(view=view_type):
                self.assertEqual(self._offending(views[view_type], fields), [])

    def test_concierge_opens_the_stages_without_error(self):
        """A concierge may read the stages (the link to the menu is the manager's): the views load
        and read without the managers-only gate fields (ir.model.fields is not readable)."""
        model, views, fields = self._views_of_action("territory_concierge.crm_stage_action_journeys", self.concierge)
        for view_type in ("list", "form"):
            with self.subTest(view=view_type):
                arch = etree.fromstring(views[view_type]["arch"])
                names = {node.get("name") for node in arch.iter("field")} & set(fields)
                self.assertNotIn("required_field_ids", names)
                model.search([("team_ids.use_journeys", "=", True)]).web_read({name: {} for name in names})


@tagged("post_install", "-at_install")
class TestConciergeHomeAction(JourneyCommon):
    """Concierges land on the journeys pipeline after login, not on Discuss."""

    def test_demo_staff_land_on_the_pipeline(self):
        journeys = self.env.ref("territory_concierge.crm_lead_action_journeys")
        for xmlid in ("territory_concierge.user_concierge", "territory_concierge.user_manager"):
            with self.subTest(user=xmlid):
                self.assertEqual(self.env.ref(xmlid).action_id.id, journeys.id)

    def test_new_staff_land_on_the_pipeline(self):
        journeys = self.env.ref("territory_concierge.crm_lead_action_journeys")
        created = new_test_user(self.env, "tc_new_concierge", "territory_concierge.group_concierge_user")
        self.assertEqual(created.action_id.id, journeys.id)
        promoted = new_test_user(self.env, "tc_promoted", "base.group_user")
        self.assertFalse(promoted.action_id)
        promoted.group_ids = [(4, self.env.ref("territory_concierge.group_concierge_manager").id)]
        self.assertEqual(promoted.action_id.id, journeys.id)


@tagged("post_install", "-at_install")
class TestJourneyMessagesSpeakConciergerie(JourneyCommon):
    """The chatter of a journey opens with a journey's words, and the demo speaks French."""

    def test_creation_message_of_a_journey(self):
        journey = self.env["crm.lead"].with_user(self.concierge).with_context(
            mail_create_nolog=False, tracking_disable=False, lang="fr_FR",
        ).create({"name": "Famille Ouverte", "team_id": self.team.id, "type": "opportunity"})
        created = journey.message_ids.filtered(lambda message: message.subtype_id.hidden)
        self.assertEqual(created.subtype_id, self.env.ref("territory_concierge.mt_journey_created"))
        self.assertEqual(created.subtype_id.with_context(lang="fr_FR").description, "Parcours ouvert")
        self.assertNotRegex(created.body, SALES_WORDS)
        sales_lead = self.env["crm.lead"].with_context(mail_create_nolog=False, tracking_disable=False).create(
            {"name": "Devis", "team_id": self.env["crm.team"].create({"name": "Ventes"}).id})
        self.assertIn(self.env.ref("crm.mt_lead_create"), sales_lead.message_ids.subtype_id)

    def test_demo_journeys_speak_french(self):
        """The demo is installed before Odoo loads the modules' French terms: its journeys'
        messages are written in French all the same."""
        journey = self.env.ref("territory_concierge.journey_lefebvre")
        self.assertEqual(self.team.with_context(lang="fr_FR").name, "Accueil")
        bodies = " ".join(journey.message_ids.mapped("body"))
        tracked = journey.message_ids.tracking_value_ids.mapped("new_value_char")
        self.assertNotRegex(bodies, SALES_WORDS)
        self.assertNotIn("Welcome desk", bodies + " ".join(value or "" for value in tracked))
        english_stages = {stage.with_context(lang="en_US").name for stage in self.stages.values()}
        self.assertFalse(english_stages & set(tracked), "demo messages name the stages in English")
