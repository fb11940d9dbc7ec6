from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formataddr


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
    def _intake_from_web_form(self, submission):
        """Route an application of the public form (called with sudo by the public controller)
        through the intake of every channel (``intake_households``, channel ``web_form``).

        A household unknown by its e-mail gets a new journey made of what it typed, without any
        consent until it confirms its address. A known one is never changed: its concierge gets
        an activity with the application, to apply it or not.

        :param submission: territory.intake.submission just created from the form
        """
        values = dict(submission.journey_values or {})
        for name in ("name", "contact_name", "email_from", "phone"):
            values.pop(name, None)
        row = {
            "ref": submission.id, "name": submission.contact_name, "email": submission.email,
            "phone": submission.phone or "", "origin_city": values.pop("origin_city", ""),
            "origin_zip": values.pop("origin_zip", ""), "horizon": values.pop("project_horizon", ""),
            "profile_ids": submission.profile_ids.ids, "members": submission.household_members or [],
            "values": {**values, "interest_ids": [(6, 0, submission.interest_ids.ids)]},
        }
        # Odoo would log the creation as written by the public user ("Public user"): it is logged
        # below as written by the household, under the address it typed (never an existing contact).
        [result] = self.with_context(mail_create_nolog=True).intake_households([row], "web_form")
        if result["status"] == "refused":
            raise ValidationError("; ".join(result["reasons"]))
        journey = self.browse(result["journey_id"])
        if result["status"] == "matched":
            submission.write({"journey_id": journey.id, "match_kind": "email"})
            submission.activity_id = journey._intake_schedule_activity(
                self.env._("New application on the website"),
                Markup("<p>%s</p><pre>%s</pre><p><a href='/odoo/territory.intake.submission/%s'>%s</a></p>") % (
                    self.env._("The household applied again on the website. Nothing was changed on the journey."),
                    submission.summary, submission.id,
                    self.env._("Open the application to apply it (fills what the journey lacks)")))
            return journey
        duplicate = self.browse(result["duplicate_ids"][:1])
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
        if result["activity_id"]:
            # The possible duplicate's activity, left by the intake on the new journey.
            submission.activity_id = result["activity_id"]
        return journey

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
