from odoo import fields, models


class CrmLeadStageHistory(models.Model):
    """When a journey entered and left each stage of its pipeline.

    Written by crm.lead on every stage change, whatever the path (kanban, import,
    API, automation). A jump over stages records the stages in between as reached
    that same moment (``skipped``), so that the funnel counts them: a household
    installed straight from the stay has gone through "Décision" too.
    """

    _name = "crm.lead.stage.history"
    _description = "Journey stage history"
    _order = "journey_id, date_entered, stage_sequence, id"

    journey_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    # The journey's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    stage_id = fields.Many2one("crm.stage", required=True, index=True, ondelete="restrict")
    stage_sequence = fields.Integer(required=True)
    date_entered = fields.Datetime("Entered on", required=True)
    date_left = fields.Datetime("Left on")
    skipped = fields.Boolean(help="Reached by a jump over this stage: counted as reached, zero days spent.")
