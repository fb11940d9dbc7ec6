import os

from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

CLICKBOT = ("odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader')"
            ".startClickEverywhere('territory_concierge.menu_concierge_root', %s);")


@tagged("post_install", "-at_install")
class TestClickEverywhere(HttpCase):
    """Odoo's clickbot opens every menu of the Conciergerie app, and in each every view and
    filter, logged in as the role that uses it (the demo logins, in French): no error dialog,
    no crash. Each staff run takes about 2.5 minutes on 2 cores. The administrator's run is
    light (the app's landing view only) unless CONCIERGE_CLICK_FULL=1, since the staff runs
    already open every view."""

    def _click_everything(self, login, light=False):
        self.env["res.users"].search([("login", "=", login)]).tour_enabled = False
        self.browser_js("/odoo", CLICKBOT % ("true" if light else "false"), "odoo.isReady === true",
                        login=login, timeout=1200, success_signal="clickbot test succeeded")

    def test_click_everywhere_as_concierge(self):
        self._click_everything("concierge")

    def test_click_everywhere_as_manager(self):
        self._click_everything("manager")

    def test_click_everywhere_as_admin(self):
        self._click_everything("admin", light=os.environ.get("CONCIERGE_CLICK_FULL") != "1")


@tagged("post_install", "-at_install")
class TestOpenEveryRecord(TransactionCase):
    """The clickbot opens every view but no record. Here each staff role opens, from every menu
    of the Conciergerie app, the first records of its action in the form and a new record, and
    reads them the way the web client does (the fields of the form view, the lines of its
    x2many fields): no access error, no crash."""

    def _form_spec(self, views_result, model_name):
        """The ``web_read`` specification of a form, as the web client builds it."""
        models = views_result["models"]

        def field_spec(description, depth):
            if description["type"] == "many2one":
                return {"fields": {"display_name": {}}}
            if description["type"] in ("one2many", "many2many"):
                if depth:
                    return {"fields": {"display_name": {}}}
                sub_fields = models.get(description["relation"], {}).get("fields", {})
                return {"fields": {name: field_spec(sub, depth + 1) for name, sub in sub_fields.items()}
                        or {"display_name": {}}}
            return {}

        return {name: field_spec(description, 0) for name, description in models[model_name]["fields"].items()}

    def _actions_of_menus(self, user):
        root = self.env.ref("territory_concierge.menu_concierge_root")
        menus = self.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id)])
        visible = menus._filter_visible_menus()
        # The web client shows a menu only under visible parents (Configuration is the manager's).
        reachable = visible.filtered(lambda menu: all(
            int(menu_id) in visible.ids for menu_id in menu.parent_path.strip("/").split("/")))
        actions = [menu.sudo().action for menu in reachable]
        return list(dict.fromkeys(action for action in actions if action and action._name == "ir.actions.act_window"))

    def _open_records_as(self, login):
        user = self.env["res.users"].search([("login", "=", login)])
        self.assertTrue(user, login)
        actions = self._actions_of_menus(user)
        self.assertIn(self.env.ref("territory_concierge.crm_lead_action_journeys"), actions)
        for action in actions:
            model = self.env[action.res_model].with_user(user)
            if model._transient:
                continue
            eval_context = {"uid": user.id, "active_id": False, "active_ids": [], "context": {}}
            with self.subTest(login=login, action=action.name, model=action.res_model):
                context = safe_eval(action.context or "{}", eval_context)
                domain = safe_eval(action.domain or "[]", eval_context)
                model = model.with_context(**{key: value for key, value in context.items()
                                              if not key.startswith("search_default")})
                form_views = [[view_id, mode] for view_id, mode in action.views if mode == "form"]
                views_result = model.get_views(form_views or [[False, "form"]])
                spec = self._form_spec(views_result, action.res_model)
                if model.has_access("create"):
                    model.onchange({}, [], spec)
                records = model.search(domain, limit=3)
                if records:
                    records.web_read(spec)

    def test_concierge_opens_records_of_every_menu(self):
        self._open_records_as("concierge")

    def test_manager_opens_records_of_every_menu(self):
        self._open_records_as("manager")
