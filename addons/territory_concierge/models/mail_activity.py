from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # A done activity is a follow-up: the journey is no longer "without activity".
        journey_ids = [a.res_id for a in self if a.res_model == "crm.lead"]
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if journey_ids:
            self.env["crm.lead"].browse(journey_ids).exists().write({"date_last_followup": fields.Datetime.now()})
        return result
