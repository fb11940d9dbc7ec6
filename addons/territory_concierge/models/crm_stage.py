from odoo import api, fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    required_field_ids = fields.Many2many(
        "ir.model.fields", "crm_stage_required_field_rel", "stage_id", "field_id",
        string="Required to enter",
        domain="[('model', '=', 'crm.lead'), ('store', '=', True), "
               "('ttype', 'not in', ('binary', 'properties', 'json'))]",
        help="A journey can only enter this stage when these fields are filled.")
    activity_plan_id = fields.Many2one(
        "mail.activity.plan", string="Activity plan on entry",
        domain="[('res_model', '=', 'crm.lead')]",
        help="Activities scheduled for the journey's concierge when a journey enters this stage.")
    portal_description = fields.Text(
        "Explanation for the household", translate=True,
        help="What this stage means, in plain words, on the household's portal page.")
    milestone = fields.Selection(
        [("contacted", "Contacted"), ("qualified", "Qualified"), ("stay", "Discovery stay"),
         ("installed", "Installed"), ("settled", "Settled")],
        index=True,
        help="The step of the journey this stage stands for in the impact figures, retention and stays: "
             "a journey has reached a milestone once it has entered a stage of it (or a later one). "
             "Stages without a milestone are steps of the team's own.")
    is_journey_stage = fields.Boolean(
        compute="_compute_is_journey_stage",
        help="A stage of a newcomer journeys team: its form shows the journey settings, not the sales ones.")
    close_activities_on_leave = fields.Boolean(
        "Close its plan's activities when a journey moves on", default=True,
        help="When a journey enters a later stage, the activities the plan of this stage scheduled "
             "for it and still open are closed, with a note in the journey's chatter.")

    @api.depends("team_ids.use_journeys")
    def _compute_is_journey_stage(self):
        for stage in self:
            stage.is_journey_stage = any(stage.team_ids.mapped("use_journeys"))

    @api.model
    def _milestone_stages(self, teams, milestone):
        """The stage of each journeys team where a milestone starts: its first stage (in the
        pipeline's order) of that milestone or of a later one.

        :param teams: crm.team records
        :param str milestone: a key of ``milestone``
        :return: {team id: crm.stage record} for the teams that have one
        """
        keys = [key for key, _label in self._fields["milestone"].selection]
        later = keys[keys.index(milestone):]
        stages = self.sudo().search([("team_ids", "in", teams.ids), ("milestone", "in", later)],
                                    order="sequence, id")
        firsts = {}
        for team in teams:
            firsts[team.id] = next((stage for stage in stages if team in stage.team_ids), None)
        return {team_id: stage for team_id, stage in firsts.items() if stage}
