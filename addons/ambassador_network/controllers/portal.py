from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_list

from odoo.addons.portal.controllers.portal import CustomerPortal

OPEN_STATES = ("proposed", "accepted", "active")
TEXT_LIMIT = 5000
TITLE_LIMIT = 200
MAX_CAPACITY = 5


class AmbassadorFamilyPortal(CustomerPortal):
    """Ambassadors' pages (their sponsorships, their profile) and the family's page (its journey).

    Reads go through the signed-in user's rights (record rules) or, for the family's own
    journey, through an ownership check done first; writes go through model methods that
    check the caller.
    """

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # Which of these pages are the signed-in person's: /my shows their cards only.
        values["is_ambassador_portal"] = self._is_ambassador()
        values["is_family_portal"] = bool(self._own_journey())
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
        values = self._prepare_portal_layout_values()
        values.update({
            "sponsorships": request.env["territory.sponsorship"].search(
                [("ambassador_id", "=", request.env.user.partner_id.id), ("state", "in", OPEN_STATES)]),
            "page_name": "sponsorships",
        })
        return request.render("ambassador_network.portal_my_sponsorships", values)

    def _sponsorship_or_404(self, sponsorship_id):
        try:
            return request.env["territory.sponsorship"].browse(sponsorship_id).exists()._check_ambassador_access()
        except (AccessError, MissingError, ValueError):
            raise request.not_found() from None

    @http.route("/my/sponsorships/<int:sponsorship_id>", type="http", auth="user", website=True)
    def portal_my_sponsorship(self, sponsorship_id, error=None, **kw):
        sponsorship_sudo = self._sponsorship_or_404(sponsorship_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "sponsorship": sponsorship_sudo, "sections": sponsorship_sudo._get_shared_sections(),
            "page_name": "sponsorships", "error": error, "typed": kw, "today": fields.Date.context_today(
                sponsorship_sudo),
            "meeting_kinds": request.env["territory.sponsorship.meeting"]._fields["kind"]._description_selection(
                request.env),
        })
        return request.render("ambassador_network.portal_my_sponsorship", values)

    @http.route("/my/sponsorships/<int:sponsorship_id>/<string:action>", type="http", auth="user",
                website=True, methods=["POST"])
    def portal_my_sponsorship_action(self, sponsorship_id, action, **form):
        self._sponsorship_or_404(sponsorship_id)
        sponsorship = request.env["territory.sponsorship"].browse(sponsorship_id)
        text = (form.get("note") or "").strip()
        try:
            if len(text) > TEXT_LIMIT:
                raise UserError(request.env._("At most %(limit)s characters.", limit=TEXT_LIMIT))
            if action == "agree":
                sponsorship.action_ambassador_agree()
            elif action == "decline":
                sponsorship.action_ambassador_decline(text)
                return request.redirect("/my/sponsorships")
            elif action == "meeting":
                try:
                    date = fields.Date.to_date(form.get("date"))
                except ValueError:
                    date = None
                if not date or date > fields.Date.context_today(sponsorship):
                    raise UserError(request.env._("Give the date of the meeting (today or before)."))
                kinds = dict(request.env["territory.sponsorship.meeting"]._fields["kind"].selection)
                sponsorship.action_log_meeting(date, form.get("kind") if form.get("kind") in kinds else "other", text)
            elif action == "concern":
                sponsorship.action_raise_concern(text)
            else:
                raise request.not_found()
        except UserError as error:
            return self.portal_my_sponsorship(sponsorship_id, error=str(error), **form)
        return request.redirect(f"/my/sponsorships/{sponsorship_id}?done={action}")

    @http.route("/my/ambassador", type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_my_ambassador_profile(self, **form):
        if not self._is_ambassador():
            raise request.not_found()
        partner = request.env.user.partner_id
        # The ambassador edits their own contact, and only these fields of it.
        partner_sudo = partner.sudo()
        errors = {}
        if request.httprequest.method == "POST":
            availability = (form.get("availability") or "").strip()
            languages = (form.get("languages") or "").strip()
            capacity = form.get("capacity", "")
            if len(availability) > TEXT_LIMIT:
                errors["availability"] = request.env._("At most %(limit)s characters.", limit=TEXT_LIMIT)
            if len(languages) > TITLE_LIMIT:
                errors["languages"] = request.env._("At most %(limit)s characters.", limit=TITLE_LIMIT)
            if not capacity.isdigit() or not 0 <= int(capacity) <= MAX_CAPACITY:
                errors["capacity"] = request.env._("Between 0 and %(max)s households.", max=MAX_CAPACITY)
            if not errors:
                partner_sudo.write({"ambassador_availability": availability, "ambassador_languages": languages,
                                    "sponsorship_capacity": int(capacity)})
                return request.redirect("/my/ambassador?saved=1")
        values = self._prepare_portal_layout_values()
        values.update({"ambassador": partner_sudo, "errors": errors, "typed": form, "page_name": "ambassador",
                       "max_capacity": MAX_CAPACITY})
        return request.render("ambassador_network.portal_my_ambassador", values)

    # ------------------------------------------------------------
    # Families
    # ------------------------------------------------------------

    @staticmethod
    def _own_journey():
        """The signed-in person's own journey: the one their household was invited to the portal
        from (``family_journey_id``, set by staff only), never another lead that names the same
        contact, whoever created it. As superuser: families have no rights on journeys; the key
        and the ownership are checked here."""
        user = request.env.user
        if not user._is_portal():
            return request.env["crm.lead"]
        journey = user.partner_id.sudo().family_journey_id
        if not (journey.active and journey.is_journey and not journey.anonymised_date
                and journey.partner_id == user.partner_id):
            return request.env["crm.lead"]
        return journey

    @http.route("/my/journey", type="http", auth="user", website=True)
    def portal_my_journey(self, error=None, typed=None, withdraw_consent=None, **kw):
        journey_sudo = self._own_journey()
        if not journey_sudo:
            raise request.not_found()
        sponsorship = journey_sudo.sponsorship_ids.filtered(lambda s: s.state in OPEN_STATES)[:1]
        consents = journey_sudo.consent_ids.filtered("is_active")
        # "Withdraw" asks first: the page comes back with what the withdrawal would end.
        consent_to_withdraw = consents.filtered(lambda c: str(c.id) == withdraw_consent)
        values = self._prepare_portal_layout_values()
        values.update({
            "journey": journey_sudo, "page_name": "journey", "error": error, "typed": typed or {},
            "sponsorship": sponsorship,
            "requests": journey_sudo.request_ids.sorted("create_date", reverse=True),
            "request_types": request.env["territory.request.type"].sudo().search([]),
            "consents": consents,
            "consent_to_withdraw": consent_to_withdraw,
            "withdrawal_ends": consent_to_withdraw and self._what_withdrawal_ends(
                consent_to_withdraw, journey_sudo, sponsorship),
            "messages": journey_sudo.message_ids.filtered(
                lambda m: m.message_type == "comment" and not m.subtype_id.internal and m.body),
        })
        return request.render("ambassador_network.portal_my_journey", values)

    @staticmethod
    def _what_withdrawal_ends(consent, journey_sudo, sponsorship):
        """What withdrawing this consent ends, said to the household before it confirms."""
        env = request.env
        # The partner organisations module is optional: name the organisations when it is there.
        shares = env["territory.share"].sudo().search(
            [("journey_id", "=", journey_sudo.id), ("state", "in", ("proposed", "accepted"))]
        ) if "territory.share" in env else []
        if consent.purpose == "ambassador" and sponsorship:
            return env._("Your sponsorship with %(ambassador)s will end.",
                         ambassador=sponsorship.ambassador_id.name)
        if consent.purpose == "partner_sharing" and shares:
            return env._("The partner organisations your journey is shared with (%(organisations)s) "
                         "will no longer see it.",
                         organisations=format_list(env, shares.partner_org_id.mapped("name")))
        return {
            "ambassador": env._("The conciergerie will no longer put you in touch with an ambassador."),
            "partner_sharing": env._("The conciergerie will no longer share your journey with partner organisations."),
            "concierge_contact": env._("The conciergerie will no longer contact you about your project."),
            "newsletter": env._("You will no longer receive the conciergerie's newsletters."),
        }.get(consent.purpose) or env._("The conciergerie will no longer use your details for this purpose.")

    @http.route("/my/journey/<string:action>", type="http", auth="user", website=True, methods=["POST"])
    def portal_my_journey_action(self, action, **form):
        journey_sudo = self._own_journey()
        if not journey_sudo:
            raise request.not_found()
        text = (form.get("description") or form.get("message") or "").strip()
        try:
            if len(text) > TEXT_LIMIT:
                raise UserError(request.env._("At most %(limit)s characters.", limit=TEXT_LIMIT))
            if action == "request":
                title = (form.get("name") or "").strip()
                if not title or len(title) > TITLE_LIMIT:
                    raise UserError(request.env._("Give your request a short title (at most %(limit)s characters).",
                                      limit=TITLE_LIMIT))
                request_type = request.env["territory.request.type"].sudo().browse(
                    int(form["type_id"]) if (form.get("type_id") or "").isdigit() else 0).exists()
                journey_sudo.env["territory.request"].create({
                    "journey_id": journey_sudo.id, "name": title, "description": text,
                    "type_id": request_type.id or request.env.ref("territory_concierge.request_type_question").id})
            elif action == "message":
                if not text:
                    raise UserError(request.env._("Write your message first."))
                journey_sudo.message_post(body=text, author_id=request.env.user.partner_id.id,
                                          message_type="comment", subtype_xmlid="mail.mt_comment",
                                          partner_ids=journey_sudo.user_id.partner_id.ids)
            elif action == "agree-ambassador":
                sponsorship = journey_sudo.sponsorship_ids.filtered(lambda s: s.state == "proposed")[:1]
                if not sponsorship:
                    raise UserError(request.env._("There is no ambassador to agree to."))
                sponsorship.with_user(request.env.user).sudo()._agree("family")
            elif action == "withdraw-consent":
                consent = journey_sudo.consent_ids.filtered(
                    lambda c: str(c.id) == form.get("consent_id") and c.is_active)
                if not consent:
                    raise request.not_found()
                consent.with_context(withdrawn_from_portal=True).action_withdraw()
            else:
                raise request.not_found()
        except UserError as error:
            return self.portal_my_journey(error=str(error), typed=form)
        return request.redirect(f"/my/journey?done={action}")
