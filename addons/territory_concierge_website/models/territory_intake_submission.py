import secrets
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.territory_concierge.models.territory_consent import CHANNEL_PROOF

from ..controllers.intake import FORM_URL

# How long the confirmation link of an application stays valid.
CONFIRMATION_VALIDITY = timedelta(days=30)
# What an application proves, written by the website's public paths (as superuser) only: the
# consents applying it records are dated and worded from them.
PROOF_FIELDS = {"email", "consents", "date_confirmed", "journey_id", "match_kind", "token"}


class TerritoryIntakeSubmission(models.Model):
    """One application sent through the public form, as typed, until it is proven and applied.

    An anonymous visitor proves nothing: what they typed is kept here. Their consents become
    the household's only once the e-mail address is proven (the confirmation link, double
    opt-in), and what they typed only reaches an existing journey when a concierge applies it.
    """

    _name = "territory.intake.submission"
    _description = "Application from the public form"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "contact_name"

    contact_name = fields.Char("Name typed", required=True, readonly=True)
    email = fields.Char("E-mail typed", required=True, readonly=True, index=True)
    phone = fields.Char("Phone typed", readonly=True)
    lang = fields.Char("Language", readonly=True)
    summary = fields.Text("Application", readonly=True, help="What the person typed, as sent.")
    journey_values = fields.Json("Journey values typed", readonly=True)
    household_members = fields.Json("Household members typed", readonly=True)
    consents = fields.Json("Consents given", readonly=True,
                           help="Purpose and exact wording of each box ticked; recorded once confirmed.")
    consent_summary = fields.Text("Consents given on the form", compute="_compute_consent_summary")
    profile_ids = fields.Many2many("territory.profile", string="Profiles typed", readonly=True)
    interest_ids = fields.Many2many("territory.interest", string="Interests typed", readonly=True)
    utm_campaign_raw = fields.Char("Campaign in the visitor's link", readonly=True)
    utm_source_raw = fields.Char("Source in the visitor's link", readonly=True)
    utm_medium_raw = fields.Char("Medium in the visitor's link", readonly=True)

    journey_id = fields.Many2one("crm.lead", "Journey", readonly=True, index=True, ondelete="cascade",
                                 help="The journey the application created, or the one of the same e-mail.")
    # The territory of the website it was sent from (the multi-company record rule of staff).
    company_id = fields.Many2one("res.company", "Territory", readonly=True, index=True,
                                 default=lambda self: self.env.company)
    match_kind = fields.Selection(
        [("new", "New household"), ("email", "Same e-mail as an existing journey"),
         ("phone", "Same phone as another journey")], "Match", required=True, readonly=True, default="new")
    possible_duplicate_id = fields.Many2one("crm.lead", "Possible duplicate of", readonly=True, ondelete="set null")
    state = fields.Selection(
        [("pending", "Waiting for the e-mail confirmation"), ("confirmed", "E-mail confirmed"),
         ("applied", "Applied"), ("discarded", "Discarded")],
        required=True, default="pending", readonly=True, tracking=True)
    date_confirmed = fields.Datetime("Confirmed on", readonly=True)
    activity_id = fields.Many2one("mail.activity", "Activity of the concierge", readonly=True, ondelete="set null")
    # The secret of the confirmation link: known to the e-mail's recipient, shown to nobody.
    token = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system",
                        default=lambda self: secrets.token_urlsafe(32))
    confirmation_url = fields.Char(compute="_compute_confirmation_url", groups="base.group_system")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_proof_fields(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_proof_fields([vals])
        return super().write(vals)

    @api.model
    def _check_proof_fields(self, vals_list):
        if not self.env.su and any(PROOF_FIELDS & set(vals) for vals in vals_list):
            raise AccessError(self.env._(
                "What an application of the website proves (its e-mail, consents, confirmation and "
                "journey) is written by the website only."))

    @api.depends("consents")
    def _compute_consent_summary(self):
        for submission in self:
            submission.consent_summary = "\n".join(f"- {consent['wording']}" for consent in submission.consents or [])

    def _compute_confirmation_url(self):
        # The link opens the website of the territory applied to (its own domain, when it has one).
        for submission in self:
            website = self.env["website"].sudo().search(
                [("company_id", "=", submission.company_id.id)], order="sequence, id", limit=1)
            submission.confirmation_url = \
                f"{(website or submission).get_base_url()}{FORM_URL}/confirmer/{submission.token}"

    @api.model
    def _find_by_token(self, token):
        """The submission of a confirmation link still valid, or an empty recordset."""
        if not token:
            return self.browse()
        return self.sudo().search([
            ("token", "=", token), ("create_date", ">=", fields.Datetime.now() - CONFIRMATION_VALIDITY)], limit=1)

    def _send_confirmation(self):
        """The double opt-in e-mail, made of what was typed only (never of a journey's data)."""
        template = self.env.ref("territory_concierge_website.mail_template_intake_confirm_address").sudo()
        for submission in self:
            # Not linked to the application: its secret link would be readable in the chatter,
            # and staff could confirm in the person's place.
            template.send_mail(submission.id, email_values={"model": False, "res_id": False})

    def _confirm(self):
        """The person proved the e-mail address.

        A new household's consents are recorded on the journey its application created. An
        existing household's journey is never changed by the link (its owner may have withdrawn
        consents the application gives again): the application is marked as proven, and the
        concierge records its consents by applying it. A discarded application records nothing.
        """
        now = fields.Datetime.now()
        for submission in self.filtered(lambda s: not s.date_confirmed and s.state != "discarded"):
            submission.write({"date_confirmed": now, "state": "confirmed" if submission.state == "pending"
                              else submission.state})
            journey = submission.journey_id
            if not journey or journey.email_normalized != submission.email:
                continue
            if submission.match_kind == "email":
                journey.message_post(
                    body=self.env._("The household confirmed the e-mail address of its new application on the "
                                    "website: its consents are recorded when you apply the application."),
                    subtype_xmlid="mail.mt_note")
                continue
            submission._record_consents(journey)
            journey.message_post(
                body=self.env._("The household confirmed its e-mail address: the consents of its application "
                                "on the website are recorded."),
                subtype_xmlid="mail.mt_note")

    def _record_consents(self, journey):
        """The consents of a proven application, dated when the address was proven."""
        self.ensure_one()
        journey.write({"consent_ids": [
            (0, 0, {"purpose": consent["purpose"], "wording": consent["wording"], "source": "web_form",
                    "date_given": self.date_confirmed, "channel_proof": CHANNEL_PROOF})
            for consent in self.consents or []]})

    def action_apply(self):
        """Fill what the journey lacks with what was typed; never overwrite what staff qualified.
        The consents given on the form are recorded only when the e-mail address was proven."""
        for submission in self:
            if submission.state not in ("pending", "confirmed") or submission.match_kind != "email":
                raise UserError(self.env._("Only a pending application of an existing household can be applied."))
            journey = submission.journey_id
            updates = {field: value for field, value in (submission.journey_values or {}).items()
                       if value and field in journey._fields and not journey[field]}
            if submission.profile_ids:
                updates["profile_ids"] = [(4, profile.id) for profile in submission.profile_ids]
            if submission.interest_ids:
                updates["interest_ids"] = [(4, interest.id) for interest in submission.interest_ids]
            if not journey.household_member_ids and submission.household_members:
                updates["household_member_ids"] = [(0, 0, member) for member in submission.household_members]
            journey.write(updates)
            if submission.date_confirmed:
                submission._record_consents(journey)
                consents_note = self.env._("Its consents, proven by the e-mail confirmation, are recorded.")
            else:
                consents_note = self.env._("Its consents are not recorded: the e-mail address was not confirmed.")
            journey.message_post(
                body=Markup("%s %s<pre>%s</pre>") % (
                    self.env._("The application of the website was applied by %(user)s.", user=self.env.user.name),
                    consents_note, submission.summary),
                subtype_xmlid="mail.mt_note")
            submission.state = "applied"
            submission._close_activity()

    def action_discard(self):
        for submission in self.filtered(lambda s: s.state in ("pending", "confirmed")):
            submission.state = "discarded"
            submission._close_activity()

    def _close_activity(self):
        for submission in self.filtered("activity_id"):
            submission.activity_id.action_feedback(
                feedback=dict(self._fields["state"]._description_selection(self.env))[submission.state])
