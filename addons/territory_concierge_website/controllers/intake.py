import logging

from odoo import http
from odoo.http import request
from odoo.tools import escape_psql

_logger = logging.getLogger(__name__)

FORM_URL = "/s-installer"
# The address of the first release, in links already published (campaigns, e-mails sent).
LEGACY_FORM_URL = "/s-installer-en-haute-marne"
TEXT_LIMITS = {"last_name": 100, "first_name": 100, "email": 254, "phone": 30, "origin_city": 100,
               "origin_zip": 10, "job_sought": 200, "business_project": 2000, "wished_area": 200,
               "message": 5000}
MAX_ADULTS, MAX_CHILDREN = 10, 15


class IntakeForm(http.Controller):

    def _form_choices(self):
        env = request.env
        return {
            "profiles": env["territory.profile"].sudo().search([]),
            "interests": env["territory.interest"].sudo().search([]),
            "horizons": env["crm.lead"]._fields["project_horizon"]._description_selection(env),
            "housing_tenures": env["crm.lead"]._fields["housing_tenure"]._description_selection(env),
            # The boxes of the website's territory (Configuration > Consent wordings); the wording
            # is stored with the consent as the proof of what the person agreed to, in the
            # language they saw it.
            "consents": env["territory.consent.wording"]._web_form_boxes(request.website.company_id),
        }

    def _render_form(self, values=None, errors=None, status=200):
        return request.render("territory_concierge_website.intake_form_page", {
            **self._form_choices(),
            "values": values or {},
            "errors": errors or {},
            "form_url": FORM_URL,
            "territory_place": request.website.company_id.territory_place_label,
        }, status=status)

    @http.route(FORM_URL, type="http", auth="public", website=True, sitemap=True, methods=["GET"])
    def intake_form(self, **kwargs):
        return self._render_form()

    @http.route(LEGACY_FORM_URL, type="http", auth="public", website=True, sitemap=False, methods=["GET"])
    def intake_form_legacy(self, **kwargs):
        """The first release's address: moved for good, its campaign parameters kept."""
        query = request.httprequest.query_string.decode()
        return request.redirect(f"{FORM_URL}?{query}" if query else FORM_URL, code=301)

    @http.route(f"{FORM_URL}/merci", type="http", auth="public", website=True, sitemap=False, methods=["GET"])
    def intake_thanks(self, **kwargs):
        return request.render("territory_concierge_website.intake_thanks_page", {"form_url": FORM_URL})

    @http.route(FORM_URL, type="http", auth="public", website=True, sitemap=False, methods=["POST"], csrf=True)
    def intake_submit(self, **post):
        # Honeypot: a field hidden from people; robots fill it. They get the thank-you
        # page and nothing is recorded.
        if post.get("website_url"):
            _logger.info("Public form: honeypot filled, submission dropped")
            return request.redirect(f"{FORM_URL}/merci")
        values, errors = self._validate(post)
        if not errors and not request.env["territory.intake.attempt"]._register_and_check(
                request.httprequest.remote_addr or "unknown"):
            errors["_form"] = request.env._(
                "Too many applications were sent from your connection in the last hour. "
                "Please try again later: what you typed is kept below.")
        if errors:
            # Field names only: the log must not hold what the person typed.
            _logger.info("Public form: refused, to correct: %s", ", ".join(sorted(errors)))
            return self._render_form(post, errors, status=400)
        journey_values, tags, members, consents, summary = values
        campaign_values, raw_utm = self._known_utm_records()
        submission = request.env["territory.intake.submission"].sudo().create({
            "contact_name": journey_values["contact_name"], "email": journey_values["email_from"],
            "phone": journey_values.get("phone"), "lang": request.env.lang, "summary": summary,
            "journey_values": {**journey_values, **campaign_values}, "household_members": members,
            "consents": consents, "profile_ids": [(6, 0, tags["profile_ids"])],
            "interest_ids": [(6, 0, tags["interest_ids"])], **raw_utm,
        })
        journey = request.env["crm.lead"].sudo().with_context(territory_intake=True)._intake_from_web_form(submission)
        submission._send_confirmation()
        # Whether the household was known or not, the visitor sees the same page.
        _logger.info("Public form: submission %s (%s) for journey %s", submission.id, submission.match_kind, journey.id)
        return request.redirect(f"{FORM_URL}/merci")

    def _known_utm_records(self):
        """Campaign, source and medium of the visitor's link (kept by Odoo in cookies), among the
        records the conciergerie created: a visitor's parameter never creates one (a campaign
        named "=HYPERLINK(...)" would end up in the exports). The raw values are kept as text.

        :return: (journey values {campaign_id, source_id, medium_id}, raw values of the submission)
        """
        journey_values, raw_values = {}, {}
        for _parameter, field_name, cookie_name in request.env["utm.mixin"].tracking_fields():
            raw = (request.cookies.get(cookie_name) or "").strip()[:200]
            comodel = request.env["crm.lead"]._fields[field_name].comodel_name
            record = request.env[comodel].sudo().search(
                [("name", "=ilike", escape_psql(raw))], limit=1) if raw else request.env[comodel]
            journey_values[field_name] = record.id
            raw_values[f"utm_{field_name.removesuffix('_id')}_raw"] = raw
        # The campaign the link named is kept on the journey as text, whether it matched or not.
        journey_values["visitor_campaign"] = raw_values["utm_campaign_raw"] or False
        if not journey_values["source_id"]:  # the visitor came straight to the form
            journey_values["source_id"] = request.env.ref("territory_concierge_website.utm_source_web_form").id
        return journey_values, raw_values

    @http.route([f"{FORM_URL}/confirmer/<string:token>", f"{LEGACY_FORM_URL}/confirmer/<string:token>"],
                type="http", auth="public", website=True, sitemap=False, methods=["GET"])
    def intake_confirmation_page(self, token, **kwargs):
        """The link of the e-mail: a page with a button. Nothing changes on GET (mail scanners
        open links); the page says nothing of the household."""
        if not request.env["territory.intake.submission"]._find_by_token(token):
            raise request.not_found()
        return request.render("territory_concierge_website.intake_confirmation_page", {
            "form_url": FORM_URL, "token": token, "confirmed": False})

    @http.route([f"{FORM_URL}/confirmer/<string:token>", f"{LEGACY_FORM_URL}/confirmer/<string:token>"],
                type="http", auth="public", website=True, sitemap=False, methods=["POST"], csrf=True)
    def intake_confirm(self, token, **kwargs):
        submission = request.env["territory.intake.submission"]._find_by_token(token)
        if not submission:
            raise request.not_found()
        submission._confirm()
        return request.render("territory_concierge_website.intake_confirmation_page", {
            "form_url": FORM_URL, "token": token, "confirmed": True})

    def _validate(self, post):
        """Check a submission. :return: ((journey values, tags, members, consents, summary), errors)"""
        env, errors = request.env, {}
        text = {name: (post.get(name) or "").strip() for name in TEXT_LIMITS}
        for name, limit in TEXT_LIMITS.items():
            if len(text[name]) > limit:
                errors[name] = env._("At most %(limit)s characters.", limit=limit)
        if not text["last_name"]:
            errors["last_name"] = env._("Please give your last name.")
        if not text["first_name"]:
            errors["first_name"] = env._("Please give your first name.")
        email = env["crm.lead"]._intake_normalise_email(text["email"]) if text["email"] else False
        if not text["email"]:
            errors["email"] = env._("Please give an e-mail address: we answer by e-mail.")
        elif not email:
            errors["email"] = env._("This e-mail address is not valid (example: prenom.nom@exemple.fr).")
        phone = False
        if text["phone"]:
            # Read in the company's country, as every intake channel does.
            phone = env["crm.lead"].sudo()._intake_normalise_phone(text["phone"])
            if not phone:
                errors["phone"] = env._("This phone number is not valid (example: 06 12 34 56 78).")
        adults = _bounded_int(post.get("adults"), 1, MAX_ADULTS)
        if adults is None:
            errors["adults"] = env._("Between 1 and %(max)s adults.", max=MAX_ADULTS)
        children = _bounded_int(post.get("children") or "0", 0, MAX_CHILDREN)
        if children is None:
            errors["children"] = env._("Between 0 and %(max)s children.", max=MAX_CHILDREN)
        horizons = dict(self._form_choices()["horizons"])
        horizon = post.get("project_horizon") or ""
        if horizon not in horizons:
            errors["project_horizon"] = env._("Please tell us when you would like to move.")
        tenure = post.get("housing_tenure") or ""
        if tenure and tenure not in dict(self._form_choices()["housing_tenures"]):
            errors["housing_tenure"] = env._("Please choose a housing option from the list.")
        profile_ids = _selected_ids(post, "profile_", env["territory.profile"].sudo().search([]).ids)
        interest_ids = _selected_ids(post, "interest_", env["territory.interest"].sudo().search([]).ids)
        boxes = self._form_choices()["consents"]
        consents = [{"purpose": purpose, "wording": wording}
                    for purpose, _required, wording in boxes if post.get(f"consent_{purpose}")]
        given = {consent["purpose"] for consent in consents}
        # Contact by the conciergerie is what a journey needs; the territory may require others.
        for purpose in {"concierge_contact"} | {purpose for purpose, required, _wording in boxes if required}:
            if purpose not in given:
                errors[f"consent_{purpose}"] = env._(
                    "We can only follow your project if you agree to be contacted by the conciergerie."
                ) if purpose == "concierge_contact" else env._("This consent is needed to send the form.")
        if errors:
            return None, errors

        name = f"{text['first_name']} {text['last_name']}"
        members = [{"role": "adult", "name": text["first_name"] if index == 0 else "",
                    "job_sought": text["job_sought"] if index == 0 and post.get("looks_for_job") else ""}
                   for index in range(adults)]
        members += [{"role": "child"} for _index in range(children)]
        journey_values = {
            "name": name, "contact_name": name, "email_from": email, "phone": phone,
            "origin_city": text["origin_city"], "origin_zip": text["origin_zip"],
            "project_horizon": horizon, "housing_tenure": tenure if post.get("looks_for_housing") else False,
            "business_project": text["business_project"] if post.get("looks_for_business") else False,
            "wished_area": text["wished_area"],
        }
        journey_values = {field: value for field, value in journey_values.items() if value}
        looked_for = ", ".join(label for key, label in (
            ("looks_for_job", env._("a job")), ("looks_for_housing", env._("housing")),
            ("looks_for_business", env._("a business to take over"))) if post.get(key))
        summary = "\n".join(filter(None, [
            env._("Application received on the website."),
            env._("Name: %(name)s", name=name),
            env._("E-mail: %(email)s", email=email),
            text["phone"] and env._("Phone: %(phone)s", phone=text["phone"]),
            (text["origin_city"] or text["origin_zip"]) and env._(
                "Lives in: %(city)s %(zip)s", city=text["origin_city"], zip=text["origin_zip"]),
            env._("Household: %(adults)s adult(s), %(children)s child(ren)", adults=adults, children=children),
            env._("Moving: %(horizon)s", horizon=horizons[horizon]),
            text["wished_area"] and env._("Wished area: %(area)s", area=text["wished_area"]),
            profile_ids and env._("Profiles: %(profiles)s", profiles=", ".join(
                env["territory.profile"].sudo().browse(profile_ids).mapped("name"))),
            interest_ids and env._("Interests: %(interests)s", interests=", ".join(
                env["territory.interest"].sudo().browse(interest_ids).mapped("name"))),
            looked_for and env._("Looking for: %(what)s", what=looked_for),
            post.get("looks_for_job") and text["job_sought"] and env._("Job sought: %(job)s", job=text["job_sought"]),
            journey_values.get("business_project") and env._(
                "Business project: %(project)s", project=journey_values["business_project"]),
            env._("Consents ticked: %(purposes)s", purposes=", ".join(
                dict(env["territory.consent"]._fields["purpose"]._description_selection(env))[consent["purpose"]]
                for consent in consents)),
            text["message"] and env._("Message: %(message)s", message=text["message"]),
        ]))
        tags = {"profile_ids": profile_ids, "interest_ids": interest_ids}
        return (journey_values, tags, members, consents, summary), {}


def _bounded_int(raw, low, high):
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if low <= value <= high else None


def _selected_ids(post, prefix, allowed_ids):
    """Ids of the ticked checkboxes named <prefix><id>, limited to existing records."""
    selected = set()
    for key in post:
        if key.startswith(prefix) and key[len(prefix):].isdigit():
            selected.add(int(key[len(prefix):]))
    return sorted(selected & set(allowed_ids))
