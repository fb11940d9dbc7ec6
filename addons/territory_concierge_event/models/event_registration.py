import uuid

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq

SUGGESTED_SLOTS = 3


class EventRegistration(models.Model):
    """A household's place in a discovery stay: its invitation and answer, its own itinerary,
    its feedback and its decision."""

    _inherit = "event.registration"

    journey_id = fields.Many2one(
        "crm.lead", string="Journey", index="btree_not_null", ondelete="set null",
        domain="[('is_journey', '=', True)]")
    stay_answer = fields.Selection(
        [("pending", "Waiting for the answer"), ("yes", "Coming"), ("no", "Not coming")],
        string="Answer", copy=False, tracking=True)
    stay_answer_token = fields.Char(copy=False, groups="base.group_system",
                                    default=lambda self: uuid.uuid4().hex)
    stay_answer_date = fields.Datetime("Answered on", copy=False, readonly=True)
    stay_decision = fields.Selection(
        [("settle", "Decided to settle"), ("not_yet", "Not decided yet"), ("no", "Will not settle")],
        string="Decision after the stay", copy=False, tracking=True)
    stay_slot_ids = fields.One2many("territory.stay.slot", "registration_id", string="Itinerary")
    itinerary_sent_date = fields.Datetime("Itinerary sent on", copy=False, readonly=True)
    survey_user_input_id = fields.Many2one("survey.user_input", string="Feedback", copy=False, readonly=True)
    survey_state = fields.Selection(related="survey_user_input_id.state", string="Feedback status")

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "done":
            self.filtered("journey_id")._on_stay_attended()
        return result

    # ------------------------------------------------------------
    # Invitation and answer
    # ------------------------------------------------------------

    def _answer_url(self, answer):
        if not self:
            return ""  # a template rendered without a registration (Odoo checks templates that way)
        self.ensure_one()
        token = self.sudo().stay_answer_token
        return f"{self.get_base_url()}/stay/answer/{self.id}/{token}/{answer}"

    def _set_answer_from_link(self, token, answer):
        """The household clicked yes or no in its invitation.

        :return: True when the token is this registration's
        """
        self.ensure_one()
        registration = self.sudo()
        if not registration.stay_answer_token or not consteq(registration.stay_answer_token, token or ""):
            return False
        registration.write({"stay_answer": answer, "stay_answer_date": fields.Datetime.now(),
                            "state": "open" if answer == "yes" else "cancel"})
        if registration.journey_id:
            registration.journey_id.message_post(
                body=self.env._("%(household)s answered %(answer)s to the invitation to %(stay)s.",
                                household=registration.name, stay=registration.event_id.name,
                                answer=self.env._("yes") if answer == "yes" else self.env._("no")),
                subtype_xmlid="mail.mt_note", partner_ids=registration.journey_id.user_id.partner_id.ids)
        return True

    # ------------------------------------------------------------
    # Attendance, itinerary, feedback
    # ------------------------------------------------------------

    def _on_stay_attended(self):
        """The household came: its journey reaches "Discovery stay", or logs it when already further."""
        stay_stage = self.env.ref("territory_concierge.stage_discovery_stay")
        for registration in self:
            journey = registration.journey_id
            if journey.stage_id.sequence < stay_stage.sequence:
                journey.stage_id = stay_stage
            journey.message_post(
                body=self.env._("Took part in the discovery stay %(stay)s.", stay=registration.event_id.name),
                subtype_xmlid="mail.mt_note")

    def action_suggest_itinerary(self):
        """Draft slots from matching: the best employers and homes for this household."""
        for registration in self.filtered("journey_id"):
            matches = self.env["territory.opportunity.matcher"]._match_journeys(
                registration.journey_id, limit=SUGGESTED_SLOTS)[registration.journey_id.id]
            taken = registration.stay_slot_ids.opportunity_id
            opportunities = self.env["territory.opportunity"].browse(
                [opportunity_id for _score, opportunity_id, _reasons in matches]) - taken
            start = registration.event_id.date_begin
            self.env["territory.stay.slot"].create([{
                "registration_id": registration.id, "opportunity_id": opportunity.id,
                "kind": "housing" if opportunity.kind == "housing" else "employer",
                "name": opportunity.display_name, "place": opportunity.commune_id.name,
                "contact_id": (opportunity.contact_id or opportunity.partner_org_id).id,
                "date_begin": start,
            } for opportunity in opportunities])

    def action_send_itinerary(self):
        """E-mail the family its programme, the PDF attached, in its language."""
        template = self.env.ref("territory_concierge_event.mail_template_stay_itinerary")
        for registration in self:
            if not registration.stay_slot_ids:
                raise UserError(self.env._("%(name)s has no itinerary yet.", name=registration.name))
            if not registration.email:
                raise UserError(self.env._("%(name)s has no e-mail address.", name=registration.name))
            template.send_mail(registration.id, force_send=False)
            registration.itinerary_sent_date = fields.Datetime.now()

    def _send_feedback_survey(self):
        """Invite the households who came to give their feedback (once)."""
        survey = self.env.ref("territory_concierge_event.survey_stay_feedback")
        template = self.env.ref("territory_concierge_event.mail_template_stay_feedback")
        for registration in self.filtered(lambda r: r.state == "done" and not r.survey_user_input_id and r.email):
            answer = survey.sudo()._create_answer(
                partner=registration.partner_id, email=registration.email, check_attempts=False)
            registration.survey_user_input_id = answer
            template.send_mail(registration.id, force_send=False)
            if registration.journey_id:
                registration.journey_id.message_post(
                    body=self.env._("Feedback survey sent after %(stay)s.", stay=registration.event_id.name),
                    subtype_xmlid="mail.mt_note")

    @api.model
    def _cron_send_stay_feedback(self):
        """The day after a stay ends, the households who came get the feedback survey."""
        ended = self.env["event.event"].search([("stay_kind", "!=", False), ("date_end", "<", fields.Datetime.now())])
        self.search([("event_id", "in", ended.ids), ("state", "=", "done"),
                     ("survey_user_input_id", "=", False)])._send_feedback_survey()
