from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import consteq, email_normalize

# Written with an opt-out: kept away from a subscription whose opt-out is not this user's to make.
OPT_OUT_FIELDS = ("opt_out", "opt_out_datetime", "opt_out_reason_id")


class MailingSubscription(models.Model):
    _inherit = "mailing.subscription"

    def write(self, vals):
        """Opting out of the newsletter list, whichever way (the unsubscribe link of a mailing,
        the recipient's preferences page, staff in Email Marketing), withdraws the households'
        newsletter consents, logged on their journeys like any withdrawal.

        A portal user signed in without a mailing's token acts for the e-mail of their account,
        which they type themselves (Odoo's portal address form, never verified): they withdraw
        the consent of their own household's journey only, and an address other households
        consented for stays on the list."""
        newsletter = self.env["mailing.list"]._newsletter_list()
        opted_in = self.filtered(lambda s: s.list_id == newsletter and not s.opt_out) if newsletter else self.browse()
        own_journey = opted_in._newsletter_session_journey() if opted_in and vals.get("opt_out") else None
        subscriptions = self
        if own_journey is not None:
            others = opted_in._newsletter_consents() - own_journey.consent_ids
            kept = opted_in.filtered(
                lambda s: s.contact_id.email_normalized in set(others.journey_id.mapped("email_normalized")))
            if kept:
                other_vals = {key: value for key, value in vals.items() if key not in OPT_OUT_FIELDS}
                if other_vals:
                    super(MailingSubscription, kept).write(other_vals)
                opted_in -= kept
                subscriptions -= kept
                if not subscriptions:
                    return True
        result = super(MailingSubscription, subscriptions).write(vals)
        opted_out = opted_in.filtered("opt_out")
        if opted_out:
            # As superuser: the consequence of the opt-out this user (or the recipient's token)
            # was allowed to make.
            consents = opted_out._newsletter_consents()
            if own_journey is not None:
                consents &= own_journey.consent_ids
            consents.action_withdraw()
        return result

    def _newsletter_consents(self, anonymised=True):
        """The active newsletter consents of these subscriptions' addresses, as superuser."""
        emails = [email for email in self.contact_id.mapped("email_normalized") if email]
        domain = [("email_normalized", "in", emails)]
        if not anonymised:
            domain.append(("anonymised_date", "=", False))
        return self.env["territory.consent"].sudo().search([
            ("purpose", "=", "newsletter"), ("is_active", "=", True),
            ("journey_id", "in", self.env["crm.lead"].sudo().with_context(active_test=False)._search(domain)),
        ])

    def _newsletter_session_journey(self):
        """The journeys whose newsletter consent the current user's opt-out of these subscriptions
        may withdraw: None for all of their addresses' (staff, the anonymous recipient with the
        token of their link, a signed-in user whose link's token is checked again here), else
        (a portal user through their session) their household's own journey, if any."""
        if not self.env.user._is_portal():
            return None
        token_email = self._newsletter_token_email()
        if token_email and set(self.contact_id.mapped("email_normalized")) == {token_email}:
            return None
        return self.env["crm.lead"]._family_own_journey()

    @api.model
    def _newsletter_token_email(self):
        """The address proven by the token of a mailing's link (``territory_newsletter_token`` of
        the context, set by the mailing pages once Odoo checked it), checked again, or False."""
        proof = self.env.context.get("territory_newsletter_token")
        if not isinstance(proof, (tuple, list)) or len(proof) != 4:
            return False
        mailing_id, document_id, email, hash_token = proof
        if not (isinstance(mailing_id, int) and isinstance(email, str) and isinstance(hash_token, str)):
            return False
        mailing = self.env["mailing.mailing"].sudo().browse(mailing_id).exists()
        try:
            expected = mailing._generate_mailing_recipient_token(document_id, email) if mailing else None
        except (TypeError, ValueError):
            return False
        return email_normalize(email) if expected and consteq(expected, hash_token) else False

    @api.constrains("opt_out", "list_id", "contact_id")
    def _check_newsletter_consent(self):
        """Only households who consented to the newsletter are (opted in) on its list."""
        newsletter = self.env["mailing.list"]._newsletter_list()
        subscribed = self.filtered(lambda s: s.list_id == newsletter and not s.opt_out) if newsletter else self.browse()
        if not subscribed:
            return
        consented = set(subscribed._newsletter_consents(anonymised=False).journey_id.mapped("email_normalized"))
        refused = subscribed.filtered(lambda s: s.contact_id.email_normalized not in consented)
        if refused:
            raise ValidationError(self.env._(
                "Only households who consented to the newsletter are on the list \u201c%(list)s\u201d: record "
                "the consent on their journey first (%(emails)s).",
                list=newsletter.name, emails=", ".join(refused.contact_id.mapped("email"))))
