from odoo import fields, http
from odoo.http import request

from odoo.addons.territory_concierge.controllers.portal import TerritoryPortal
from odoo.addons.territory_concierge.portal_rules import STAY_REGISTRATION_OPEN_STATES

# The lists where a portal person sees where they are expected (an ambassador's sponsorships,
# a partner's shared journeys): their pages call territory_concierge.portal_page_extras.
EXPECTED_ON_PAGES = ("sponsorships", "shared_journeys")


class StayPortal(TerritoryPortal):
    """Stays on the portals: where an ambassador or a partner contact is expected, and the
    household's next stay and programme on its page."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "expected_slot_count" in counters:
            values["expected_slot_count"] = len(self._expected_slots())
        return values

    @staticmethod
    def _expected_slots():
        """Where the signed-in person is expected, as far as the household lets them know."""
        return request.env["territory.stay.slot"]._expected_for_portal_partner(request.env.user.partner_id)

    def _territory_page_values(self, page_name, **values):
        page_values = super()._territory_page_values(page_name, **values)
        # The lists only, not each record's page.
        if page_name in EXPECTED_ON_PAGES and not (values.get("sponsorship") or values.get("share")):
            page_values["expected_slots"] = self._expected_slots()
        return page_values

    @staticmethod
    def _next_stay(journey_sudo):
        """:param journey_sudo: the family's own journey (ownership checked), or nothing"""
        return journey_sudo.sudo().stay_registration_ids.filtered(
            lambda r: r.state in STAY_REGISTRATION_OPEN_STATES and r.event_id.date_end >= fields.Datetime.now()
        ).sorted(lambda r: r.event_id.date_begin)[:1]

    def _family_page_values(self, journey_sudo, withdraw_consent=None):
        values = super()._family_page_values(journey_sudo, withdraw_consent=withdraw_consent)
        values["next_stay"] = self._next_stay(journey_sudo)
        return values

    @http.route("/my/journey/itinerary", type="http", auth="user", website=True)
    def portal_my_journey_itinerary(self, **kw):
        """The family's own programme as a PDF (its journey found by ownership first)."""
        next_stay = self._next_stay(self._family_journey_or_404())
        if not next_stay.stay_slot_ids:
            raise request.not_found()
        report = request.env.ref("territory_concierge_event.action_report_stay_itinerary").sudo()
        pdf, _ = report._render_qweb_pdf(report.report_name, next_stay.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", 'inline; filename="programme.pdf"')])
