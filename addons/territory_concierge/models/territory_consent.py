from odoo import api, fields, models
from odoo.exceptions import UserError

# Sources staff record by hand. The others are the proof of a channel (the website form's
# confirmation, the campaign import, the household on its portal): set by that channel only.
STAFF_SOURCES = ("phone", "paper", "email")


class _ChannelProof:
    """The mark of a consent recorded by a server-side channel after its own checks: its source
    and date are the channel's proof. A Python object, which no RPC client can send."""

    def __repr__(self):
        return "CHANNEL_PROOF"


CHANNEL_PROOF = _ChannelProof()

CONSENT_PURPOSES = [
    ("concierge_contact", "Contact by the concierge"),
    ("partner_sharing", "Sharing with partner organisations"),
    ("ambassador", "Being put in touch with an ambassador"),
    ("newsletter", "Newsletters"),
    ("orientation", "Being oriented to another territory's welcome desk"),
]


class TerritoryConsent(models.Model):
    """A household's consent to one purpose, with its proof (when, how, the exact wording)."""

    _name = "territory.consent"
    _description = "Consent"
    _order = "date_given desc, id desc"
    _rec_name = "purpose"

    journey_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    # The journey's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    purpose = fields.Selection(CONSENT_PURPOSES, required=True)
    source = fields.Selection(
        [("web_form", "Web form"), ("phone", "Phone call"), ("import", "Import"),
         ("portal", "Portal"), ("paper", "Paper form"), ("email", "Email")],
        required=True, default="phone")
    wording = fields.Text("Wording shown", required=True, help="The exact sentence the person agreed to.")
    date_given = fields.Datetime("Given on", required=True, default=fields.Datetime.now)
    date_withdrawn = fields.Datetime("Withdrawn on", readonly=True)
    is_active = fields.Boolean("Active", compute="_compute_is_active", store=True)
    recorded_by_id = fields.Many2one("res.users", "Recorded by", default=lambda self: self.env.user, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        """The proof is the server's: whoever records the consent, now, by a means staff use by
        hand. Only superuser paths and the channels that mark their values with
        ``CHANNEL_PROOF`` (after their own checks) give another source or date."""
        channel = [vals.pop("channel_proof", None) is CHANNEL_PROOF for vals in vals_list]
        if not self.env.su:
            now = fields.Datetime.now()
            for vals, from_channel in zip(vals_list, channel, strict=True):
                vals["recorded_by_id"] = self.env.uid
                if not from_channel:
                    vals["date_given"] = now
        consents = super().create(vals_list)
        if not self.env.su:
            forged = [consent for consent, from_channel in zip(consents, channel, strict=True)
                      if not from_channel and consent.source not in STAFF_SOURCES]
            if forged:
                sources = dict(self._fields["source"]._description_selection(self.env))
                raise UserError(self.env._(
                    "A consent recorded by hand comes from a phone call, a paper form or an e-mail; "
                    "“%(channel)s” is recorded by that channel itself.", channel=sources[forged[0].source]))
        return consents

    def write(self, vals):
        """A consent is a proof: what was agreed, when, how and by whom never changes, and a
        withdrawal is final (a new consent is recorded when the person agrees again). Only the
        erasure of a household (as superuser) blanks the wording."""
        if not self.env.su:
            if set(vals) - {"date_withdrawn"}:
                raise UserError(self.env._(
                    "A consent is a proof and cannot be changed: withdraw it, or record a new one."))
            if not vals.get("date_withdrawn") or any(consent.date_withdrawn for consent in self):
                raise UserError(self.env._(
                    "A withdrawal is final: record a new consent if the person agrees again."))
        return super().write(vals)

    @api.onchange("purpose")
    def _onchange_purpose_wording(self):
        """Staff start from the territory's wording of the purpose (Configuration > Consent
        wordings), and change it to what the person was actually told."""
        if self.purpose and not self._origin.id:
            wording = self.env["territory.consent.wording"]._wording_of(
                self.journey_id.company_id or self.env.company, self.purpose)
            if wording:
                self.wording = wording

    @api.depends("date_withdrawn")
    def _compute_is_active(self):
        for consent in self:
            consent.is_active = not consent.date_withdrawn

    def _check_portal_access(self, access_token=None):
        """The portal convention (territory_concierge.controllers.portal): a household reaches
        the consents of its own journey only, signed in."""
        self.ensure_one()
        self.sudo().journey_id._check_family_access()
        return self.sudo()

    def action_family_withdraw(self):
        """The household withdraws one of its own consents from its page (/my/journey).

        :raise AccessError: anyone but the household of the consent's journey
        """
        self.ensure_one()
        self.sudo().journey_id._check_family_access()
        consent = self.sudo()
        if not consent.is_active:
            raise UserError(self.env._("This consent is already withdrawn."))
        consent.with_context(withdrawn_from_portal=True).action_withdraw()

    def action_withdraw(self):
        withdrawn = self.filtered("is_active")
        withdrawn.write({"date_withdrawn": fields.Datetime.now()})
        # In the same transaction: what these consents allowed (partner shares, an ambassador's
        # access) ends with them.
        withdrawn.journey_id._revoke_consented_access(withdrawn)
        for journey in self.journey_id:
            journey.message_post(body=self.env._("Consent withdrawn: %(purposes)s", purposes=", ".join(
                dict(self._fields["purpose"]._description_selection(self.env))[c.purpose]
                for c in self if c.journey_id == journey)))
