from odoo import api, fields, models
from odoo.exceptions import ValidationError


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

    def action_view_retention_preview(self):
        return self.env["crm.lead"]._retention_preview_action()
