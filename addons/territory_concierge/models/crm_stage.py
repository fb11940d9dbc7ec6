from odoo import fields, models


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
    close_activities_on_leave = fields.Boolean(
        "Close its plan's activities when a journey moves on", default=True,
        help="When a journey enters a later stage, the activities the plan of this stage scheduled "
             "for it and still open are closed, with a note in the journey's chatter.")
