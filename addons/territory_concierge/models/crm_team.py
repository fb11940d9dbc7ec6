from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .res_company import TERRITORY_PLACE_HELP


class CrmTeam(models.Model):
    _inherit = "crm.team"

    use_journeys = fields.Boolean(
        "Newcomer journeys",
        help="This team follows newcomer households: its pipeline only shows its own stages, "
             "and its leads get the journey features (household, score, stage gates).")
    # Weights of the priority score of the team's journeys (Conciergerie > Configuration > Settings).
    score_weight_horizon = fields.Integer("Weight of the project horizon", default=30)
    score_weight_motivation = fields.Integer("Weight of the motivation", default=25)
    score_weight_maturity = fields.Integer("Weight of the maturity", default=25)
    score_weight_fit = fields.Integer("Weight of the fit with the territory", default=20)

    retention_years = fields.Integer(
        "Retention period (years)", default=3,
        help="Journeys that never reached installation are anonymised this many years after their last "
             "follow-up (CNIL guidance for prospects: 3 years). 0 keeps them.")

    # Edited on the desk's settings, which managers may write: the company itself is the
    # administrators' (the team's write and record rules gate the change).
    territory_place = fields.Char("Territory, as a place", compute="_compute_territory_place",
                                  inverse="_inverse_territory_place", help=TERRITORY_PLACE_HELP)

    @api.depends("company_id.territory_place")
    def _compute_territory_place(self):
        for team in self:
            team.territory_place = team.company_id.territory_place

    def _inverse_territory_place(self):
        # The company is written as superuser: by a conciergerie manager working in it now.
        if not self.env.su and not self.env.user.has_group("territory_concierge.group_concierge_manager"):
            raise AccessError(self.env._("Only the conciergerie's managers name their territory."))
        for team in self.filtered("company_id"):
            if not self.env.su and team.company_id not in self.env.companies:
                raise AccessError(self.env._("You do not work in %(territory)s now.", territory=team.company_id.name))
            team.company_id.sudo().territory_place = team.territory_place

    # A territory is an Odoo company: its journeys team belongs to it, and so do the journeys
    # (CRM gives a lead the company of its team) and everything hanging from them.
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("use_journeys") and not vals.get("company_id"):
                vals["company_id"] = self.env.company.id
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("use_journeys") and "company_id" not in vals:
            without_company = self.filtered(lambda team: not team.company_id)
            if without_company:
                super(CrmTeam, without_company).write({"company_id": self.env.company.id})
        return super().write(vals)

    @api.constrains("use_journeys", "company_id")
    def _check_journeys_team_company(self):
        if any(team.use_journeys and not team.company_id for team in self):
            raise ValidationError(self.env._(
                "A newcomer journeys team belongs to one territory: choose its company."))

    @api.constrains("score_weight_horizon", "score_weight_motivation", "score_weight_maturity", "score_weight_fit")
    def _check_score_weights(self):
        for team in self:
            weights = team._get_score_weights().values()
            if min(weights) < 0 or not sum(weights):
                raise ValidationError(self.env._(
                    "Score weights must be zero or more, and at least one must be above zero."))

    def _get_score_weights(self):
        self.ensure_one()
        return {
            "horizon": self.score_weight_horizon,
            "motivation": self.score_weight_motivation,
            "maturity": self.score_weight_maturity,
            "fit": self.score_weight_fit,
        }

    @api.model
    def _journeys_team_of(self, company, required=False):
        """A territory's (company's) journeys team, the first by sequence when it has several.

        :raise UserError: none, when ``required``
        """
        team = self.search([("use_journeys", "=", True), ("company_id", "=", company.id)], order="sequence, id",
                           limit=1)
        if required and not team:
            raise UserError(self.env._("%(territory)s has no newcomer journeys team.", territory=company.name))
        return team

    @api.model
    def _action_concierge_settings(self):
        """The settings form of the journeys team of the current territory (company)."""
        team = self._journeys_team_of(self.env.company, required=True)
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge.crm_team_action_concierge_settings")
        action["res_id"] = team.id
        return action

    def action_view_retention_preview(self):
        return self.env["crm.lead"]._retention_preview_action()
