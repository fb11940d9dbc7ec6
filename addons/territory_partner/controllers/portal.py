from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.territory_concierge.controllers.portal import TerritoryPortal
from odoo.addons.territory_concierge.portal_rules import (
    SHARE_OPEN_STATES,
    SHORT_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    too_long,
)

from ..models.territory_opportunity import CONTRACT_TYPES, OPPORTUNITY_KINDS

OFFER_TEXT_LIMITS = {"name": TITLE_LIMIT, "sector": SHORT_LIMIT, "description": TEXT_LIMIT}


class PartnerPortal(TerritoryPortal):
    """The partner organisations' pages: the journeys shared with them, their opportunities.

    Every route reads as the signed-in user (record rules decide), records through the core's
    ``_territory_record_or_404``; the few writes that need more go through model methods that
    check the user's access first.
    """

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # /my shows the organisation's cards to its contacts only.
        values["is_partner_portal"] = self._is_partner_contact()
        return values

    @staticmethod
    def _is_partner_contact():
        user = request.env.user
        return user._is_portal() and bool(user.commercial_partner_id.organisation_type)

    # ------------------------------------------------------------
    # Shared journeys
    # ------------------------------------------------------------

    @http.route(["/my/shared-journeys", "/my/shared-journeys/page/<int:page>"], type="http", auth="user",
                website=True)
    def portal_my_shared_journeys(self, page=1, **kw):
        if not self._is_partner_contact():
            raise request.not_found()
        Share = request.env["territory.share"]
        domain = [("state", "in", SHARE_OPEN_STATES)]
        pager = portal_pager(url="/my/shared-journeys", total=Share.search_count(domain), page=page,
                             step=self._items_per_page)
        shares = Share.search(domain, limit=self._items_per_page, offset=pager["offset"])
        # An organisation working for several territories sees which desk shared each journey
        # (sudo: the name of a territory its portal user does not belong to).
        territories = {share.id: share.company_id.name for share in shares.sudo()}
        values = self._territory_page_values(
            "shared_journeys", shares=shares, pager=pager, default_url="/my/shared-journeys",
            territories=territories if len(set(territories.values())) > 1 else {})
        return request.render("territory_partner.portal_my_shared_journeys", values)

    @http.route("/my/shared-journeys/<int:share_id>", type="http", auth="user", website=True)
    def portal_my_shared_journey(self, share_id, error=None, **kw):
        share_sudo = self._territory_record_or_404("territory.share", share_id)
        share_sudo.with_user(request.env.user)._log_partner_view()
        values = self._territory_page_values(
            "shared_journeys", share=share_sudo, sections=share_sudo._get_shared_sections(),
            error=error, feedback=kw.get("feedback", ""),
            outcomes=share_sudo._fields["outcome"]._description_selection(request.env),
            object=request.env["territory.share"].browse(share_id))
        return request.render("territory_partner.portal_my_shared_journey", values)

    @http.route("/my/shared-journeys/<int:share_id>/answer", type="http", auth="user", website=True,
                methods=["POST"])
    def portal_shared_journey_answer(self, share_id, answer=None, feedback="", outcome=None, **kw):
        share = self._territory_record_or_404("territory.share", share_id).sudo(False)
        feedback = (feedback or "").strip()
        try:
            if message := too_long(request.env, feedback, TEXT_LIMIT):
                raise UserError(message)
            if answer == "accept":
                share.action_partner_accept(feedback)
            elif answer == "decline":
                share.action_partner_decline(feedback)
            else:
                share.action_partner_feedback(feedback, outcome or False)
        except UserError as error:
            return self.portal_my_shared_journey(share_id, error=str(error), feedback=feedback)
        if answer == "decline":
            return request.redirect("/my/shared-journeys?declined=1")
        return request.redirect(f"/my/shared-journeys/{share_id}?answered=1")

    # ------------------------------------------------------------
    # The organisation's opportunities
    # ------------------------------------------------------------

    @http.route("/my/offers", type="http", auth="user", website=True)
    def portal_my_offers(self, **kw):
        if not self._is_partner_contact():
            raise request.not_found()
        values = self._territory_page_values(
            "offers", offers=request.env["territory.opportunity"].with_context(active_test=False).search([]))
        return request.render("territory_partner.portal_my_offers", values)

    @http.route(["/my/offers/new", "/my/offers/<int:offer_id>"], type="http", auth="user", website=True)
    def portal_my_offer(self, offer_id=None, **kw):
        if not self._is_partner_contact():
            raise request.not_found()
        offer = request.env["territory.opportunity"]
        if offer_id:
            offer = self._territory_record_or_404("territory.opportunity", offer_id)
        return self._render_offer_form(offer, {}, {})

    def _render_offer_form(self, offer, typed, errors):
        """The offer form, filled with what was typed (after an error) or the offer's values."""
        form = {
            "name": offer.name or "", "kind": offer.kind or "job", "sector": offer.sector or "",
            "commune_id": str(offer.commune_id.id or ""), "contract_type": offer.contract_type or "",
            "positions": offer.positions or "", "housing_rooms": offer.housing_rooms or "",
            "price": int(offer.price) if offer.price else "", "description": offer.description or "",
            "closed": bool(offer) and offer.state != "open",
        }
        if typed:
            form.update({name: typed.get(name, "") for name in form}, closed=bool(typed.get("closed")))
        values = self._territory_page_values(
            "offers", offer=offer, form=form, errors=errors,
            kinds=offer._fields["kind"]._description_selection(request.env),
            contracts=offer._fields["contract_type"]._description_selection(request.env),
            # The communes loaded are the territory's (managers load its départements or EPCI).
            communes=request.env["territory.commune"].search([]))
        return request.render("territory_partner.portal_my_offer", values)

    def _offer_values(self, form):
        """Values to write from the posted form, and the errors by field (translated)."""
        errors, values = {}, {}
        for name, limit in OFFER_TEXT_LIMITS.items():
            text = (form.get(name) or "").strip()
            if message := too_long(request.env, text, limit):
                errors[name] = message
            values[name] = text
        if not values["name"]:
            errors["name"] = request.env._("Give the offer a title.")
        values["kind"] = form.get("kind")
        if values["kind"] not in dict(OPPORTUNITY_KINDS):
            errors["kind"] = request.env._("Choose what kind of offer it is.")
        contract = form.get("contract_type") or False
        if contract and contract not in dict(CONTRACT_TYPES):
            errors["contract_type"] = request.env._("Choose a contract from the list.")
        values["contract_type"] = contract
        for name in ("positions", "housing_rooms", "price"):
            raw = (form.get(name) or "").strip()
            try:
                number = int(raw) if raw else 0
                if number < 0 or number > 10_000_000:
                    raise ValueError
                values[name] = number
            except ValueError:
                errors[name] = request.env._("Enter a whole positive number.")
        commune = request.env["territory.commune"].browse(int(form["commune_id"])).exists() \
            if (form.get("commune_id") or "").isdigit() else False
        values["commune_id"] = commune.id if commune else False
        values["state"] = "closed" if form.get("closed") else "open"
        return values, errors

    @http.route("/my/offers/save", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_offer_save(self, offer_id=None, **form):
        if not self._is_partner_contact():
            raise request.not_found()
        Opportunity = request.env["territory.opportunity"]
        offer = Opportunity
        if offer_id:
            offer = self._territory_record_or_404("territory.opportunity", offer_id)
            try:
                offer.check_access("write")
            except AccessError:
                raise request.not_found() from None
        values, errors = self._offer_values(form)
        if errors:
            return self._render_offer_form(offer, form, errors)
        if offer:
            offer.write(values)
        else:
            offer = Opportunity.create({
                **values, "partner_org_id": request.env.user.commercial_partner_id.id,
                "contact_id": request.env.user.partner_id.id})
        return request.redirect("/my/offers?saved=1")
