from collections import defaultdict
from itertools import zip_longest

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date

from odoo.addons.territory_concierge.access import check_concierge_staff
from odoo.addons.territory_concierge.household import children_summary
from odoo.addons.territory_concierge.portal_rules import SHARE_OPEN_STATES as OPEN_STATES

# What a share may open to the partner, scope by scope: (scope field, journey fields it shows).
SHARE_SCOPES = ("scope_identity", "scope_household", "scope_jobs", "scope_housing", "scope_business")


# Written by the share's actions only: sharing, the partner's answer, closing.
ANSWER_FIELDS = frozenset({"state", "feedback", "answered_by_id", "date_answered", "close_reason", "shared_by_id",
                           "date_shared"})


class TerritoryShare(models.Model):
    """A journey shared with one partner organisation, within a scope the concierge chose,
    on the household's consent. Partners reach it only through the portal, only while it
    is open; everything about it (who shared, answered, viewed) is kept."""

    _name = "territory.share"
    _description = "Journey shared with a partner organisation"
    _inherit = ["territory.bound.mixin", "portal.mixin", "mail.thread", "territory.outside.thread"]
    # Partner contacts write to the concierge from the portal without write access on the share.
    _mail_post_access = "read"
    _order = "date_shared desc, id desc"

    journey_id = fields.Many2one(
        "crm.lead", required=True, index=True, ondelete="cascade",
        domain="[('is_journey', '=', True)]", groups="territory_concierge.group_concierge_user")
    # The journey's territory: the multi-company record rule of staff, and the label of the share
    # in the portal of an organisation working for several territories.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    partner_org_id = fields.Many2one(
        "res.partner", string="Partner organisation", required=True, index=True, ondelete="restrict",
        domain="[('is_company', '=', True), ('organisation_type', '!=', False)]")
    # Not stored: "Household shared on 12/03/2026" is said in the reader's language. Never the
    # journey's database id: it would let organisations match the households they are sent.
    household_label = fields.Char(
        "Household", compute="_compute_household_label",
        help="What the partner sees as the household's name: its name only when identity is shared.")
    concierge_id = fields.Many2one("res.users", compute="_compute_concierge_id", store=True)
    scope_identity = fields.Boolean("Identity and contact details")
    scope_household = fields.Boolean("Household composition")
    scope_jobs = fields.Boolean("Job search")
    scope_housing = fields.Boolean("Housing")
    scope_business = fields.Boolean("Business project")
    state = fields.Selection(
        [("proposed", "Proposed"), ("accepted", "Accepted"), ("declined", "Declined"), ("closed", "Closed")],
        required=True, default="proposed", index=True, tracking=True)
    close_reason = fields.Selection(
        [("done", "Follow-up over"), ("consent_withdrawn", "Consent withdrawn"),
         ("journey_closed", "Journey closed")], readonly=True, tracking=True)
    outcome = fields.Selection(
        [("in_progress", "In progress"), ("hired", "Hired"), ("housed", "Housed"),
         ("business_taken_over", "Business taken over"), ("no_result", "No result")], tracking=True)
    feedback = fields.Text("Partner feedback", tracking=True)
    shared_by_id = fields.Many2one("res.users", "Shared by", default=lambda self: self.env.user, readonly=True)
    date_shared = fields.Datetime("Shared on", default=fields.Datetime.now, readonly=True)
    answered_by_id = fields.Many2one("res.users", "Answered by", readonly=True)
    date_answered = fields.Datetime("Answered on", readonly=True)
    view_ids = fields.One2many(
        "territory.share.view", "share_id", string="Views by the partner",
        groups="territory_concierge.group_concierge_user")

    @api.constrains("scope_identity", "scope_household", "scope_jobs", "scope_housing", "scope_business")
    def _check_some_scope(self):
        for share in self:
            if not any(share[scope] for scope in SHARE_SCOPES):
                raise ValidationError(self.env._("Choose what to share: at least one part of the journey."))

    @api.depends("scope_identity", "date_shared", "journey_id.contact_name", "journey_id.name")
    @api.depends_context("lang", "tz")
    def _compute_household_label(self):
        for share in self:
            journey = share.sudo().journey_id
            share.household_label = (journey.contact_name or journey.name) if share.scope_identity else \
                self.env._("Household shared on %(date)s", date=format_date(self.env, share.date_shared))

    @api.depends("journey_id.user_id")
    def _compute_concierge_id(self):
        for share in self:
            share.concierge_id = share.sudo().journey_id.user_id

    def _compute_access_url(self):
        for share in self:
            share.access_url = f"/my/shared-journeys/{share.id}"

    @api.model
    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        """The share's messages open to whoever the record rules open the share to, never to a
        token or a signed link (portal.mixin's): a link e-mailed before a revocation must not
        keep working after it."""
        share = self.browse(thread_id)
        if share.exists() and share.sudo(False).with_context(allowed_company_ids=[]).has_access(mode):
            return share
        return self.browse()

    @api.depends("household_label", "partner_org_id")
    def _compute_display_name(self):
        for share in self:
            share.display_name = f"{share.household_label} → {share.partner_org_id.name}"

    # ------------------------------------------------------------
    # SHARING (concierge side)
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Who shared, when, and the partner's answer are the server's: a share starts proposed,
            # by whoever creates it (superuser paths, e.g. data files, may name the sharer).
            now = fields.Datetime.now()
            for vals in vals_list:
                vals.update({"shared_by_id": self.env.uid, "date_shared": now, "state": "proposed",
                             "answered_by_id": False, "date_answered": False, "feedback": False,
                             "close_reason": False})
        shares = super().create(vals_list)
        shares._check_can_be_open()
        shares._subscribe_people()
        # The journeys' notes in batches, one note per journey in each (a journey shared with
        # several organisations at once gets one note per organisation), by whoever shares.
        for batch in zip_longest(*shares.grouped(lambda share: share.sudo().journey_id).values()):
            notes = {share.sudo().journey_id.id: self.env._(
                "Shared with %(org)s (%(scope)s).", org=share.partner_org_id.name, scope=share._scope_labels())
                for share in batch if share}
            self.env["crm.lead"].sudo().browse(list(notes))._message_log_batch(bodies=notes)
        for share in shares:
            # A comment, not a notification: the partner sees it in the portal thread. Written by
            # whoever shared (as the page's "Shared by" says), even when created as superuser.
            sharer = share.shared_by_id or self.env.user
            share.message_post(
                body=self.env._("%(concierge)s shares a household's journey with %(org)s.",
                                concierge=sharer.name, org=share.partner_org_id.name),
                author_id=sharer.partner_id.id, message_type="comment", subtype_xmlid="mail.mt_comment")
        return shares

    def write(self, vals):
        # The partner's answer and the share's life are written by their actions only (each
        # checks who acts): staff writing them would forge what the organisation said.
        if not self.env.su and ANSWER_FIELDS & set(vals):
            raise AccessError(self.env._(
                "A share's state, the partner's answer and who shared it change through their buttons only."))
        # A share is one household's consent given to one organisation: moving it to another
        # organisation would open that one without the checks of a new share (nor can it move to
        # another journey: territory.bound.mixin).
        if "partner_org_id" in vals and any(share.partner_org_id.id != vals["partner_org_id"] for share in self.sudo()):
            raise UserError(self.env._("A share cannot be moved to another journey or organisation: "
                                       "close it and share again."))
        result = super().write(vals)
        if vals.get("state") in OPEN_STATES:
            self._check_can_be_open()
        return result

    def _check_can_be_open(self):
        """A share is open only on the household's consent and while the journey lives."""
        open_shares = self.filtered(lambda s: s.state in OPEN_STATES)
        if not open_shares:
            return
        # The open shares of these journeys with these organisations, counted in one query.
        open_counts = {(journey.id, org.id): count for journey, org, count in self.sudo()._read_group(
            [("journey_id", "in", open_shares.sudo().journey_id.ids),
             ("partner_org_id", "in", open_shares.partner_org_id.ids), ("state", "in", OPEN_STATES)],
            ["journey_id", "partner_org_id"], ["__count"])}
        for share in open_shares:
            journey = share.sudo().journey_id
            if not journey._has_active_consent("partner_sharing"):
                raise ValidationError(self.env._(
                    "%(journey)s: the household has not consented to sharing with partner organisations. "
                    "Record their consent (Consents tab) before sharing.", journey=journey.name))
            if not journey.active or journey.anonymised_date:
                raise ValidationError(self.env._("%(journey)s is closed: it cannot be shared.",
                                                 journey=journey.name))
            if not share.partner_org_id.organisation_type:
                raise ValidationError(self.env._(
                    "%(org)s is not a partner organisation (set its type first).", org=share.partner_org_id.name))
            if open_counts.get((journey.id, share.partner_org_id.id), 0) > 1:  # itself and another
                raise ValidationError(self.env._("%(journey)s is already shared with %(org)s.",
                                                 journey=journey.name, org=share.partner_org_id.name))

    def _partner_portal_contacts(self):
        """The organisation's people who have a portal account."""
        users = self.env["res.users"].sudo().search([
            ("partner_id", "child_of", self.partner_org_id.ids), ("share", "=", True)])
        return users.partner_id

    def _portal_contacts_by_organisation(self):
        """``_partner_portal_contacts`` of each organisation, in one search.

        :return: {organisation id: res.partner records}
        """
        contacts = defaultdict(lambda: self.env["res.partner"])
        org_ids = set(self.partner_org_id.ids)
        for partner in self._partner_portal_contacts():
            ancestor = partner  # the organisations it is a contact of ("child_of"): itself and its parents
            while ancestor:
                if ancestor.id in org_ids:
                    contacts[ancestor.id] |= partner
                ancestor = ancestor.parent_id
        return contacts

    def _subscribe_people(self):
        """The concierges and the organisation's portal contacts follow the share: one
        subscription per group of people, not per share."""
        contacts = self._portal_contacts_by_organisation()
        by_people = defaultdict(self.browse)
        for share in self:
            people = (share.concierge_id | share.shared_by_id).partner_id | contacts[share.partner_org_id.id]
            by_people[frozenset(people.ids)] |= share
        for partner_ids, shares in by_people.items():
            shares.message_subscribe(partner_ids=list(partner_ids))

    def _files_no_longer_served(self):
        # The partner downloads the thread's files while the share is open only.
        return super()._files_no_longer_served() | self.filtered(lambda share: share.state not in OPEN_STATES)

    def _scope_labels(self):
        """The scopes in the reader's language, from the code's translations: the notes of the
        demo's shares are written at install, before the fields' French labels are loaded."""
        self.ensure_one()
        labels = {
            "scope_identity": self.env._("Identity and contact details"),
            "scope_household": self.env._("Household composition"),
            "scope_jobs": self.env._("Job search"),
            "scope_housing": self.env._("Housing"),
            "scope_business": self.env._("Business project"),
        }
        return ", ".join(labels[scope] for scope in SHARE_SCOPES if self[scope])

    def action_close(self):
        """The concierge ends the follow-up with this partner."""
        check_concierge_staff(self.env)
        self.check_access("write")
        self._close("done")

    def _revoke(self, reason):
        """End the partner's access now (consent withdrawn, journey closed)."""
        self.filtered(lambda s: s.state in OPEN_STATES)._close(reason)

    def _close(self, reason):
        reasons = dict(self._fields["close_reason"]._description_selection(self.env))
        for share in self.sudo():
            share.write({"state": "closed", "close_reason": reason})
            share.message_unsubscribe(partner_ids=share._partner_portal_contacts().ids)
            share._withdraw_file_links()
            share.journey_id.message_post(
                body=self.env._("Share with %(org)s closed: %(reason)s.",
                                org=share.partner_org_id.name, reason=reasons[reason]),
                subtype_xmlid="mail.mt_note")

    # ------------------------------------------------------------
    # PARTNER SIDE (portal): each action checks the caller's access first
    # ------------------------------------------------------------

    def _check_partner_access(self):
        """The share as superuser, once the current user is proven to reach it: a contact
        of the organisation (record rule), while the share is open.

        :raise AccessError: anyone else, or a closed share
        """
        self.check_access("read")
        if self.env.user._is_internal():
            # Staff read journeys in the back office, not through the partner's pages.
            raise AccessError(self.env._("The partner portal is for partner organisations' contacts."))
        return self.sudo()

    def _check_portal_access(self, access_token=None):
        """The portal convention (territory_concierge.controllers.portal): a contact of the
        share's organisation, signed in, while the share is open. Shares ignore tokens
        (``portal.mixin``'s access tokens and signed links open nothing)."""
        self.ensure_one()
        return self._check_partner_access()

    def action_partner_accept(self, feedback=None):
        self._partner_answer("accepted", feedback)

    def action_partner_decline(self, feedback=None):
        if not (feedback or "").strip():
            raise UserError(self.env._("Say in a few words why you decline: the concierge will look for another way."))
        self._partner_answer("declined", feedback)

    def _partner_answer(self, state, feedback):
        for share in self:
            share_sudo = share._check_partner_access()
            if share_sudo.state != "proposed":
                raise UserError(self.env._("This journey has already been answered."))
            share_sudo.write({"state": state, "feedback": feedback or share_sudo.feedback,
                              "answered_by_id": self.env.user.id, "date_answered": fields.Datetime.now()})
            share_sudo.journey_id._notify_concierge(
                self.env._("%(org)s accepted the journey.", org=share_sudo.partner_org_id.name)
                if state == "accepted" else
                self.env._("%(org)s declined the journey.", org=share_sudo.partner_org_id.name), feedback)

    def action_partner_feedback(self, feedback, outcome=False):
        """News from the partner on an accepted journey (an interview, a visit, a hiring)."""
        for share in self:
            share_sudo = share._check_partner_access()
            if share_sudo.state != "accepted":
                raise UserError(self.env._("Accept the journey before giving news of it."))
            if outcome and outcome not in dict(self._fields["outcome"].selection):
                raise UserError(self.env._("Unknown outcome."))
            share_sudo.write({"feedback": feedback, "outcome": outcome or share_sudo.outcome})
            share_sudo.journey_id._notify_concierge(
                self.env._("News from %(org)s.", org=share_sudo.partner_org_id.name), feedback)

    def _log_partner_view(self):
        self.ensure_one()
        self.env["territory.share.view"].sudo().create({"share_id": self.id, "user_id": self.env.user.id})

    def _get_shared_sections(self):
        """What the partner may read of the journey, section by section, as
        [(title, [(label, value), ...])]: the scopes shared, nothing else."""
        self.ensure_one()
        journey = self.sudo().journey_id
        lead_fields = journey._fields

        def label(field_name):
            return lead_fields[field_name].get_description(self.env, ["string"])["string"]

        def selection(field_name):
            return dict(lead_fields[field_name]._description_selection(self.env)).get(journey[field_name], "")

        sections = []
        if self.scope_identity:
            sections.append((self.env._("Identity and contact details"), [
                (self.env._("Name"), journey.contact_name or journey.name),
                (self.env._("E-mail"), journey.email_from),
                (self.env._("Phone"), journey.phone),
                (label("origin_city"), journey.origin_city),
            ]))
        if self.scope_household:
            children = journey.household_member_ids.filtered(lambda m: m.role == "child")
            sections.append((self.env._("Household"), [
                (label("adult_count"), journey.adult_count),
                (label("child_count"), children_summary(self.env, children.mapped("age"))),
                (label("profile_ids"), ", ".join(journey.profile_ids.mapped("name"))),
                (label("project_horizon"), selection("project_horizon")),
            ]))
        if self.scope_jobs:
            adults = journey.household_member_ids.filtered(lambda m: m.role == "adult")
            sections.append((self.env._("Job search"), [
                # First names are identity: without that scope, adults are numbered.
                (member.name if self.scope_identity and member.name else
                 self.env._("Adult %(number)s", number=index + 1), " — ".join(filter(None, [
                    member.job_sought, member.sector,
                    self.env._("currently: %(occupation)s", occupation=member.occupation)
                    if member.occupation else ""])))
                for index, member in enumerate(adults)
            ]))
        if self.scope_housing:
            sections.append((self.env._("Housing"), [
                (label("housing_tenure"), selection("housing_tenure")),
                (label("housing_rooms"), journey.housing_rooms or ""),
                (label("housing_budget"), format_amount(
                    self.env, journey.housing_budget, journey.company_currency or self.env.company.currency_id)
                 if journey.housing_budget else ""),
                (label("wished_commune_ids"), ", ".join(journey.wished_commune_ids.mapped("name"))),
                (label("has_car"), self.env._("Yes") if journey.has_car else self.env._("No")),
            ]))
        if self.scope_business:
            sections.append((self.env._("Business project"), [
                (label("business_project"), journey.business_project),
            ]))
        return sections
