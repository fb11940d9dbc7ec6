from itertools import zip_longest

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, format_list

from odoo.addons.territory_concierge.access import CONCIERGE_GROUP, check_concierge_staff
from odoo.addons.territory_concierge.household import children_summary
from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_CURRENT_STATES
from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_OPEN_STATES as OPEN_STATES

# Written by the state machine's actions only (each checks who may act): a client writing them
# would start a sponsorship nobody agreed to, or show the household's contact to the ambassador.
STATE_MACHINE_FIELDS = frozenset({
    "state", "ambassador_agreed", "family_agreed", "date_proposed", "date_start", "date_end", "end_reason",
    "has_concern", "concern_note"})
# A check-in still not done this many days after its due date is missed: the journey is at risk.
MISSED_CHECKIN_GRACE_DAYS = 7


class TerritorySponsorship(models.Model):
    """A godparenting (parrainage): an ambassador and a newcomer household, with the
    household's consent to being put in touch with an ambassador."""

    _name = "territory.sponsorship"
    _description = "Sponsorship"
    _inherit = ["territory.bound.mixin", "mail.thread", "mail.activity.mixin", "territory.outside.thread"]
    _order = "state, date_proposed desc, id desc"

    journey_id = fields.Many2one(
        "crm.lead", required=True, index=True, ondelete="cascade", domain="[('is_journey', '=', True)]",
        groups="territory_concierge.group_concierge_user")
    # The journey's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    ambassador_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", tracking=True,
        domain="[('is_ambassador', '=', True), ('ambassador_state', '=', 'active')]")
    # Staff only: read by an ambassador, its display name (``show_address``) would give the
    # family's street, beyond what their consent to an ambassador covers.
    family_partner_id = fields.Many2one(
        "res.partner", string="Family contact", compute="_compute_from_journey", store=True, index=True,
        groups=CONCIERGE_GROUP,
        help="The household's portal contact: the person who can agree to the sponsorship online.")
    # What the ambassador may call the household before it agreed: the adults' first names.
    household_label = fields.Char("Household", compute="_compute_household_label")
    concierge_id = fields.Many2one("res.users", compute="_compute_from_journey", store=True)
    state = fields.Selection(
        [("proposed", "Proposed"), ("accepted", "Accepted"), ("active", "Active"), ("ended", "Ended"),
         ("declined", "Declined")], required=True, default="proposed", index=True, tracking=True)
    ambassador_agreed = fields.Boolean("Ambassador agreed", readonly=True, tracking=True)
    family_agreed = fields.Boolean("Family agreed", readonly=True, tracking=True)
    date_proposed = fields.Date("Proposed on", default=fields.Date.context_today, readonly=True)
    date_start = fields.Date("Started on", readonly=True, tracking=True)
    date_end = fields.Date("Ended on", readonly=True, tracking=True)
    end_reason = fields.Selection(
        [("completed", "Completed"), ("declined_ambassador", "Declined by the ambassador"),
         ("declined_family", "Declined by the family"), ("consent_withdrawn", "Consent withdrawn"),
         ("journey_closed", "Journey closed"), ("other", "Other")], readonly=True, tracking=True)
    meeting_ids = fields.One2many("territory.sponsorship.meeting", "sponsorship_id", string="Meetings")
    # Computed as superuser: ambassadors see the count and date on their list, not the meetings' rows.
    meeting_count = fields.Integer(compute="_compute_meeting_count", compute_sudo=True)
    last_meeting_date = fields.Date(compute="_compute_meeting_count", compute_sudo=True)
    has_concern = fields.Boolean("Concern raised", readonly=True, tracking=True, index=True)
    concern_note = fields.Text("Concern", readonly=True)

    @api.depends("journey_id.partner_id", "journey_id.user_id")
    def _compute_from_journey(self):
        for sponsorship in self:
            journey = sponsorship.sudo().journey_id
            sponsorship.family_partner_id = journey.partner_id
            sponsorship.concierge_id = journey.user_id

    @api.depends("journey_id.household_member_ids.name", "journey_id.household_member_ids.role", "date_proposed")
    @api.depends_context("lang")
    def _compute_household_label(self):
        for sponsorship in self:
            adults = sponsorship.sudo().journey_id.household_member_ids.filtered(lambda m: m.role == "adult")
            first_names = [name for name in adults.mapped("name") if name]
            sponsorship.household_label = self.env._(
                "Household of %(names)s", names=format_list(self.env, first_names)) if first_names else self.env._(
                "Household proposed on %(date)s", date=format_date(self.env, sponsorship.date_proposed))

    @api.depends("meeting_ids.date")
    def _compute_meeting_count(self):
        for sponsorship in self:
            sponsorship.meeting_count = len(sponsorship.meeting_ids)
            sponsorship.last_meeting_date = max(sponsorship.meeting_ids.mapped("date"), default=False)

    @api.depends("household_label", "ambassador_id")
    def _compute_display_name(self):
        for sponsorship in self:
            sponsorship.display_name = f"{sponsorship.ambassador_id.name} → {sponsorship.household_label}"

    # ------------------------------------------------------------
    # Rules: consent, one ambassador per household, capacity
    # ------------------------------------------------------------

    def _check_state_machine_fields(self, vals_list):
        if not self.env.su and any(STATE_MACHINE_FIELDS & set(vals) for vals in vals_list):
            raise AccessError(self.env._(
                "A sponsorship's state, agreements, dates and concern change through its buttons only."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_state_machine_fields(vals_list)
        sponsorships = super().create(vals_list)
        sponsorships._check_can_be_open()
        # The journeys' notes in batches, one note per journey in each, by whoever proposes.
        for batch in zip_longest(*sponsorships.grouped(lambda sponsorship: sponsorship.sudo().journey_id).values()):
            notes = {sponsorship.sudo().journey_id.id: self.env._(
                "Sponsorship proposed with %(ambassador)s.", ambassador=sponsorship.ambassador_id.name)
                for sponsorship in batch if sponsorship}
            self.env["crm.lead"].sudo().browse(list(notes))._message_log_batch(bodies=notes)
        return sponsorships

    def write(self, vals):
        self._check_state_machine_fields([vals])
        # A sponsorship rests on one household's consent: it never moves to another journey
        # (territory.bound.mixin), which would open that household to the ambassador without it.
        result = super().write(vals)
        if vals.get("state") in OPEN_STATES or "ambassador_id" in vals:
            self._check_can_be_open()
        return result

    def _check_can_be_open(self):
        open_sponsorships = self.filtered(lambda s: s.state in OPEN_STATES)
        if not open_sponsorships:
            return
        # Two concierges proposing the same ambassador at once must not both pass the capacity check.
        self.env.cr.execute("SELECT id FROM res_partner WHERE id IN %s FOR UPDATE",
                            [tuple(open_sponsorships.ambassador_id.ids)])
        # The open sponsorships of these households and of these ambassadors, counted once.
        Sponsorship = self.sudo()
        per_journey = {journey.id: count for journey, count in Sponsorship._read_group(
            [("journey_id", "in", open_sponsorships.sudo().journey_id.ids), ("state", "in", OPEN_STATES)],
            ["journey_id"], ["__count"])}
        per_ambassador = {ambassador.id: count for ambassador, count in Sponsorship._read_group(
            [("ambassador_id", "in", open_sponsorships.ambassador_id.ids), ("state", "in", OPEN_STATES)],
            ["ambassador_id"], ["__count"])}
        for sponsorship in open_sponsorships:
            journey = sponsorship.sudo().journey_id
            if not journey._has_active_consent("ambassador"):
                raise ValidationError(self.env._(
                    "%(journey)s: the household has not consented to being put in touch with an ambassador.",
                    journey=journey.name))
            if not journey.active or journey.anonymised_date:
                raise ValidationError(self.env._("%(journey)s is closed.", journey=journey.name))
            ambassador = sponsorship.ambassador_id
            if ambassador.company_id and ambassador.company_id != journey.company_id:
                raise ValidationError(self.env._(
                    "%(name)s is an ambassador of another territory.", name=ambassador.name))
            if not ambassador.is_ambassador or ambassador.ambassador_state != "active":
                raise ValidationError(self.env._("%(name)s is not an active ambassador.", name=ambassador.name))
            if per_journey.get(journey.id, 0) > 1:
                raise ValidationError(self.env._("%(journey)s already has an ambassador.", journey=journey.name))
            if per_ambassador.get(ambassador.id, 0) > ambassador.sponsorship_capacity:
                raise ValidationError(self.env._(
                    "%(name)s already sponsors %(count)s household(s), their maximum.",
                    name=ambassador.name, count=ambassador.sponsorship_capacity))

    # ------------------------------------------------------------
    # State machine
    # ------------------------------------------------------------

    def _agree(self, side):
        for sponsorship in self:
            if sponsorship.state != "proposed":
                raise UserError(self.env._("Only a proposed sponsorship can be agreed to."))
            # sudo: the callers checked who agrees (STATE_MACHINE_FIELDS).
            sponsorship.sudo().write({f"{side}_agreed": True})
            if sponsorship.ambassador_agreed and sponsorship.family_agreed:
                sponsorship.sudo().state = "accepted"
                sponsorship.sudo().journey_id._notify_concierge(self.env._(
                    "Both the ambassador and the family agreed: "
                    "the sponsorship can start."))

    def _decline(self, side, reason):
        for sponsorship in self:
            if sponsorship.state != "proposed":
                raise UserError(self.env._("Only a proposed sponsorship can be declined."))
            sponsorship.sudo().write({"state": "declined", "date_end": fields.Date.context_today(self),
                                      "end_reason": f"declined_{side}"})
            sponsorship._withdraw_file_links()
            sponsorship.sudo().journey_id._notify_concierge(self.env._("The sponsorship was declined."), reason)

    def action_family_agree(self):
        """The concierge records the family's agreement (given by phone, for instance)."""
        check_concierge_staff(self.env)
        self.check_access("write")
        self._agree("family")

    def action_start(self):
        """The sponsorship starts: check-ins are scheduled for the concierge."""
        check_concierge_staff(self.env)
        self.check_access("write")
        for sponsorship in self:
            if sponsorship.state != "accepted":
                raise UserError(self.env._("A sponsorship starts once both sides agreed."))
            sponsorship.sudo().write({"state": "active", "date_start": fields.Date.context_today(self)})
            sponsorship._schedule_checkins()

    def action_end(self):
        check_concierge_staff(self.env)
        self.check_access("write")
        self._end("completed")

    def _end(self, reason):
        for sponsorship in self.filtered(lambda s: s.state in OPEN_STATES):
            sponsorship.sudo().write({"state": "ended", "date_end": fields.Date.context_today(self),
                                      "end_reason": reason})
            sponsorship.activity_ids.unlink()
            sponsorship._withdraw_file_links()

    def _files_no_longer_served(self):
        # The ambassador downloads the thread's files while the sponsorship is open only.
        return super()._files_no_longer_served() | self.filtered(lambda s: s.state not in OPEN_STATES)

    def _schedule_checkins(self):
        """Launch the check-in plan of the journey's team, for the sponsorship's concierge (the
        "ask at launch" responsible), counted from the start or the household's arrival if later."""
        self.ensure_one()
        journey = self.sudo().journey_id
        plan = journey.team_id.sponsorship_checkin_plan_id
        if not plan:
            return
        arrival = journey.installation_date
        start = max(self.date_start, arrival) if arrival else self.date_start
        concierge = self.concierge_id or self.env.user
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create([{
            "res_model_id": self.env["ir.model"]._get_id(self._name), "res_id": self.id,
            "activity_type_id": template.activity_type_id.id, "summary": template.summary, "note": template.note,
            "date_deadline": template._get_date_deadline(start),
            "user_id": (template._determine_responsible(concierge, self)["responsible"] or concierge).id,
        } for template in plan.template_ids])

    def _demo_schedule_checkins(self, done):
        """Demo: the check-ins of a sponsorship created active, the first ``done`` of them done."""
        for sponsorship in self:
            sponsorship._schedule_checkins()
            sponsorship.activity_ids.sorted("date_deadline")[:done].action_feedback(
                feedback=self.env._("Meeting logged by %(name)s.", name=sponsorship.ambassador_id.name))

    # ------------------------------------------------------------
    # Ambassador side (portal): each action checks the caller first
    # ------------------------------------------------------------

    def _check_ambassador_access(self):
        """The sponsorship as superuser, once the current user is proven to be its ambassador.

        :raise AccessError: anyone else
        """
        self.check_access("read")
        if self.ambassador_id != self.env.user.partner_id:
            raise AccessError(self.env._("Only the ambassador of this sponsorship can do this."))
        return self.sudo()

    def _check_portal_access(self, access_token=None):
        """The portal convention (territory_concierge.controllers.portal): the sponsorship's own
        ambassador, signed in, while it is open (record rule); no token opens it."""
        self.ensure_one()
        return self._check_ambassador_access()

    def action_family_portal_agree(self):
        """The household agrees to the proposed ambassador from its page (/my/journey).

        :raise AccessError: anyone but the household of the sponsorship's journey
        """
        for sponsorship in self:
            sponsorship.sudo().journey_id._check_family_access()
            sponsorship.sudo()._agree("family")

    def action_ambassador_agree(self):
        for sponsorship in self:
            sponsorship._check_ambassador_access()._agree("ambassador")

    def action_ambassador_decline(self, reason=None):
        if not (reason or "").strip():
            raise UserError(self.env._("Say in a few words why: the concierge will propose someone else."))
        for sponsorship in self:
            sponsorship._check_ambassador_access()._decline("ambassador", reason)

    def action_log_meeting(self, date, kind, note):
        """The ambassador met the household: logged, and the next check-in is done."""
        self.ensure_one()
        sponsorship = self._check_ambassador_access()
        if sponsorship.state != "active":
            raise UserError(self.env._("Meetings are logged on an active sponsorship."))
        meeting = self.env["territory.sponsorship.meeting"].sudo().create({
            "sponsorship_id": sponsorship.id, "date": date, "kind": kind, "note": note,
            "logged_by_id": self.env.user.id})
        due = sponsorship.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("ambassador_network.mail_activity_type_sponsorship_checkin")
        ).sorted("date_deadline")[:1]
        due.action_feedback(feedback=self.env._("Meeting logged by %(name)s.", name=self.env.user.name))
        sponsorship.sudo().journey_id.retention_risk = False
        return meeting

    def action_raise_concern(self, note):
        """The ambassador is worried about the household: the concierge is alerted at once."""
        self.ensure_one()
        if not (note or "").strip():
            raise UserError(self.env._("Describe what worries you."))
        sponsorship = self._check_ambassador_access()
        sponsorship.write({"has_concern": True, "concern_note": note})
        sponsorship.activity_schedule(
            "mail.mail_activity_data_todo", user_id=sponsorship.concierge_id.id or self.env.ref("base.user_admin").id,
            summary=self.env._("Concern raised by %(name)s", name=self.env.user.name), note=note)
        sponsorship.sudo().journey_id._notify_concierge(
            self.env._("%(name)s raised a concern.", name=self.env.user.name), note)

    def action_resolve_concern(self):
        check_concierge_staff(self.env)
        self.check_access("write")
        self.sudo().write({"has_concern": False})

    def _get_shared_sections(self):
        """What the ambassador may read of the household (with its consent to an ambassador), as
        [(title, [(label, text), ...])] in the reader's language: first names, composition,
        interests, where and when it settles; how to reach it only once the household agreed to
        this ambassador too (accepted or active) and while its consent lasts, with where it
        comes from."""
        self.ensure_one()
        journey = self.sudo().journey_id

        def label(field_name):
            return journey._fields[field_name].get_description(self.env, ["string"])["string"]

        members = journey.household_member_ids
        children = members.filtered(lambda m: m.role == "child")
        # Where it settles once known, else where it wishes to: each under its own name.
        if journey.installation_commune_id:
            where = (label("installation_commune_id"), journey.installation_commune_id.name)
        else:
            where = (label("wished_commune_ids"), format_list(self.env, journey.wished_commune_ids.mapped("name")))
        if journey.installation_date:
            when = (label("installation_date"), format_date(self.env, journey.installation_date))
        else:
            when = (self.env._("Expected arrival"),
                    format_date(self.env, journey.date_deadline) if journey.date_deadline else "")
        sections = [
            (self.env._("Household"), [
                (self.env._("Members"), format_list(self.env, [name for name in members.mapped("name") if name])),
                (label("child_count"), children_summary(self.env, children.mapped("age"))),
                (label("interest_ids"), format_list(self.env, journey.interest_ids.mapped("name"))),
            ]),
            (self.env._("Settling in"), [where, when]),
        ]
        if self._household_contact_shared():
            # Where the household lives now, with its name: once it agreed to this ambassador.
            sections[1][1].append((label("origin_city"), journey.origin_city))
            sections.append((self.env._("How to reach them"), [
                (self.env._("Name"), journey.contact_name),
                (self.env._("Phone"), journey.phone),
                (self.env._("E-mail"), journey.email_from),
            ]))
        return sections

    def _household_contact_shared(self):
        """The household's contact details reach the ambassador once both sides agreed to this
        sponsorship, and only while the household's consent to an ambassador lasts."""
        self.ensure_one()
        return self.state in SPONSORSHIP_CURRENT_STATES and self.sudo().journey_id._has_active_consent("ambassador")

    # ------------------------------------------------------------
    # Retention: missed check-ins
    # ------------------------------------------------------------

    @api.model
    def _cron_flag_missed_checkins(self):
        """Active sponsorships whose check-in is overdue: the journey is flagged at risk."""
        limit = fields.Date.context_today(self) - relativedelta(days=MISSED_CHECKIN_GRACE_DAYS)
        overdue = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("date_deadline", "<", limit),
            ("activity_type_id", "=", self.env.ref("ambassador_network.mail_activity_type_sponsorship_checkin").id)])
        sponsorships = self.sudo().browse(overdue.mapped("res_id")).filtered(lambda s: s.state == "active")
        journeys = sponsorships.journey_id.filtered(lambda j: not j.retention_risk)
        journeys.write({"retention_risk": True})
        for journey in journeys:
            journey.message_post(
                body=self.env._("Retention risk: a check-in with the ambassador is overdue."),
                subtype_xmlid="mail.mt_note", partner_ids=journey.user_id.partner_id.ids)
        return journeys


class TerritorySponsorshipMeeting(models.Model):
    _name = "territory.sponsorship.meeting"
    _inherit = ["territory.bound.mixin"]
    _description = "Sponsorship meeting"
    _territory_parent = "sponsorship_id"
    _order = "date desc, id desc"

    sponsorship_id = fields.Many2one("territory.sponsorship", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="sponsorship_id.company_id", store=True, index=True, string="Territory")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [("visit", "Visit"), ("phone", "Phone call"), ("event", "Event together"), ("other", "Other")],
        required=True, default="visit")
    note = fields.Text()
    logged_by_id = fields.Many2one("res.users", "Logged by", default=lambda self: self.env.user, readonly=True)
