from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..access import check_concierge_staff

ORIENTATION_STATES = [("proposed", "Proposed"), ("accepted", "Accepted"), ("declined", "Declined"),
                      ("cancelled", "Cancelled")]


class TerritoryOrientation(models.Model):
    """A household oriented from one territory's desk to another's, with its consent to it.

    Until the other desk accepts, it reads only what it needs to judge the orientation (the
    household's composition, profiles, project and the first desk's note): no name, no contact.
    Accepting opens a journey in its own team with the household's file; the first journey ends
    with the end reason flagged "orientation" and keeps the link."""

    _name = "territory.orientation"
    _description = "Orientation to another territory"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, create_date desc, id desc"

    # The first desk's journey: hidden from every client (its name would reach the other desk
    # before it accepted); each desk sees its own side through the computed fields below.
    journey_id = fields.Many2one("crm.lead", "Journey oriented", required=True, readonly=True, index=True,
                                 ondelete="cascade", groups="base.group_system")
    source_journey_id = fields.Many2one("crm.lead", "Journey oriented", compute="_compute_desk_journeys")
    source_company_id = fields.Many2one("res.company", "From", required=True, readonly=True, index=True)
    target_company_id = fields.Many2one("res.company", "To", required=True, readonly=True, index=True)
    state = fields.Selection(ORIENTATION_STATES, required=True, default="proposed", readonly=True, tracking=True)
    note = fields.Text("Why this territory", readonly=True,
                       help="The first desk's words to the other: what the household looks for there.")
    summary = fields.Text("The household", readonly=True,
                          help="What the other desk reads before accepting: no name, no contact.")
    proposed_by_id = fields.Many2one("res.users", "Proposed by", readonly=True, default=lambda self: self.env.user)
    answered_by_id = fields.Many2one("res.users", "Answered by", readonly=True)
    date_answered = fields.Datetime("Answered on", readonly=True)
    decline_reason = fields.Text(readonly=True)
    new_journey_id = fields.Many2one("crm.lead", "Journey in the new territory", readonly=True, index="btree_not_null",
                                     groups="base.group_system")
    target_journey_id = fields.Many2one("crm.lead", "Journey in the new territory", compute="_compute_desk_journeys")
    is_for_my_territory = fields.Boolean(compute="_compute_is_for_my_territory")

    @api.depends_context("uid")
    def _compute_desk_journeys(self):
        """Each desk's own journey: the first desk's to its staff, the new one to the other's."""
        territories = self.env.user.company_ids
        for orientation in self:
            both = orientation.sudo()
            orientation.source_journey_id = both.journey_id if both.source_company_id in territories else False
            orientation.target_journey_id = both.new_journey_id if both.target_company_id in territories else False

    @api.depends_context("allowed_company_ids")
    def _compute_is_for_my_territory(self):
        for orientation in self:
            orientation.is_for_my_territory = orientation.target_company_id in self.env.companies

    @api.depends("target_company_id", "create_date")
    def _compute_display_name(self):
        for orientation in self:
            orientation.display_name = self.env._(
                "Household oriented to %(territory)s", territory=orientation.sudo().target_company_id.name)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("An orientation is proposed from the journey (Orient to another territory)."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("An orientation is answered with its buttons."))
        return super().write(vals)

    # ------------------------------------------------------------
    # Proposing (first desk)
    # ------------------------------------------------------------

    @api.model
    def _target_territories(self, journey):
        """The other territories (companies with a journeys team) a journey may be oriented to."""
        teams = self.env["crm.team"].sudo().search([("use_journeys", "=", True)])
        return teams.company_id - journey.company_id

    @api.model
    def _propose(self, journey, target, note):
        """Orient ``journey`` to the territory ``target``, with the household's consent.

        :raise AccessError: anyone but staff who may write the journey
        :raise UserError: no active consent to an orientation, a closed journey, the same
            territory, a territory without a desk, or an orientation already waiting
        """
        check_concierge_staff(self.env)
        journey.check_access("write")
        if not journey.active or journey.anonymised_date:
            raise UserError(self.env._("A closed journey cannot be oriented."))
        if not journey._has_active_consent("orientation"):
            raise UserError(self.env._(
                "The household has not consented to being oriented to another territory: record its consent "
                "first (Consents tab)."))
        if target not in self._target_territories(journey):
            raise UserError(self.env._("Choose another territory that has a welcome desk."))
        if self.sudo().search_count([("journey_id", "=", journey.id), ("state", "=", "proposed")]):
            raise UserError(self.env._("An orientation of this household is already waiting for an answer."))
        orientation = self.sudo().create({
            "journey_id": journey.id, "source_company_id": journey.company_id.id, "target_company_id": target.id,
            "note": note, "summary": journey.sudo()._orientation_summary(),
            "proposed_by_id": self.env.user.id})
        journey.message_post(body=self.env._(
            "Oriented to %(territory)s, with the household's consent: waiting for its desk's answer.",
            territory=target.name), subtype_xmlid="mail.mt_note")
        orientation._notify_target_desk()
        return orientation

    def _notify_target_desk(self):
        """A to-do on the orientation for the other desk's team leader (or its first manager)."""
        for orientation in self.sudo():
            team = self.env["crm.team"].sudo()._journeys_team_of(orientation.target_company_id)
            # The desk's conciergerie manager first (the team leader may be an administrator
            # who never opens the app), then the team leader, then a member.
            managers = self.env.ref("territory_concierge.group_concierge_manager").user_ids.filtered(
                lambda u, company=orientation.target_company_id: company in u.company_ids and u.active
                and not u._is_superuser() and not u.has_group("base.group_system"))
            user = managers[:1] or team.user_id or team.member_ids[:1]
            if user:
                orientation.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id,
                    summary=self.env._("A household oriented from %(territory)s",
                                       territory=orientation.source_company_id.name),
                    note=orientation.note)

    # ------------------------------------------------------------
    # Answering (the other desk)
    # ------------------------------------------------------------

    def _check_target_desk(self):
        """The orientation as superuser, once the caller is proven to be staff of its target.

        :raise AccessError: anyone else
        """
        check_concierge_staff(self.env)
        self.check_access("read")
        for orientation in self:
            if orientation.target_company_id not in self.env.user.company_ids:
                raise AccessError(self.env._("Only the desk of %(territory)s answers this orientation.",
                                             territory=orientation.sudo().target_company_id.name))
            if orientation.state != "proposed":
                raise UserError(self.env._("This orientation has already been answered."))
        return self.sudo()

    def action_accept(self):
        """The other desk takes the household: a journey in its team, the first one ends."""
        orientations = self._check_target_desk()
        reason = self.env["crm.lost.reason"].sudo().search([("is_orientation", "=", True)], limit=1)
        for orientation in orientations:
            journey = orientation.journey_id
            if not journey.active or not journey._has_active_consent("orientation"):
                raise UserError(self.env._("The household withdrew its consent, or its journey closed: the "
                                           "orientation no longer stands."))
            new_journey = journey._orientation_copy(orientation.target_company_id, orientation)
            orientation.write({"state": "accepted", "new_journey_id": new_journey.id,
                               "answered_by_id": self.env.user.id, "date_answered": fields.Datetime.now()})
            orientation.activity_ids.action_feedback(feedback=self.env._("Accepted."))
            journey.message_post(body=self.env._(
                "The desk of %(territory)s accepted the household: its journey goes on there.",
                territory=orientation.target_company_id.name), subtype_xmlid="mail.mt_note")
            journey.with_context(orientation_accepted=True).write({"lost_reason_id": reason.id, "active": False})
        return {
            "type": "ir.actions.act_window", "res_model": "crm.lead", "view_mode": "form",
            "res_id": orientations[:1].new_journey_id.id,
            "views": [(self.env.ref("territory_concierge.crm_lead_view_form_journey").id, "form")],
        }

    def action_decline(self, reason=None):
        if not (reason or "").strip():
            raise UserError(self.env._("Say in a few words why: the first desk goes on with the household."))
        for orientation in self._check_target_desk():
            orientation.write({"state": "declined", "decline_reason": reason, "answered_by_id": self.env.user.id,
                               "date_answered": fields.Datetime.now()})
            orientation.activity_ids.action_feedback(feedback=self.env._("Declined."))
            orientation.journey_id._notify_concierge(self.env._(
                "The desk of %(territory)s declined the orientation.",
                territory=orientation.target_company_id.name), reason)
