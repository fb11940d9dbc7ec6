from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_partner import MAX_CAPACITY_PARAM

# The points each criterion gives when an ambassador is matched with a household of the team
# (defaults; staff change them on the conciergerie's settings form).
MATCH_DEFAULT_POINTS = {"commune": 35, "epci": 20, "interests": 25, "household": 15, "language": 10,
                        "profession": 10}
MATCH_MIN_POINTS_DEFAULT = 20


class CrmTeam(models.Model):
    _inherit = "crm.team"

    match_weight_commune = fields.Integer("Lives in a wished commune", default=MATCH_DEFAULT_POINTS["commune"])
    match_weight_epci = fields.Integer("Lives in the same intercommunality", default=MATCH_DEFAULT_POINTS["epci"])
    match_weight_interests = fields.Integer(
        "Shared interests", default=MATCH_DEFAULT_POINTS["interests"],
        help="Given in full when the ambassador shares all of the household's interests, in part otherwise.")
    match_weight_household = fields.Integer("Similar household", default=MATCH_DEFAULT_POINTS["household"])
    match_weight_language = fields.Integer("Speaks the household's language", default=MATCH_DEFAULT_POINTS["language"])
    match_weight_profession = fields.Integer("Same line of work", default=MATCH_DEFAULT_POINTS["profession"])
    match_min_points = fields.Integer(
        "Propose from (points)", default=MATCH_MIN_POINTS_DEFAULT,
        help="Ambassadors who score less are not proposed for the household.")

    sponsorship_checkin_plan_id = fields.Many2one(
        "mail.activity.plan", "Check-ins of a sponsorship",
        domain=[("res_model", "=", "territory.sponsorship")],
        default=lambda self: self.env.ref("ambassador_network.activity_plan_sponsorship_checkins",
                                          raise_if_not_found=False),
        help="Scheduled for the concierge when a sponsorship of the team's journeys starts, counted from its start "
             "or from the household's arrival when later. Empty: no check-in is scheduled.")

    # One value for the whole conciergerie (a system parameter), shown on its settings form.
    max_sponsorship_capacity = fields.Integer(
        "Households per ambassador, at most", compute="_compute_max_sponsorship_capacity",
        inverse="_inverse_max_sponsorship_capacity",
        help="The most households an ambassador can sponsor at once: the limit of the capacity they set "
             "on their profile page, and of the capacity staff set on their contact.")

    @api.constrains("match_min_points", *(f"match_weight_{criterion}" for criterion in MATCH_DEFAULT_POINTS))
    def _check_match_weights(self):
        for team in self:
            if min(*team._get_match_weights().values(), team.match_min_points) < 0:
                raise ValidationError(self.env._("Matching points must be zero or more."))

    def _get_match_weights(self):
        """{criterion: points} of this team, or the defaults for a journey without team."""
        if not self:
            return dict(MATCH_DEFAULT_POINTS)
        self.ensure_one()
        return {criterion: self[f"match_weight_{criterion}"] for criterion in MATCH_DEFAULT_POINTS}

    @api.model
    def _use_shipped_checkin_plan(self):
        """Journeys teams without a check-in plan get the shipped one (at install and upgrade)."""
        plan = self.env.ref("ambassador_network.activity_plan_sponsorship_checkins", raise_if_not_found=False)
        if plan:
            self.with_context(active_test=False).search([
                ("use_journeys", "=", True), ("sponsorship_checkin_plan_id", "=", False),
            ]).sponsorship_checkin_plan_id = plan

    def _compute_max_sponsorship_capacity(self):
        maximum = self.env["res.partner"]._max_sponsorship_capacity()
        for team in self:
            team.max_sponsorship_capacity = maximum

    def _inverse_max_sponsorship_capacity(self):
        # Reached once write() checked the right to change the team's settings.
        for team in self:
            if team.max_sponsorship_capacity < 1:
                raise ValidationError(self.env._("An ambassador can sponsor at least one household at once."))
            self.env["ir.config_parameter"].sudo().set_param(MAX_CAPACITY_PARAM, team.max_sponsorship_capacity)
