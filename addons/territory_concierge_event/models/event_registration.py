import uuid
from collections import defaultdict
from datetime import timedelta

import pytz
from babel import Locale
from babel.dates import format_date, format_time
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import consteq

from odoo.addons.territory_concierge.access import check_links_readable

SUGGESTED_SLOTS = 3
# How long a suggested meeting lasts: suggested slots follow one another, this long each.
SUGGESTED_SLOT_DURATION = timedelta(minutes=90)
# The journeys are French: notes written without a user (scheduled jobs) fall back to French.
DEFAULT_NOTE_LANG = "fr_FR"
# How the family's programme writes a time, per language ("9 h 00" in French); others: the
# language's short time.
TIME_PATTERNS = {"fr": "H' h 'mm"}


class EventRegistration(models.Model):
    """A household's place in a discovery stay: its invitation and answer, its own itinerary,
    its feedback and its decision."""

    _inherit = ["event.registration", "territory.links.guard"]

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

    @api.constrains("journey_id", "event_id")
    def _check_links_readable(self):
        check_links_readable(self, "journey_id")
        # A stay welcomes the households of its own territory (a registration moved to another
        # territory's stay would show the household to that territory's staff).
        if any(registration.journey_id and registration.event_id.company_id
               and registration.journey_id.company_id != registration.event_id.company_id
               for registration in self.sudo()):
            raise ValidationError(self.env._("A stay welcomes the households of its own territory only."))

    def write(self, vals):
        # A registration stays in its stay's territory, with or without its journey: moved to
        # another territory's stay, its household (name, e-mail, programme) would go with it.
        if "event_id" in vals and not self.env.su:
            self.check_access("write")
            event = self.env["event.event"].browse(vals["event_id"])
            event.check_access("read")
            if any(registration.event_id.company_id != event.company_id for registration in self.sudo()):
                raise ValidationError(self.env._("A stay welcomes the households of its own territory only."))
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
        """The household came: its journey reaches its team's "discovery stay" milestone (the first
        stage of that milestone), or logs it when already further. Only a discovery stay counts:
        attending any other event leaves the journey where it is."""
        stays = self.filtered("event_id.stay_kind")
        journeys = stays.journey_id
        stay_stages = self.env["crm.stage"]._milestone_stages(journeys.team_id, "stay")
        behind = defaultdict(lambda: self.env["crm.lead"])
        for journey in journeys:
            stage = stay_stages.get(journey.team_id.id)
            if stage and journey.stage_id.sequence < stage.sequence:
                behind[stage] |= journey
        for stage, late_journeys in behind.items():
            late_journeys.stage_id = stage
        # Staff who mark the attendance have moved the journeys above with their own rights.
        stays.journey_id._message_log_batch(bodies={
            registration.journey_id.id: escape(self.env._("Took part in the discovery stay %(stay)s.",
                                                         stay=registration.event_id.name))
            for registration in stays})

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

    def _programme_lang(self):
        """The family's language, French by default (as the programme's template)."""
        return self.partner_id.lang or DEFAULT_NOTE_LANG

    def _programme_datetime(self, value, with_date=True):
        """A moment of the stay as the family reads it, in the stay's time zone and the
        programme's language: "samedi 19 décembre 2026, 9 h 00" (or "9 h 00")."""
        self.ensure_one()
        locale = Locale.parse(self._programme_lang())
        local = pytz.utc.localize(value).astimezone(pytz.timezone(self.event_id.date_tz or "Europe/Paris"))
        time = format_time(local, TIME_PATTERNS.get(locale.language, "short"), locale=locale)
        if not with_date:
            return time
        return self.with_context(lang=self._programme_lang()).env._(
            "%(day)s, %(time)s", day=format_date(local.date(), "full", locale=locale), time=time)

    def _programme_days(self):
        """The slots of the programme, day by day: [(day heading, [(slot, "9 h 00 - 11 h 00")])]
        (an en dash between the hours)."""
        self.ensure_one()
        locale = Locale.parse(self._programme_lang())
        tz = pytz.timezone(self.event_id.date_tz or "Europe/Paris")
        days = {}
        for slot in self.stay_slot_ids:
            day = pytz.utc.localize(slot.date_begin).astimezone(tz).date()
            hours = self._programme_datetime(slot.date_begin, with_date=False)
            if slot.date_end:
                hours = f"{hours} \u2013 {self._programme_datetime(slot.date_end, with_date=False)}"
            days.setdefault(day, []).append((slot, hours))
        return [(format_date(day, "full", locale=locale).capitalize(), slots) for day, slots in sorted(days.items())]

    def _programme_concierge(self):
        """Who the family calls: its concierge's name, phone and e-mail (the conciergerie's own
        phone and e-mail when the concierge has none)."""
        self.ensure_one()
        user = self.sudo().journey_id.user_id
        company = self.sudo().event_id.company_id or self.env.company
        return {"name": user.name or company.name, "phone": user.phone or company.phone,
                "email": user.email or company.email}

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
