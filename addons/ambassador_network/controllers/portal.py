from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.territory_concierge.controllers.portal import TerritoryPortal
from odoo.addons.territory_concierge.portal_rules import (
    SPONSORSHIP_OPEN_STATES,
    TEXT_LIMIT,
    TITLE_LIMIT,
    too_long,
)


class AmbassadorPortal(TerritoryPortal):
    """Ambassadors' pages (their sponsorships, their profile), and the ambassador's card on the
    household's page.

    Sponsorships are reached through the core's ``_territory_record_or_404`` (the sponsorship's
    own ambassador, while it is open); each action is its own POST route calling the model's
    method, which checks the caller.
    """

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # Which of these pages are the signed-in person's: /my shows their cards only.
        values["is_ambassador_portal"] = self._is_ambassador()
        return values

    @staticmethod
    def _is_ambassador():
        return bool(request.env.user.partner_id.is_ambassador)

    # ------------------------------------------------------------
    # Ambassadors
    # ------------------------------------------------------------

    @http.route("/my/sponsorships", type="http", auth="user", website=True)
    def portal_my_sponsorships(self, **kw):
        if not self._is_ambassador():
            raise request.not_found()
        values = self._territory_page_values("sponsorships", sponsorships=request.env["territory.sponsorship"].search(
            [("ambassador_id", "=", request.env.user.partner_id.id), ("state", "in", SPONSORSHIP_OPEN_STATES)]))
        return request.render("ambassador_network.portal_my_sponsorships", values)

    @http.route("/my/sponsorships/<int:sponsorship_id>", type="http", auth="user", website=True)
    def portal_my_sponsorship(self, sponsorship_id, error=None, typed=None, **kw):
        sponsorship_sudo = self._territory_record_or_404("territory.sponsorship", sponsorship_id)
        values = self._territory_page_values(
            "sponsorships", sponsorship=sponsorship_sudo, sections=sponsorship_sudo._get_shared_sections(),
            error=error, typed=typed or {}, today=fields.Date.context_today(sponsorship_sudo),
            meeting_kinds=request.env["territory.sponsorship.meeting"]._fields["kind"]._description_selection(
                request.env))
        return request.render("ambassador_network.portal_my_sponsorship", values)

    def _sponsorship_action(self, sponsorship_id, action, call, form, redirect=None):
        """Run ``call(sponsorship)`` as the signed-in user (the model method checks them); on a
        refusal the page comes back with the message and what was typed."""
        sponsorship = self._territory_record_or_404("territory.sponsorship", sponsorship_id).sudo(False)
        try:
            if message := too_long(request.env, (form.get("note") or "").strip()):
                raise UserError(message)
            call(sponsorship)
        except UserError as error:
            return self.portal_my_sponsorship(sponsorship_id, error=str(error), typed={**form, "action": action})
        return request.redirect(redirect or f"/my/sponsorships/{sponsorship_id}?done={action}")

    @http.route("/my/sponsorships/<int:sponsorship_id>/agree", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_sponsorship_agree(self, sponsorship_id, **form):
        return self._sponsorship_action(sponsorship_id, "agree", lambda s: s.action_ambassador_agree(), form)

    @http.route("/my/sponsorships/<int:sponsorship_id>/decline", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_sponsorship_decline(self, sponsorship_id, **form):
        return self._sponsorship_action(
            sponsorship_id, "decline", lambda s: s.action_ambassador_decline((form.get("note") or "").strip()), form,
            redirect="/my/sponsorships")

    @http.route("/my/sponsorships/<int:sponsorship_id>/meeting", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_sponsorship_meeting(self, sponsorship_id, **form):
        def log_meeting(sponsorship):
            try:
                date = fields.Date.to_date(form.get("date"))
            except ValueError:
                date = None
            if not date or date > fields.Date.context_today(sponsorship):
                raise UserError(request.env._("Give the date of the meeting (today or before)."))
            kinds = dict(request.env["territory.sponsorship.meeting"]._fields["kind"].selection)
            sponsorship.action_log_meeting(date, form.get("kind") if form.get("kind") in kinds else "other",
                                           (form.get("note") or "").strip())
        return self._sponsorship_action(sponsorship_id, "meeting", log_meeting, form)

    @http.route("/my/sponsorships/<int:sponsorship_id>/concern", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_my_sponsorship_concern(self, sponsorship_id, **form):
        return self._sponsorship_action(
            sponsorship_id, "concern", lambda s: s.action_raise_concern((form.get("note") or "").strip()), form)

    @http.route("/my/ambassador", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_my_ambassador_profile(self, **form):
        if not self._is_ambassador():
            raise request.not_found()
        partner = request.env.user.partner_id
        # The conciergerie's setting, which the model's constraint also holds to.
        max_capacity = partner._max_sponsorship_capacity()
        errors = {}
        if request.httprequest.method == "POST":
            availability = (form.get("availability") or "").strip()
            languages = (form.get("languages") or "").strip()
            capacity = form.get("capacity", "")
            if message := too_long(request.env, availability, TEXT_LIMIT):
                errors["availability"] = message
            if message := too_long(request.env, languages, TITLE_LIMIT):
                errors["languages"] = message
            if not capacity.isdigit() or not 0 <= int(capacity) <= max_capacity:
                errors["capacity"] = request.env._("Between 0 and %(max)s households.", max=max_capacity)
            if not errors:
                partner.action_ambassador_update_profile(availability, languages, int(capacity))
                return request.redirect("/my/ambassador?saved=1")
        values = self._territory_page_values("ambassador", ambassador=partner.sudo(), errors=errors, typed=form,
                                             max_capacity=max_capacity)
        return request.render("ambassador_network.portal_my_ambassador", values)

    # ------------------------------------------------------------
    # The household's page: its ambassador
    # ------------------------------------------------------------

    def _family_page_values(self, journey_sudo, withdraw_consent=None):
        values = super()._family_page_values(journey_sudo, withdraw_consent=withdraw_consent)
        values["sponsorship"] = journey_sudo.sponsorship_ids.filtered(lambda s: s.state in SPONSORSHIP_OPEN_STATES)[:1]
        return values

    @http.route("/my/journey/agree-ambassador", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_journey_agree_ambassador(self, **kw):
        journey = request.env["crm.lead"].browse(self._family_journey_or_404().id)
        try:
            journey.action_family_agree_ambassador()
        except UserError as error:
            return self.portal_my_journey(error=str(error))
        return request.redirect("/my/journey?done=agree-ambassador")
