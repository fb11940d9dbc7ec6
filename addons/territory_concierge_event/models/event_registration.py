import uuid
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import consteq

SUGGESTED_SLOTS = 3
# How long a suggested meeting lasts: suggested slots follow one another, this long each.
SUGGESTED_SLOT_DURATION = timedelta(minutes=90)
# The journeys are French: notes written without a user (scheduled jobs) fall back to French.
DEFAULT_NOTE_LANG = "fr_FR"


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
    # A default per record; the rows that existed at install time get one each from the
    # post-init hook (the ORM fills a new column with one value computed once).
    stay_answer_token = fields.Char(copy=False, groups="base.group_system",
                                    default=lambda self: uuid.uuid4().hex)
    stay_answer_date = fields.Datetime("Answered on", copy=False, readonly=True)
    stay_decision = fields.Selection(
        [("settle", "Decided to settle"), ("not_yet", "Not decided yet"), ("no", "Will not settle")],
        string="Decision after the stay", copy=False, tracking=True)
    # Conciergerie staff only: an Events user opening any registration must not load the slots.
    stay_slot_ids = fields.One2many("territory.stay.slot", "registration_id", string="Itinerary",
                                    groups="territory_concierge.group_concierge_user")
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

    def _check_answer_token(self, token):
        """Whether ``token`` is this stay registration's answer token (registrations of other
        events never answer through a link)."""
        self.ensure_one()
        registration = self.sudo()
        return bool(registration.event_id.stay_kind and registration.stay_answer_token
                    and consteq(registration.stay_answer_token, token or ""))

    def _answer_refusal(self):
        """Why the household can no longer answer by its link, in the current language.

        :return: the reason, or "" when an answer is still possible
        """
        self.ensure_one()
        if self.event_id.date_end and self.event_id.date_end < fields.Datetime.now():
            return self.env._("This stay is over: your answer can no longer be changed.")
        if self.state == "done":
            return self.env._("Your attendance is already recorded: your answer can no longer be changed.")
        if self.state == "cancel" and self.stay_answer != "no":
            return self.env._("This invitation was cancelled by the conciergerie. "
                              "Please contact your concierge.")
        return ""

    def _answer_lang(self):
        """The language of the invitation (its mail template's), for the answer pages."""
        self.ensure_one()
        lang = self.partner_id.lang or DEFAULT_NOTE_LANG
        return self.env["res.lang"]._get_code(lang) or self.env.lang

    def _set_answer_from_link(self, token, answer):
        """The household answered yes or no from its invitation (a POST: opening the link changes
        nothing, since mail scanners and link previews open links too).

        :return: "" when recorded (or unchanged), else why it is refused
        :raise UserError: when the token is not this stay registration's
        """
        self.ensure_one()
        if not self._check_answer_token(token):
            raise UserError(self.env._("This link is not valid."))
        registration = self.sudo()
        refusal = registration._answer_refusal()
        if refusal or registration.stay_answer == answer:
            return refusal
        try:
            with self.env.cr.savepoint():
                registration.write({"stay_answer": answer, "stay_answer_date": fields.Datetime.now(),
                                    "state": "open" if answer == "yes" else "cancel"})
        except ValidationError as error:  # e.g. no seat left
            return str(error)
        if registration.journey_id:
            journey = registration.journey_id.with_context(lang=self._journey_note_lang())
            journey.message_post(
                body=journey.env._("%(household)s answered %(answer)s to the invitation to %(stay)s.",
                                   household=registration.name, stay=registration.event_id.name,
                                   answer=journey.env._("yes") if answer == "yes" else journey.env._("no")),
                subtype_xmlid="mail.mt_note", partner_ids=journey.user_id.partner_id.ids)
        return ""

    # ------------------------------------------------------------
    # Attendance, itinerary, feedback
    # ------------------------------------------------------------

    def _on_stay_attended(self):
        """The household came: its journey reaches "Discovery stay", or logs it when already further.
        Only a discovery stay counts: attending any other event leaves the journey where it is."""
        stay_stage = self.env.ref("territory_concierge.stage_discovery_stay")
        for registration in self.filtered("event_id.stay_kind"):
            journey = registration.journey_id
            if journey.stage_id.sequence < stay_stage.sequence:
                journey.stage_id = stay_stage
            journey.message_post(
                body=self.env._("Took part in the discovery stay %(stay)s.", stay=registration.event_id.name),
                subtype_xmlid="mail.mt_note")

    def _check_not_cancelled(self):
        cancelled = self.filtered(lambda registration: registration.state == "cancel")
        if cancelled:
            raise UserError(self.env._(
                "%(names)s: the registration is cancelled, its itinerary is not planned nor sent.",
                names=", ".join(cancelled.mapped("name"))))

    def action_suggest_itinerary(self):
        """Draft slots from matching: the best employers and homes for this household, one
        after the other after the last slot of its itinerary, within the stay."""
        self._check_not_cancelled()
        for registration in self.filtered("journey_id"):
            matches = self.env["territory.opportunity.matcher"]._match_journeys(
                registration.journey_id, limit=SUGGESTED_SLOTS)[registration.journey_id.id]
            taken = registration.stay_slot_ids.opportunity_id
            opportunities = self.env["territory.opportunity"].browse(
                [opportunity_id for _score, opportunity_id, _reasons in matches]) - taken
            stay = registration.event_id
            start = max([stay.date_begin] + [slot.date_end or slot.date_begin + SUGGESTED_SLOT_DURATION
                                             for slot in registration.stay_slot_ids])
            values = []
            for opportunity in opportunities:
                if start + SUGGESTED_SLOT_DURATION > stay.date_end:
                    break
                values.append({
                    "registration_id": registration.id, "opportunity_id": opportunity.id,
                    "kind": "housing" if opportunity.kind == "housing" else "employer",
                    "name": opportunity.display_name, "place": opportunity.commune_id.name,
                    "contact_id": (opportunity.contact_id or opportunity.partner_org_id).id,
                    "date_begin": start, "date_end": start + SUGGESTED_SLOT_DURATION,
                })
                start += SUGGESTED_SLOT_DURATION
            if opportunities and not values:
                raise UserError(self.env._(
                    "%(name)s: the itinerary already fills the stay, there is no time left for another meeting.",
                    name=registration.name))
            self.env["territory.stay.slot"].create(values)

    def action_send_itinerary(self):
        """E-mail the family its programme, the PDF attached, in its language."""
        self._check_not_cancelled()
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
                journey = registration.journey_id.with_context(lang=registration._journey_note_lang())
                journey.message_post(
                    body=journey.env._("Feedback survey sent after %(stay)s.", stay=registration.event_id.name),
                    subtype_xmlid="mail.mt_note")

    def _journey_note_lang(self):
        """The language of the notes on the journey: the current user's, or when nobody of the
        team writes them (a scheduled job, the household's answer link) the concierge's, else the
        company's, else French."""
        self.ensure_one()
        if self.env.context.get("lang") and not self.env.user._is_public():
            return self.env.context["lang"]
        journey = self.sudo().journey_id
        return (journey.user_id.lang or journey.company_id.partner_id.lang
                or self.env.company.partner_id.lang or DEFAULT_NOTE_LANG)

    @api.model
    def _cron_send_stay_feedback(self):
        """The day after a stay ends, the households who came get the feedback survey."""
        ended = self.env["event.event"].search([("stay_kind", "!=", False), ("date_end", "<", fields.Datetime.now())])
        self.search([("event_id", "in", ended.ids), ("state", "=", "done"),
                     ("survey_user_input_id", "=", False)])._send_feedback_survey()
