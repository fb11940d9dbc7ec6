from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import email_normalize, formataddr

from odoo.addons.phone_validation.tools import phone_validation


class CrmLead(models.Model):
    _inherit = "crm.lead"

    intake_submission_count = fields.Integer("Applications from the website",
                                             compute="_compute_intake_submission_count")

    def _compute_intake_submission_count(self):
        counts = dict(self.env["territory.intake.submission"]._read_group(
            [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]))
        for journey in self:
            journey.intake_submission_count = counts.get(journey, 0)

    def action_view_intake_submissions(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "territory_concierge_website.territory_intake_submission_action")
        action["domain"] = [("journey_id", "=", self.id)]
        return action

    @api.model
    def _intake_find_by_email(self, email):
        """The journey of a household that already applied with this e-mail, if any.

        The e-mail is the only automatic match: it is the address the household answers at.
        """
        email_normalized = email_normalize(email) if email else False
        if not email_normalized:
            return self.browse()
        return self.with_context(active_test=False).search(
            [("is_journey", "=", True), ("email_normalized", "=", email_normalized)], order="active desc, id", limit=1)

    @api.model
    def _intake_find_by_phone(self, phone):
        """Another journey with this phone: only a hint for the concierge (people share phones)."""
        phone_sanitized = phone_validation.phone_format(
            phone, "FR", "33", force_format="E164", raise_exception=False) if phone else False
        if not phone_sanitized:
            return self.browse()
        return self.with_context(active_test=False).search(
            [("is_journey", "=", True), ("phone_sanitized", "=", phone_sanitized)], order="active desc, id", limit=1)

    @api.model
    def _intake_from_web_form(self, submission):
        """Route an application of the public form (called with sudo by the public controller).

        A household unknown by its e-mail gets a new journey made of what it typed, without any
        consent until it confirms its address. A known one is never changed: its concierge gets
        an activity with the application, to apply it or not.

        :param submission: territory.intake.submission just created from the form
        """
        journey = self._intake_find_by_email(submission.email)
        if journey:
            submission.write({"journey_id": journey.id, "match_kind": "email"})
            submission.activity_id = journey._intake_schedule_activity(
                self.env._("New application on the website"),
                Markup("<p>%s</p><pre>%s</pre><p><a href='/odoo/territory.intake.submission/%s'>%s</a></p>") % (
                    self.env._("The household applied again on the website. Nothing was changed on the journey."),
                    submission.summary, submission.id,
                    self.env._("Open the application to apply it (fills what the journey lacks)")))
            return journey
        duplicate = self._intake_find_by_phone(submission.phone)
        # Odoo would log the creation as written by the public user ("Public user"): it is logged
        # below as written by the household, under the address it typed (never an existing contact).
        journey = self.with_context(mail_create_nolog=True).create({
            **(submission.journey_values or {}),
            "profile_ids": [(6, 0, submission.profile_ids.ids)],
            "interest_ids": [(6, 0, submission.interest_ids.ids)],
            "household_member_ids": [(0, 0, member) for member in submission.household_members or []],
            "team_id": self.env.ref("territory_concierge.crm_team_concierge").id,
            "type": "opportunity",
            "user_id": False,
            "country_id": self.env.ref("base.fr").id,
        })
        submission.write({"journey_id": journey.id, "match_kind": "phone" if duplicate else "new",
                          "possible_duplicate_id": duplicate.id})
        household_address = formataddr((submission.contact_name, submission.email))
        # The creation message of Odoo's mail.thread.create, with the creation subtype that
        # notifies the team's followers.
        journey.message_post(
            body=Markup('<div summary="o_mail_notification"><p>%s</p></div>') % journey._creation_message(),
            subtype_id=journey._creation_subtype().id, author_id=False, email_from=household_address)
        journey.message_post(
            body=Markup("<p>%s</p><pre>%s</pre><p>%s</p>") % (
                self.env._("Application received through the website form."), submission.summary, self.env._(
                    "The consents of the application are recorded once the household confirms its e-mail address.")),
            author_id=False, email_from=household_address, subtype_xmlid="mail.mt_note")
        if duplicate:
            submission.activity_id = journey._intake_schedule_activity(
                self.env._("Possible duplicate"),
                Markup("<p>%s <a href='/odoo/crm.lead/%s'>%s</a></p>") % (
                    self.env._("Same phone as the journey"), duplicate.id, duplicate.name))
        return journey

    def _intake_schedule_activity(self, summary, note):
        """A to-do for the journey's concierge (or the team leader, or a manager) about an application."""
        self.ensure_one()
        user = self.user_id or self.team_id.user_id or self.env.ref(
            "territory_concierge.group_concierge_manager").user_ids.filtered(
            lambda u: u.active and not u._is_superuser())[:1]
        return self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": summary,
            "note": note,
            "user_id": user.id,
            "date_deadline": fields.Date.context_today(self),
        })

    def _get_personal_data(self, journey_fields):
        data = super()._get_personal_data(journey_fields)
        data["web_applications"] = self.env["territory.intake.submission"].sudo().search(
            [("journey_id", "=", self.id)]).read(
            ["create_date", "contact_name", "email", "phone", "summary", "consents", "state", "date_confirmed"])
        return data

    def _anonymise(self, why):
        """What the household typed in the public form goes with the rest of its data."""
        submissions = self.env["territory.intake.submission"].sudo().search([("journey_id", "in", self.ids)])
        super()._anonymise(why)
        self._erase_mail_traces(submissions)
        submissions.unlink()

    def website_form_input_filter(self, request, values):
        """The stock contact form (/website/form/crm.lead) never makes a journey.

        Journeys come from the project's own form only (validation, consents, rate limit); a
        visitor does not choose who receives a lead either.
        """
        if request.env.user._is_public():
            values.pop("user_id", None)
        team = self.env["crm.team"].sudo().browse(values.get("team_id")).exists()
        if team.use_journeys:
            values.pop("team_id")
        values = super().website_form_input_filter(request, values)
        team = self.env["crm.team"].sudo().browse(values.get("team_id")).exists()
        if team.use_journeys:
            values.update(team_id=False, user_id=False)
        return values
