from odoo import fields, http
from odoo.http import request

from odoo.addons.ambassador_network.controllers.portal import AmbassadorFamilyPortal
from odoo.addons.territory_partner.controllers.portal import PartnerPortal


class StayPortal(AmbassadorFamilyPortal, PartnerPortal):
    """Stays on the ambassadors' and families' pages: where an ambassador is expected, and the
    family's next itinerary."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "expected_slot_count" in counters:
            values["expected_slot_count"] = len(self._expected_slots())
        return values

    @staticmethod
    def _expected_slots():
        """Where the signed-in person is expected, as far as a sponsorship or a share lets them know."""
        return request.env["territory.stay.slot"]._expected_for_portal_partner(request.env.user.partner_id)

    @http.route()
    def portal_my_sponsorships(self, **kw):
        response = super().portal_my_sponsorships(**kw)
        response.qcontext["expected_slots"] = self._expected_slots()
        return response

    @http.route()
    def portal_my_shared_journeys(self, page=1, **kw):
        response = super().portal_my_shared_journeys(page=page, **kw)
        response.qcontext["expected_slots"] = self._expected_slots()
        return response

    @staticmethod
    def _next_stay(journey_sudo):
        """:param journey_sudo: the family's own journey (ownership checked), or nothing"""
        return journey_sudo.sudo().stay_registration_ids.filtered(
            lambda r: r.state in ("draft", "open") and r.event_id.date_end >= fields.Datetime.now()
        ).sorted(lambda r: r.event_id.date_begin)[:1]

    @http.route()
    def portal_my_journey(self, error=None, typed=None, **kw):
        response = super().portal_my_journey(error=error, typed=typed, **kw)
        journey_sudo = response.qcontext.get("journey")
        if journey_sudo:
            response.qcontext["next_stay"] = self._next_stay(journey_sudo)
        return response

    @http.route("/my/journey/itinerary", type="http", auth="user", website=True)
    def portal_my_journey_itinerary(self, **kw):
        """The family's own programme as a PDF (its journey found by ownership first)."""
        next_stay = self._next_stay(self._own_journey())
        if not next_stay.stay_slot_ids:
            raise request.not_found()
        report = request.env.ref("territory_concierge_event.action_report_stay_itinerary").sudo()
        pdf, _ = report._render_qweb_pdf(report.report_name, next_stay.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"), ("Content-Length", len(pdf)),
            ("Content-Disposition", 'inline; filename="programme.pdf"')])
