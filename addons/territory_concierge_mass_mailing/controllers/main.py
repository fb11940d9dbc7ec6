from odoo.http import request

from odoo.addons.mass_mailing.controllers.main import MassMailController


class NewsletterMassMailController(MassMailController):
    """Odoo's mailing pages, for the conciergerie's newsletter list (see mailing.subscription)."""

    def _check_mailing_email_token(self, mailing_id, document_id, email, hash_token, required_mailing_id=False):
        """Once Odoo checked the token of a mailing's link, the opt-outs of this request carry
        it, so that the list's sync knows the address is the recipient's (it checks it again)."""
        mailing_sudo = super()._check_mailing_email_token(
            mailing_id, document_id, email, hash_token, required_mailing_id=required_mailing_id)
        if hash_token:
            proof = (int(mailing_id), document_id, email, hash_token)
            request.update_context(territory_newsletter_token=proof)
            mailing_sudo = mailing_sudo.with_context(territory_newsletter_token=proof)
        return mailing_sudo

    def _prepare_mailing_subscription_values(self, mailing, document_id, email, hash_token):
        """A portal user's preferences page (signed in, no token) lists the newsletter only when
        no other household consented to it for the e-mail of their account: that e-mail is typed
        by the user and never verified, and opting out would not be theirs to do."""
        values = super()._prepare_mailing_subscription_values(mailing, document_id, email, hash_token)
        newsletter = request.env["mailing.list"]._newsletter_list()
        subscriptions = values["contacts"].subscription_ids.filtered(lambda s: s.list_id == newsletter)
        if not (newsletter and subscriptions) or hash_token:
            return values
        own_journey = subscriptions._newsletter_session_journey()
        if own_journey is not None and subscriptions._newsletter_consents() - own_journey.consent_ids:
            for key in ("lists_contacts", "lists_optin", "lists_optout"):
                values[key] -= newsletter
        return values
