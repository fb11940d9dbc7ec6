from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    stay_registration_ids = fields.One2many("event.registration", "journey_id", string="Discovery stays")
    stay_count = fields.Integer("Stays", compute="_compute_stay_count")

    @api.depends("stay_registration_ids")
    def _compute_stay_count(self):
        counts = dict(self.env["event.registration"]._read_group(
            [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]))
        for journey in self:
            journey.stay_count = counts.get(journey, 0)

    def action_view_stays(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge_event.event_registration_action_stays")
        action.update(domain=[("journey_id", "=", self.id)], context={"default_journey_id": self.id})
        return action

    def _anonymise(self, why):
        result = super()._anonymise(why)
        # The registrations stay, so that the stays' figures do not move (state, answer,
        # decision); who the household is, its programme and its own words go.
        registrations = self.sudo().with_context(active_test=False).stay_registration_ids
        feedback = registrations.survey_user_input_id
        registrations.stay_slot_ids.unlink()
        registrations.registration_answer_ids.unlink()
        for registration in registrations.with_context(tracking_disable=True, mail_notrack=True):
            registration.write({
                "name": self.env._("Anonymised household of journey #%(id)s", id=registration.journey_id.id),
                "email": False, "phone": False, "company_name": False, "partner_id": False,
            })
        feedback.write({"partner_id": False, "email": False, "nickname": False})
        # Scores and choices stay for the stay report; the household's own sentences go.
        feedback.user_input_line_ids.filtered(lambda line: line.answer_type in ("char_box", "text_box")).unlink()
        self._erase_mail_traces(registrations)
        self._erase_mail_traces(feedback)
        return result
