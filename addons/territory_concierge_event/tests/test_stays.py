import re
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.territory_concierge.tests.common import JourneyCommon


@tagged("post_install", "-at_install")
class TestDiscoveryStays(HttpCase, JourneyCommon):
    """Invitations, answers by link, attendance, itinerary PDF, feedback survey, stay report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        start = datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.weekend = cls.env["event.event"].create({
            "name": "Week-end découverte test", "stay_kind": "group_weekend", "date_tz": "Europe/Paris",
            "event_type_id": cls.env.ref("territory_concierge_event.event_type_discovery_weekend").id,
            "date_begin": start, "date_end": start + timedelta(days=2)})
        cls.journey_one = cls._create_journey(name="Famille Alpha", contact_name="Alice Alpha",
                                              email_from="alice@alpha.example", user_id=cls.concierge.id,
                                              household_member_ids=cls._household(), project_horizon="lt_6m")
        cls.journey_two = cls._create_journey(name="Famille Beta", contact_name="Bruno Beta",
                                              email_from="bruno@beta.example", user_id=cls.concierge.id)

    def _invite(self, journeys):
        wizard = self.env["territory.stay.invite.wizard"].with_user(self.concierge).with_context(
            active_model="crm.lead", active_ids=journeys.ids).create({"event_id": self.weekend.id})
        wizard.action_invite()
        return self.weekend.registration_ids.filtered(lambda r: r.journey_id in journeys)

    def test_invitation_creates_registrations_and_sends_links(self):
        registrations = self._invite(self.journey_one | self.journey_two)
        self.assertEqual(registrations.journey_id, self.journey_one | self.journey_two)
        self.assertEqual(set(registrations.mapped("stay_answer")), {"pending"})
        mails = self.env["mail.mail"].search([("model", "=", "event.registration"),
                                             ("res_id", "=", registrations[0].id)])
        self.assertEqual(len(mails), 1, "the invitation only: no confirmation before the household says yes")
        self.assertIn(f"/stay/answer/{registrations[0].id}/", mails.body_html)
        self.assertIn("/yes", mails.body_html)
        self.assertEqual(set(registrations.mapped("state")), {"draft"})
        self.assertEqual(self.journey_one.stay_count, 1)
        self._invite(self.journey_one)  # inviting again does not duplicate
        self.assertEqual(len(self.weekend.registration_ids), 2)

    def test_invitation_needs_an_email(self):
        journey = self._create_journey(name="Famille Sans Mail")
        with self.assertRaisesRegex(UserError, "no e-mail address"):
            self._invite(journey)

    def _answer(self, registration, answer, token=None):
        """Open the link from the invitation and press the page's button."""
        url = f"/stay/answer/{registration.id}/{token or registration.sudo().stay_answer_token}/{answer}"
        page = self.url_open(url)
        if page.status_code != 200:
            return page
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(url, data={"csrf_token": csrf})

    def test_answer_by_link(self):
        registration = self._invite(self.journey_one)
        token = registration.sudo().stay_answer_token
        self.assertEqual(self._answer(registration, "yes", "wrong-token").status_code, 404)
        self.assertEqual(registration.stay_answer, "pending")
        page = self._answer(registration, "yes")
        self.assertEqual(page.status_code, 200)
        self.assertEqual((registration.stay_answer, registration.state), ("yes", "open"))
        other = self._invite(self.journey_two)
        self._answer(other, "no")
        self.assertEqual((other.stay_answer, other.state), ("no", "cancel"))
        # The note names the household and the stay (written in the invitation's language).
        self.assertIn("Bruno Beta", self.journey_two.message_ids[0].body)
        self.assertIn("Week-end découverte test", self.journey_two.message_ids[0].body)
        # One registration's token does not open another.
        self.assertEqual(self._answer(other, "yes", token).status_code, 404)
        self.assertEqual(other.stay_answer, "no")

    def test_attendance_moves_the_journey(self):
        registration = self._invite(self.journey_one)
        registration.with_user(self.concierge).action_set_done()
        self.assertEqual(self.journey_one.stage_id, self.env.ref("territory_concierge.stage_discovery_stay"))
        further = self._invite(self.journey_two)
        self.journey_two.sudo().write({"stage_id": self.env.ref("territory_concierge.stage_decision").id})
        further.with_user(self.concierge).action_set_done()
        self.assertEqual(self.journey_two.stage_id, self.env.ref("territory_concierge.stage_decision"),
                         "a journey already further stays where it is")
        self.assertIn("Took part in the discovery stay", self.journey_two.message_ids[0].body)

    def test_attendance_follows_the_stay_milestone_of_any_pipeline(self):
        """Staff renamed and reordered the stages, added their own stay stage in a second journeys
        team, and made their own stay template: attendance still moves each journey to its own
        team's discovery-stay milestone."""
        self.env.ref("territory_concierge.stage_discovery_stay").name = "Venue sur place"
        team = self.env["crm.team"].create({"name": "Accueil soignants", "use_journeys": True})
        first, visit, later = self.env["crm.stage"].create([
            {"name": "Premier appel", "sequence": 1, "team_ids": [(6, 0, team.ids)], "milestone": "contacted"},
            {"name": "Immersion", "sequence": 2, "team_ids": [(6, 0, team.ids)], "milestone": "stay"},
            {"name": "Arrivée", "sequence": 3, "team_ids": [(6, 0, team.ids)], "milestone": "installed"},
        ])
        nurse = self._create_journey(user=self.env.user, name="Famille Soignante", team_id=team.id,
                                     stage_id=first.id, email_from="soin@example.org")
        template = self.env["event.type"].create({"name": "Séjour soignants", "stay_kind": "individual_visit"})
        stay = self.env["event.event"].create({
            "name": "Immersion à l'hôpital", "event_type_id": template.id,
            "date_begin": self.weekend.date_begin, "date_end": self.weekend.date_end})
        self.assertEqual(stay.stay_kind, "individual_visit", "the kind comes from the staff's own template")
        registrations = self.env["event.registration"].create([
            {"event_id": stay.id, "journey_id": nurse.id, "name": "Famille Soignante"},
            {"event_id": stay.id, "journey_id": self.journey_one.id, "name": "Famille Alpha"}])
        registrations.with_user(self.concierge).action_set_done()
        self.assertEqual(nurse.stage_id, visit)
        self.assertEqual(self.journey_one.stage_id, self.env.ref("territory_concierge.stage_discovery_stay"))
        self.assertNotEqual(later, nurse.stage_id)

    def test_itinerary_pdf_and_email(self):
        registration = self._invite(self.journey_one)
        employer = self.env["res.partner"].create({"name": "Usine Test", "is_company": True,
                                                   "organisation_type": "employer", "phone": "03 25 00 00 00"})
        self.env["territory.opportunity"].create({
            "name": "Infirmier de jour", "kind": "job", "sector": "Santé", "partner_org_id": employer.id,
            "commune_id": self.town_with_station.id})
        registration.with_user(self.concierge).action_suggest_itinerary()
        self.assertIn("Infirmier de jour", registration.stay_slot_ids.mapped("name")[0])
        registration.stay_slot_ids.write({"place": "Gareville, rue de l'Usine"})
        self.env["territory.stay.slot"].create({
            "registration_id": registration.id, "date_begin": self.weekend.date_begin + timedelta(hours=5),
            "kind": "ambassador", "name": "Dîner chez les Colin"})
        report = self.env.ref("territory_concierge_event.action_report_stay_itinerary")
        html = report._render_qweb_html(report.report_name, registration.ids)[0].decode()
        for expected in ("Week-end découverte test", "Infirmier de jour", "Gareville, rue de l&#39;Usine",
                         "Dîner chez les Colin", "Usine Test", self.concierge.name):
            self.assertIn(expected, html)
        self.assertIn("Votre programme", html, "printed in the household's language: French by default")
        self.assertNotRegex(html, r"\d{1,2}:\d{2}:\d{2}", "times are printed without seconds")
        # Tests render reports as HTML unless asked: the real PDF (wkhtmltopdf) is wanted here.
        pdf, _ = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, registration.ids)
        self.assertTrue(pdf.startswith(b"%PDF"))
        registration.with_user(self.concierge).with_context(force_report_rendering=True).action_send_itinerary()
        mail = self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", registration.id)],
                                            order="id desc", limit=1)
        self.assertEqual(mail.attachment_ids.mimetype, "application/pdf")
        self.assertTrue(registration.itinerary_sent_date)

    def test_programme_and_emails_read_french_and_sign_with_the_conciergerie(self):
        """The family's programme: times as "9 h 00", its concierge's name and phone, each place with
        its address; the invitation and programme e-mails signed by the concierge and the conciergerie
        (name, address, phone), never by Odoo's placeholder company."""
        self.concierge.sudo().phone = "+33 3 25 32 00 02"
        registration = self._invite(self.journey_one)
        paris = pytz.timezone("Europe/Paris")
        day = (self.weekend.date_begin + timedelta(days=1)).date()
        nine = paris.localize(datetime.combine(day, time(9, 0))).astimezone(pytz.utc).replace(tzinfo=None)
        employer = self.env["res.partner"].create({
            "name": "Usine Test", "is_company": True, "street": "12 rue des Forges", "zip": "52000",
            "city": "Chaumont", "phone": "03 25 00 00 00"})
        contact = self.env["res.partner"].create({"name": "Paul Martin", "parent_id": employer.id})
        self.env["territory.stay.slot"].create({
            "registration_id": registration.id, "date_begin": nine, "date_end": nine + timedelta(hours=2),
            "kind": "employer", "name": "Visite de l'usine", "place": "Usine Test", "contact_id": contact.id})
        report = self.env.ref("territory_concierge_event.action_report_stay_itinerary")
        html = report.with_user(self.concierge)._render_qweb_html(report.report_name, registration.ids)[0].decode()
        self.assertIn("9 h 00 \u2013 11 h 00", html)
        self.assertIn(self.concierge.name, html)
        self.assertIn("+33 3 25 32 00 02", html, "the concierge's phone")
        self.assertIn("12 rue des Forges, 52000 Chaumont", html, "the place's address (its contact's organisation)")
        self.assertIn(self.env.company.name, html, "the conciergerie's letterhead")
        self.assertNotRegex(html, r"\d{2}:\d{2}", "no 24-hour clock times")
        registration.with_user(self.concierge).with_context(force_report_rendering=True).action_send_itinerary()
        mails = self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", registration.id)])
        self.assertEqual(len(mails), 2, "the invitation and the programme")
        begin = registration._programme_datetime(self.weekend.date_begin)
        self.assertRegex(begin, r"^\w+ \d{1,2} \w+ \d{4} à \d{1,2} h \d{2}$", "e.g. samedi 19 décembre 2026 à 9 h 00")
        self.assertIn(begin, mails.filtered(lambda mail: "/stay/answer/" in mail.body_html).body_html)
        for mail in mails:
            for placeholder in ("Mon entreprise", "My Company", "YourCompany"):
                self.assertNotIn(placeholder, mail.body_html)
            self.assertIn(self.env.company.name, mail.body_html)
            self.assertIn(self.concierge.name, mail.body_html)
            self.assertIn("+33 3 25 32 00 02", mail.body_html)
            if self.env.company.phone:
                self.assertIn(self.env.company.phone, mail.body_html)

    def test_suggested_meetings_follow_the_itinerary_within_the_stay(self):
        registration = self._invite(self.journey_one)
        employer = self.env["res.partner"].create({"name": "Usine Suite", "is_company": True,
                                                   "organisation_type": "employer"})
        self.env["territory.opportunity"].create([{
            "name": name, "kind": "job", "sector": "Santé", "partner_org_id": employer.id,
            "commune_id": self.town_with_station.id} for name in ("Infirmier de jour", "Infirmier de nuit")])
        dinner_end = self.weekend.date_begin + timedelta(hours=3)
        self.env["territory.stay.slot"].create({
            "registration_id": registration.id, "date_begin": self.weekend.date_begin + timedelta(hours=2),
            "date_end": dinner_end, "kind": "ambassador", "name": "Dîner chez les Colin"})
        registration.with_user(self.concierge).action_suggest_itinerary()
        suggested = registration.stay_slot_ids.filtered("opportunity_id").sorted("date_begin")
        self.assertEqual(len(suggested), 2)
        self.assertEqual(suggested[0].date_begin, dinner_end, "after the last slot, not at the stay's start")
        self.assertEqual(suggested[1].date_begin, suggested[0].date_end, "one after the other")
        self.assertEqual(suggested[0].date_end - suggested[0].date_begin, timedelta(minutes=90))
        self.assertTrue(all(slot.date_end <= self.weekend.date_end for slot in suggested))

    def test_cancelled_registration_has_no_itinerary_actions(self):
        registration = self._invite(self.journey_one)
        self.env["territory.stay.slot"].create({
            "registration_id": registration.id, "date_begin": self.weekend.date_begin,
            "kind": "ambassador", "name": "Dîner chez les Colin"})
        registration.action_cancel()
        for action in ("action_suggest_itinerary", "action_send_itinerary"):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "cancelled"):
                getattr(registration.with_user(self.concierge), action)()
        arch = registration.with_user(self.concierge).get_views([(False, "form")])["views"]["form"]["arch"]
        for action in ("action_suggest_itinerary", "action_send_itinerary"):
            button = arch.split(f'name="{action}"', 1)[1].split(">", 1)[0]
            self.assertIn("state == 'cancel'", button)

    def test_feedback_survey_after_the_stay(self):
        registration = self._invite(self.journey_one)
        registration.action_set_done()
        Registration = self.env["event.registration"]
        Registration._cron_send_stay_feedback()
        self.assertFalse(registration.survey_user_input_id, "not before the stay has ended")
        self.weekend.write({"date_begin": fields.Datetime.now() - timedelta(days=3),
                            "date_end": fields.Datetime.now() - timedelta(days=1)})
        Registration._cron_send_stay_feedback()
        answer = registration.survey_user_input_id
        self.assertEqual(answer.survey_id, self.env.ref("territory_concierge_event.survey_stay_feedback"))
        self.assertEqual(answer.email, "alice@alpha.example")
        self.assertEqual(self.url_open(answer.get_start_url()).status_code, 200)
        mail = self.env["mail.mail"].search([("model", "=", "event.registration"), ("res_id", "=", registration.id)],
                                            order="id desc", limit=1)
        self.assertIn(answer.access_token, mail.body_html)
        Registration._cron_send_stay_feedback()
        self.assertEqual(registration.survey_user_input_id, answer, "sent once")

    def test_stay_report_numbers(self):
        journeys = [self._create_journey(name=f"Famille {i}", email_from=f"f{i}@stay.example") for i in range(5)]
        registrations = self._invite(self.env["crm.lead"].browse([j.id for j in journeys]))
        came = registrations[:4]
        came.action_set_done()
        registrations[4].action_cancel()
        came[:3].write({"stay_decision": "settle"})
        end = self.weekend.date_end.date()
        came[0].journey_id.sudo().installation_date = end + relativedelta(months=2)
        came[1].journey_id.sudo().installation_date = end + relativedelta(months=9)
        self.weekend.invalidate_recordset()
        self.assertEqual(
            (self.weekend.stay_invited_count, self.weekend.stay_attended_count, self.weekend.stay_decided_count,
             self.weekend.stay_installed_6m_count, self.weekend.stay_installed_12m_count), (5, 4, 3, 1, 2))

    def test_tour_invite_two_journeys_from_the_pipeline(self):
        self.env["res.users"].browse(self.concierge.id).write({"password": "tc_concierge", "lang": "en_US"})
        self.start_tour("/odoo/action-territory_concierge.crm_lead_action_journeys?view_type=list",
                        "territory_concierge_event_invite_tour", login="tc_concierge")
        self.assertEqual(self.weekend.registration_ids.journey_id, self.journey_one | self.journey_two)
