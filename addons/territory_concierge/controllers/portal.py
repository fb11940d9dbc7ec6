from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..portal_rules import SHORT_LIMIT, TEXT_LIMIT, TITLE_LIMIT


class TerritoryPortal(CustomerPortal):
    """The base of the conciergerie's portal pages (households, partner organisations,
    ambassadors, stays), and the household's own page /my/journey.

    - One way to reach a record: ``_territory_record_or_404`` asks the record's model, as the
      signed-in user and before any superuser read, whether they may reach it
      (``_check_portal_access``); anything else answers 404.
    - Writes go through model methods that check the caller; the controller only validates
      the form and says what went wrong, keeping what was typed.
    - Messages go through Odoo's portal chatter.
    """

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # /my shows the household its card only when it has a journey to follow.
        values["is_family_portal"] = bool(request.env["crm.lead"]._family_own_journey())
        return values

    @staticmethod
    def _territory_record_or_404(model, record_id, access_token=None):
        """The record as its model's ``_check_portal_access`` returns it (as superuser once the
        current user is proven to reach it), or 404: a missing record, another person's, a
        closed one, a malformed id."""
        try:
            record = request.env[model].browse(int(record_id)).exists()
            if not record:
                raise MissingError(request.env._("This page does not exist."))
            return record._check_portal_access(access_token=access_token)
        except (AccessError, MissingError, ValueError, TypeError):
            raise request.not_found() from None

    def _territory_page_values(self, page_name, **values):
        """The values of one of the conciergerie's portal pages; modules add theirs by page
        (e.g. the stays: where a person is expected)."""
        page_values = self._prepare_portal_layout_values()
        # The limits the server checks, also on the forms' fields.
        page_values.update(text_limit=TEXT_LIMIT, title_limit=TITLE_LIMIT, short_limit=SHORT_LIMIT)
        page_values.update(values, page_name=page_name)
        return page_values

    # ------------------------------------------------------------
    # The household's page
    # ------------------------------------------------------------

    def _family_journey_or_404(self):
        journey_sudo = request.env["crm.lead"]._family_own_journey()
        if not journey_sudo:
            raise request.not_found()
        return journey_sudo

    def _family_page_values(self, journey_sudo, withdraw_consent=None):
        """What /my/journey shows: modules add their cards (the ambassador, the next stay)."""
        consents = journey_sudo.consent_ids.filtered("is_active")
        # "Withdraw" asks first: the page comes back with what the withdrawal would end.
        consent_to_withdraw = consents.filtered(lambda c: str(c.id) == withdraw_consent)
        return {
            "journey": journey_sudo,
            "requests": journey_sudo.request_ids.sorted("create_date", reverse=True),
            "request_types": request.env["territory.request.type"].sudo().search([]),
            "consents": consents,
            "consent_to_withdraw": consent_to_withdraw,
            "withdrawal_ends": consent_to_withdraw and journey_sudo._family_withdrawal_sentence(consent_to_withdraw),
            # Odoo's portal chatter on the journey, for this household only (crm.lead._get_thread_with_access).
            "object": journey_sudo.sudo(False), "token": journey_sudo.family_portal_token,
            "disable_composer": False,
        }

    @http.route("/my/journey", type="http", auth="user", website=True)
    def portal_my_journey(self, error=None, typed=None, withdraw_consent=None, **kw):
        journey_sudo = self._family_journey_or_404()
        values = self._territory_page_values(
            "journey", error=error, typed=typed or {}, **self._family_page_values(journey_sudo, withdraw_consent))
        return request.render("territory_concierge.portal_my_journey", values)

    @http.route("/my/journey/request", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_journey_request(self, name="", description="", type_id=None, **kw):
        journey = request.env["crm.lead"].browse(self._family_journey_or_404().id)
        try:
            journey.action_family_request(name, description, type_id)
        except UserError as error:
            return self.portal_my_journey(error=str(error), typed={
                "name": name, "description": description, "type_id": type_id})
        return request.redirect("/my/journey?done=request")

    @http.route("/my/journey/withdraw-consent", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_journey_withdraw_consent(self, consent_id=None, **kw):
        self._family_journey_or_404()
        consent = self._territory_record_or_404("territory.consent", consent_id).sudo(False)
        try:
            consent.action_family_withdraw()
        except UserError as error:
            return self.portal_my_journey(error=str(error))
        return request.redirect("/my/journey?done=withdraw-consent")
