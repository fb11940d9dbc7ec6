import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .. import cog
from ..access import check_links_readable

# How a desk's name becomes its place, after « S'installer ».
PLACE_PREPOSITIONS = (("Conciergerie des ", "dans les "), ("Conciergerie du ", "dans le "),
                      ("Conciergerie de la ", "en "), ("Conciergerie de l'", "en "), ("Conciergerie d'", "en "),
                      ("Conciergerie de ", "en "))
# The leaf by which an automation rule of the journeys belongs to one territory, as written in
# the shipped data or by the domain editor: ('company_id', '=', 1) or ('company_id', 'in', [1]).
TERRITORY_LEAF = re.compile(r"""\(\s*['"]company_id['"]\s*,\s*['"](?:=|in)['"]\s*,\s*\[?\s*(\d+)\s*\]?\s*\)""")


class TerritorySetupWizard(models.TransientModel):
    """"Nouveau territoire": a second welcome desk in the same database. A territory is an Odoo
    company; its desk is a copy of an existing one (the template): journeys team with its
    settings, stages with their gates, milestones and activity plans, consent wordings and
    automation rules, then editable on their own. Shared by every territory: profiles,
    interests, request types, the intake vocabulary, end reasons and the communes."""

    _name = "territory.setup.wizard"
    _inherit = ["territory.links.guard"]
    _description = "New territory"

    name = fields.Char("Territory", required=True,
                       help="The desk's name, as its website, e-mails and letters sign: e.g. Conciergerie des Vosges, "
                            "Conciergerie du Pays de Langres.")
    departement_codes = fields.Char(
        "Départements", help="Codes of the départements it covers, separated by spaces or commas: 88, 2A, 974...")
    epci_sirens = fields.Char(
        "EPCI (SIREN)", help="Or the intercommunal bodies it covers: SIREN numbers (9 digits), separated by "
                             "spaces or commas.")
    territory_place = fields.Char(
        "As a place", compute="_compute_territory_place", store=True, readonly=False,
        help="How its public pages and e-mails name it after « S'installer »: « dans les Vosges », « en Creuse ».")
    logo = fields.Binary()
    email = fields.Char("Sender e-mail", help="The address the desk's e-mails are sent from.")
    user_ids = fields.Many2many(
        "res.users", string="Staff", domain="[('share', '=', False)]",
        help="The conciergerie's staff who work for the new territory (besides their own ones): they become "
             "members of its journeys team.")
    template_team_id = fields.Many2one(
        "crm.team", "Copied from", required=True, domain="[('use_journeys', '=', True)]",
        default=lambda self: self.env["crm.team"].search([("use_journeys", "=", True)], order="sequence, id",
                                                         limit=1),
        help="The journeys team whose settings, stages, gates and activity plans the new desk starts from.")

    @api.depends("name")
    def _compute_territory_place(self):
        # A first guess from the name, which the manager corrects: « Conciergerie des Vosges »
        # → « dans les Vosges », « Creuse » → « en Creuse ».
        for wizard in self:
            name = (wizard.name or "").strip()
            place = f"en {name}" if name else False
            for prefix, preposition in PLACE_PREPOSITIONS:
                if name.startswith(prefix) and len(name) > len(prefix):
                    place = f"{preposition}{name[len(prefix):]}"
                    break
            wizard.territory_place = place

    @api.constrains("template_team_id")
    def _check_template_readable(self):
        check_links_readable(self, "template_team_id")

    def _check_manager(self):
        if not self.env.user.has_group("territory_concierge.group_concierge_manager"):
            raise AccessError(self.env._("Only the conciergerie's managers create territories."))

    def action_create(self):
        """Create the territory and its desk, load its communes, open its settings.

        :raise AccessError: anyone but a conciergerie manager
        :raise UserError: a name already taken, a département or EPCI unknown to the COG
        """
        self.ensure_one()
        self._check_manager()
        # The template is one the manager can read (record rules): never another's desk.
        self.template_team_id.check_access("read")
        if self.user_ids.filtered("share"):
            raise UserError(self.env._("The staff of a territory are the conciergerie's employees, not portal users."))
        departements, epcis = cog.split_codes(self.departement_codes), cog.split_codes(self.epci_sirens)
        Company = self.env["res.company"].sudo()
        if Company.search_count([("name", "=ilike", self.name.strip())]):
            raise UserError(self.env._("A territory named “%(name)s” already exists.", name=self.name.strip()))
        # Communes first: an unknown code refuses the whole creation (nothing half made).
        Commune = self.env["territory.commune"].sudo()
        if departements:
            Commune._load_departements(departements)
        if epcis:
            Commune._load_epci(epcis)
        # sudo from here: companies are created by administrators in Odoo; a conciergerie
        # manager (checked above) creates the territories of the conciergerie.
        template = self.template_team_id.sudo()
        company = Company.create({
            "name": self.name.strip(), "logo": self.logo, "email": self.email,
            "territory_place": (self.territory_place or "").strip() or False,
            "country_id": template.company_id.country_id.id or self.env.ref("base.fr").id,
            "currency_id": template.company_id.currency_id.id or self.env.ref("base.EUR").id,
        })
        staff = (self.user_ids | self.env.user).sudo()
        staff.write({"company_ids": [Command.link(company.id)]})
        team = self._copy_desk(template, company)
        self.env["crm.team.member"].sudo().create([
            {"crm_team_id": team.id, "user_id": user.id} for user in self.user_ids.sudo()])
        self._after_territory_created(company, team)
        if request:
            # The web client works in the new territory at once (Odoo's company switcher keeps
            # the active companies in this cookie), and reloads on the new desk's settings.
            request.future_response.set_cookie("cids", "-".join(map(str, [company.id, *self.env.companies.ids])))
        return {
            "type": "ir.actions.client", "tag": "reload", "params": {
                "action_id": self.env.ref("territory_concierge.crm_team_action_concierge_settings_server").id,
                "team_id": team.id,  # for callers outside the web client (JSON-2)
            },
        }

    @api.model
    def _copy_desk(self, template, company):
        """The journeys team and its pipeline, copied from ``template`` into ``company``."""
        team = template.with_company(company).copy({
            "name": self.env._("Welcome desk %(territory)s", territory=company.name), "company_id": company.id,
            # An alias is one address per domain: staff give the new desk its own.
            "alias_name": False, "crm_team_member_ids": [],
        })
        plans = {}
        for stage in self.env["crm.stage"].sudo().search([("team_ids", "in", template.ids)], order="sequence, id"):
            plan = stage.activity_plan_id
            if plan and plan not in plans:
                plans[plan] = plan.copy({"name": f"{plan.name} ({company.name})", "company_id": company.id})
            stage.copy({"name": stage.name, "team_ids": [Command.set(team.ids)],
                        "activity_plan_id": plans.get(plan, plan).id})
        # The sentences its households agree to start as the template territory's.
        self.env["territory.consent.wording"].sudo().search(
            [("company_id", "=", template.company_id.id)]).copy({"company_id": company.id})
        self._copy_automation_rules(template.company_id, company)
        # End reasons are shared: the new team ends its journeys with the template's.
        self.env["crm.lost.reason"].sudo().search([("team_ids", "in", template.ids)]).write(
            {"team_ids": [Command.link(team.id)]})
        return team

    @api.model
    def _copy_automation_rules(self, template_company, company):
        """The automation rules of the journeys of ``template_company`` (those whose filter
        names that territory alone), copied for ``company`` with its own actions."""
        rules = self.env["base.automation"].sudo().search([("model_id.model", "=", "crm.lead")])
        for rule in rules:
            match = TERRITORY_LEAF.search(rule.filter_domain or "")
            if not match or int(match.group(1)) != template_company.id:
                continue
            start, end = match.span(1)
            # Not rule.copy(): it links the copied actions through the rule's one2many, a
            # command Odoo checks as the signed-in user (only administrators may write server
            # actions). The actions are linked by their own field instead.
            copy = self.env["base.automation"].sudo().create(rule.copy_data({
                "name": f"{rule.name} ({company.name})",
                "filter_domain": f"{rule.filter_domain[:start]}{company.id}{rule.filter_domain[end:]}",
            })[0])
            for action in rule.action_server_ids:
                # Odoo's copy leaves out the computed settings (the activity to schedule, its
                # summary and delay…): they are the template's.
                action.copy({
                    "name": f"{action.name} ({company.name})", "base_automation_id": copy.id,
                    **{name: field.convert_to_write(action[name], action) for name, field in action._fields.items()
                       if field.store and field.compute and not field.readonly and not field.copy}})

    def _after_territory_created(self, company, team):
        """Hook: the other modules complete the new territory (website, …)."""
