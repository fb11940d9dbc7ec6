from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    journey_stage_id = fields.Many2one(
        "crm.stage", string="Scheduled by the plan of stage", readonly=True, index="btree_not_null",
        ondelete="set null",
        help="The journey stage whose activity plan scheduled this activity: closed when the journey moves on.")

    def _action_done(self, feedback=False, attachment_ids=None):
        # A done activity is a follow-up: the journey is no longer "without activity".
        journey_ids = [a.res_id for a in self if a.res_model == "crm.lead"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if journey_ids:
            # A field the server maintains (see crm.lead._check_server_maintained_fields); the
            # user has just done the activity with their own rights.
            journeys = self.env["crm.lead"].sudo().browse(journey_ids).exists()
            journeys.write({"date_last_followup": fields.Datetime.now()})
        return result
