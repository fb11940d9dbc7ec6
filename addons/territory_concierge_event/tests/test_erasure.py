from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.territory_concierge.tests.common import JourneyCommon

NAME = "Yannick Oubliable-Total"
EMAIL = "yannick.oubliable@foyer-efface.example"


@tagged("post_install", "-at_install")
class TestErasureEverywhere(JourneyCommon):
    """Erasing a household (on request or by the retention job) leaves nothing of it in any
    module: the journey, its partner shares, its stays with their
    itinerary and feedback, and what the discussion tools keep about each of them."""

    def _household_everywhere(self):
        contact = self.env["res.partner"].create({"name": NAME, "email": EMAIL, "phone": "+33 6 98 76 54 32"})
        journey = self._create_journey(
            name=f"Famille {NAME}", contact_name=NAME, email_from=EMAIL, phone="+33 6 98 76 54 32",
            partner_id=contact.id, user_id=self.concierge.id,
            consent_ids=[Command.create({"purpose": purpose, "wording": "J'accepte.", "source": "phone"})
                         for purpose in ("partner_sharing", "ambassador")])
        self.env["ir.attachment"].create({"name": f"Passeport {NAME}.pdf", "raw": b"%PDF passport",
                                          "res_model": "crm.lead", "res_id": journey.id})
        # A partner share, with a message and its attachment.
        org = self.env["res.partner"].create({"name": "Usine Effacement", "is_company": True,
                                              "organisation_type": "employer"})
        share = self.env["territory.share"].with_user(self.concierge).create(
            {"journey_id": journey.id, "partner_org_id": org.id, "scope_identity": True})
        share.sudo().write({"feedback": f"Entretien avec {NAME} mardi."})
        share.message_post(body=f"CV de {NAME} ci-joint", attachments=[(f"CV {NAME}.pdf", b"%PDF cv")],
                           message_type="comment")
        # A stay: registration, itinerary, feedback with a free-text answer, the itinerary e-mail queued.
        start = datetime.now().replace(microsecond=0) + timedelta(days=10)
        stay = self.env["event.event"].create({
            "name": "Week-end effacement", "stay_kind": "group_weekend", "date_tz": "Europe/Paris",
            "event_type_id": self.env.ref("territory_concierge_event.event_type_discovery_weekend").id,
            "date_begin": start, "date_end": start + timedelta(days=2)})
        registration = self.env["event.registration"].create({
            "event_id": stay.id, "journey_id": journey.id, "partner_id": contact.id, "name": NAME,
            "email": EMAIL, "phone": "+33 6 98 76 54 32"})
        self.env["territory.stay.slot"].create({
            "registration_id": registration.id, "date_begin": start, "kind": "ambassador",
            "name": f"Dîner avec {NAME}", "note": f"{NAME} est allergique aux noix."})
        survey = self.env.ref("territory_concierge_event.survey_stay_feedback")
        feedback = survey.sudo()._create_answer(partner=contact, email=EMAIL, check_attempts=False)
        self.env["survey.user_input.line"].create({
            "user_input_id": feedback.id, "answer_type": "text_box",
            "question_id": self.env.ref("territory_concierge_event.survey_stay_feedback_q_missing").id,
            "value_text_box": f"Moi, {NAME}, j'aurais aimé voir l'école."})
        registration.survey_user_input_id = feedback
        registration.message_post(body=f"Programme envoyé à {NAME}",
                                  attachments=[(f"Programme {NAME}.pdf", b"%PDF programme")])
        self.env["mail.mail"].create({
            "model": "event.registration", "res_id": registration.id, "email_to": EMAIL,
            "subject": f"Votre programme, {NAME}", "body_html": f"<p>Bonjour {NAME}</p>"})
        return journey, share, registration

    def _assert_nothing_left(self, journey, share, registration):
        def search(model, domain):
            return self.env[model].with_context(active_test=False).search(domain)

        leftovers = {
            "journey": search("crm.lead", ["|", ("contact_name", "ilike", NAME), ("email_from", "ilike", EMAIL)]),
            "attachments": search("ir.attachment", [("name", "ilike", NAME)]) | search(
                "ir.attachment", [("res_model", "=", "crm.lead"), ("res_id", "=", journey.id)]),
            "messages": search("mail.message", ["|", ("body", "ilike", NAME), ("subject", "ilike", NAME)]),
            "queued e-mails": search("mail.mail", ["|", ("email_to", "ilike", EMAIL), ("body_html", "ilike", NAME)]),
            "registrations": search("event.registration", [
                "|", "|", ("name", "ilike", NAME), ("email", "ilike", EMAIL), ("partner_id.email", "=", EMAIL)]),
            "itinerary": search("territory.stay.slot", ["|", ("name", "ilike", NAME), ("note", "ilike", NAME)]),
            "feedback": search("survey.user_input", ["|", ("email", "ilike", EMAIL), ("partner_id.email", "=", EMAIL)]),
            "feedback answers": search("survey.user_input.line", [("value_text_box", "ilike", NAME)]),
            "shares": search("territory.share", [("feedback", "ilike", NAME)]),
            "share followers and messages": search("mail.followers", [("res_model", "=", "territory.share"),
                                                                      ("res_id", "=", share.id)]),
            "registration messages": search("mail.message", [("model", "=", "event.registration"),
                                                              ("res_id", "=", registration.id)]),
        }
        self.assertEqual({what: records.ids for what, records in leftovers.items() if records}, {})

    def test_erasure_on_request(self):
        records = self._household_everywhere()
        records[0].with_user(self.manager).action_anonymise_on_request()
        self._assert_nothing_left(*records)
        registration = records[2]
        self.assertTrue(registration.exists(), "the stay still counts the household, anonymously")
        self.assertEqual(registration.event_id.name, "Week-end effacement")

    def test_retention_job(self):
        records = self._household_everywhere()
        records[0].sudo().date_last_followup = "2020-01-01 10:00:00"  # time passed (the server keeps it)
        self.env["crm.lead"]._cron_anonymise_expired_journeys()
        self.assertTrue(records[0].anonymised_date)
        self._assert_nothing_left(*records)
