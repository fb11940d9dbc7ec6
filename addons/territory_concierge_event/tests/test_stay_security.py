import re
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.event.tests import test_event_internals
from odoo.addons.territory_concierge.tests.common import JourneyCommon, pages_in_english
from odoo.addons.territory_partner.tests.common import PartnerCommon

from ..hooks import give_each_registration_its_own_token

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def load_french(env):
    env["res.lang"]._activate_lang("fr_FR")
    env["ir.module.module"]._load_module_terms(["territory_concierge_event"], ["fr_FR"], overwrite=True)


class StayCommon(JourneyCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.concierge.lang = "fr_FR"  # the team's language, for the notes nobody of the team writes
        start = datetime.now().replace(microsecond=0) + timedelta(days=10)
        cls.weekend = cls.env["event.event"].create({
            "name": "Week-end sécurité", "stay_kind": "group_weekend", "date_tz": "Europe/Paris",
            "date_begin": start, "date_end": start + timedelta(days=2)})
        cls.journey = cls._create_journey(name="Famille Gamma", contact_name="Gaëlle Gamma",
                                          email_from="gaelle@gamma.example", user_id=cls.concierge.id)

    @classmethod
    def _register(cls, event=None, journey=None, **values):
        journey = journey or cls.journey
        return cls.env["event.registration"].create({
            "event_id": (event or cls.weekend).id, "journey_id": journey.id, "name": journey.contact_name,
            "email": journey.email_from, "stay_answer": "pending", "state": "draft", **values})


@tagged("post_install", "-at_install")
class TestStayAnswerLinks(HttpCase, StayCommon):
    """Review 9: opening an answer link (a mail scanner, a link preview) changes nothing; the
    answer is the page's POST; every registration has its own token; no answer after the stay,
    after attendance or after the conciergerie cancelled."""

    def _link(self, registration, answer, token=None):
        return f"/stay/answer/{registration.id}/{token or registration.sudo().stay_answer_token}/{answer}"

    def _post_answer(self, registration, answer, token=None):
        """What the household's browser does: open the link, press the button."""
        page = self.url_open(self._link(registration, answer, token))
        self.assertEqual(page.status_code, 200)
        csrf = CSRF_INPUT.search(page.text).group(1)
        return self.url_open(self._link(registration, answer, token), data={"csrf_token": csrf})

    def test_head_and_get_change_nothing(self):
        registration = self._register()
        for answer in ("no", "yes", "no"):
            self.url_open(self._link(registration, answer), method="HEAD")  # a mail scanner
            registration.invalidate_recordset()
            self.assertEqual((registration.stay_answer, registration.state), ("pending", "draft"))
            page = self.url_open(self._link(registration, answer))  # a link preview, or the household
            registration.invalidate_recordset()
            self.assertEqual((registration.stay_answer, registration.state), ("pending", "draft"))
            self.assertEqual(page.status_code, 200)
            self.assertIn("o_stay_answer_submit", page.text, "the page asks to press a button")

    def test_answer_is_a_post(self):
        registration = self._register()
        # A cross-site form without this session's CSRF token is refused.
        refused = self.url_open(self._link(registration, "yes"), data={"csrf_token": "forged"})
        self.assertEqual(refused.status_code, 400)
        registration.invalidate_recordset()
        self.assertEqual(registration.state, "draft")
        self.assertEqual(self._post_answer(registration, "yes").status_code, 200)
        registration.invalidate_recordset()
        self.assertEqual((registration.stay_answer, registration.state), ("yes", "open"))
        # A wrong token answers nothing, on a POST too.
        session_csrf = CSRF_INPUT.search(self.url_open(self._link(registration, "no")).text).group(1)
        self.assertEqual(self.url_open(self._link(registration, "no", "0" * 32),
                                       data={"csrf_token": session_csrf}).status_code, 404)
        self.assertEqual(self._post_answer(registration, "no").status_code, 200)
        registration.invalidate_recordset()
        self.assertEqual((registration.stay_answer, registration.state), ("no", "cancel"))

    def test_registrations_of_before_the_install_have_their_own_token(self):
        """The answer column was added with one default computed once: the registrations that
        existed then (Odoo's event demo here) must not share it."""
        before_install = self.env["ir.model.data"].search(
            [("model", "=", "event.registration"), ("module", "=", "event")])
        if len(before_install) < 2:
            self.skipTest("no registration created before the module (Odoo's event demo data)")
        registrations = self.env["event.registration"].browse(before_install.mapped("res_id")).sudo()
        tokens = registrations.mapped("stay_answer_token")
        self.assertEqual(len(set(tokens)), len(registrations), "each registration has its own token")
        # Over HTTP, one's token does not open another, whatever the event.
        first, second = registrations[:2]
        first_state = first.state
        for method in ("HEAD", "GET"):
            self.assertEqual(
                self.url_open(self._link(first, "no", second.stay_answer_token), method=method).status_code, 404)
        stay_registration = self._register()
        self.assertNotIn(stay_registration.sudo().stay_answer_token, tokens)
        self.assertEqual(self.url_open(self._link(stay_registration, "no", first.stay_answer_token)).status_code, 404)
        first.invalidate_recordset()
        self.assertEqual(first.state, first_state)

    def test_install_hook_gives_each_existing_registration_its_own_token(self):
        """What the install (and the migration) does to rows that got the same token."""
        one, two = self._register(), self._register(journey=self._create_journey(
            name="Famille Delta", contact_name="Denis Delta", email_from="denis@delta.example"))
        invited = self._register(journey=self._create_journey(
            name="Famille Eta", contact_name="Elsa Eta", email_from="elsa@eta.example"))
        invited_token = invited.sudo().stay_answer_token
        self.env.flush_all()
        self.env.cr.execute("UPDATE event_registration SET stay_answer_token = 'shared' WHERE id IN %s",
                            [(one.id, two.id)])
        give_each_registration_its_own_token(self.env)
        tokens = (one | two).sudo().mapped("stay_answer_token")
        self.assertNotIn("shared", tokens)
        self.assertEqual(len(set(tokens)), 2)
        self.assertEqual(invited.sudo().stay_answer_token, invited_token, "a link already e-mailed still works")

    def test_link_of_a_regular_event_answers_nothing(self):
        regular = self.env["event.event"].create({
            "name": "Conférence ordinaire", "date_begin": self.weekend.date_begin,
            "date_end": self.weekend.date_end})
        registration = self.env["event.registration"].create({"event_id": regular.id, "name": "Visiteur"})
        registration.action_confirm()
        for method in ("HEAD", "GET"):
            self.assertEqual(self.url_open(self._link(registration, "no"), method=method).status_code, 404)
        self.assertEqual(registration.state, "open")

    def test_past_attended_or_cancelled_stay_is_refused(self):
        attended = self._register(state="open", stay_answer="yes")
        attended.action_set_done()
        cancelled_by_staff = self._register(journey=self._create_journey(
            name="Famille Epsilon", contact_name="Eva Epsilon", email_from="eva@epsilon.example"))
        cancelled_by_staff.action_cancel()
        past_stay = self.env["event.event"].create({
            "name": "Week-end passé", "stay_kind": "group_weekend",
            "date_begin": datetime.now() - timedelta(days=5), "date_end": datetime.now() - timedelta(days=3)})
        past = self._register(event=past_stay, journey=self._create_journey(
            name="Famille Zeta", contact_name="Zoé Zeta", email_from="zoe@zeta.example"))
        # The pages speak the invitation's language: French by default.
        for registration, state, reason in (
                (attended, "done", "Votre présence est déjà enregistrée"),
                (cancelled_by_staff, "cancel", "Cette invitation a été annulée par la conciergerie"),
                (past, "draft", "Ce séjour est terminé")):
            for answer in ("yes", "no"):
                page = self.url_open(self._link(registration, answer))
                self.assertEqual(page.status_code, 409)
                self.assertIn(reason, page.text)
                self.assertNotIn("o_stay_answer_submit", page.text)
                # A POST crafted anyway is refused the same way.
                session_csrf = CSRF_INPUT.search(self.url_open("/web/login").text).group(1)
                posted = self.url_open(self._link(registration, answer), data={"csrf_token": session_csrf})
                self.assertEqual(posted.status_code, 409)
                self.assertIn(reason, posted.text)
                registration.invalidate_recordset()
                self.assertEqual(registration.state, state)

    def test_the_household_can_change_its_mind_before_the_stay(self):
        registration = self._register()
        self._post_answer(registration, "no")
        self._post_answer(registration, "yes")
        registration.invalidate_recordset()
        self.assertEqual((registration.stay_answer, registration.state), ("yes", "open"))
        notes = self.journey.message_ids.filtered(lambda m: "Gaëlle Gamma" in (m.body or ""))
        self.assertEqual(len(notes), 2, "one note per change, in the concierge's language")
        self.assertIn("a répondu", notes[0].body)
        self._post_answer(registration, "yes")
        self.assertEqual(len(self.journey.message_ids.filtered(lambda m: "Gaëlle Gamma" in (m.body or ""))), 2,
                         "the same answer again changes nothing")


@tagged("post_install", "-at_install")
class TestStaySlotsOnPortals(HttpCase, PartnerCommon):
    """Review 10: a slot's contact sees it only as far as a share allows (a sponsorship: the
    ambassador module's ``crm.lead._known_to_portal_partner``, tested there)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        start = datetime.now().replace(microsecond=0) + timedelta(days=6)
        cls.visit = cls.env["event.event"].create({
            "name": "Visite individuelle — famille Consentante à Chaumont", "stay_kind": "individual_visit",
            "date_begin": start, "date_end": start + timedelta(days=1), "date_tz": "Europe/Paris"})
        registrations = cls.env["event.registration"].create([
            {"event_id": cls.visit.id, "journey_id": cls.journey.id, "name": "Alice Consentante",
             "email": "alice@consent.example", "state": "open"}])
        cls.env["territory.stay.slot"].create([
            {"registration_id": registrations[0].id, "date_begin": start + timedelta(hours=2), "kind": "employer",
             "name": "Rencontre atelier Usine", "contact_id": cls.employer_user.partner_id.id}])

    def _page(self, user):
        """The page of the user's role that lists where they are expected."""
        self.authenticate(user.login, user.login + "x" * (8 - len(user.login)))
        return self.url_open("/my/shared-journeys").text

    def test_employer_sees_a_slot_only_within_an_open_share(self):
        self.assertNotIn("Rencontre atelier Usine", self._page(self.employer_user), "no share, no slot")
        share = self._share()  # household and jobs: no identity
        page = self._page(self.employer_user)
        self.assertIn("Rencontre atelier Usine", page)
        self.assertNotIn("Consentante", page, "the household is not named without the identity scope")
        self.assertIn(f"Discovery stay: {share.household_label}", page)
        self.assertNotIn(f"Household no. {self.journey.id}", page, "no database id as a household's name")
        share.sudo().write({"state": "closed", "close_reason": "done"})
        page = self._page(self.employer_user)
        self.assertNotIn("Rencontre atelier Usine", page, "closed share, no slot")
        self.assertNotIn("Consentante", page)
        self._share(scope_identity=True)
        self.assertIn("Visite individuelle — famille Consentante", self._page(self.employer_user))
        self.journey.with_user(self.manager).action_anonymise_on_request()
        page = self._page(self.employer_user)
        self.assertNotIn("Rencontre atelier Usine", page, "anonymised journey, no slot")
        self.assertNotIn("Consentante", page)


@tagged("post_install", "-at_install")
class TestStayRegistrationForm(StayCommon):
    """Review 12a / 15.3 / 15.2 / 20.1 / 20.2: the registration form as each role, the stays menu,
    attendance of a regular event, the language of the scheduled job's notes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk_user = new_test_user(cls.env, "tce_desk", "event.group_event_registration_desk", name="Dora Desk")
        cls.event_user = new_test_user(cls.env, "tce_event_user", "event.group_event_user", name="Ed Events")
        cls.employer = cls.env["res.partner"].create({"name": "Usine Formulaire", "is_company": True,
                                                      "organisation_type": "employer"})
        cls.env["territory.opportunity"].create({
            "name": "Infirmier de jour", "kind": "job", "sector": "Santé", "partner_org_id": cls.employer.id,
            "commune_id": cls.town_with_station.id})
        cls.journey.sudo().household_member_ids = cls._household()

    def _form_action(self, user):
        action = self.env["ir.actions.act_window"].with_user(user)._for_xml_id(
            "territory_concierge_event.event_registration_action_stays")
        return {mode: view_id for view_id, mode in action["views"]}["form"]

    def test_concierge_opens_a_stay_registration_and_presses_its_buttons(self):
        registration = self._register(state="open", stay_answer="yes")
        as_concierge = registration.with_user(self.concierge)
        with Form(as_concierge, view=self._form_action(self.concierge)) as form:
            self.assertEqual(form.journey_id, self.journey)
            self.assertEqual(form.state, "open")
        as_concierge.action_suggest_itinerary()
        self.assertTrue(registration.stay_slot_ids, "suggested meetings")
        as_concierge.with_context(force_report_rendering=False).action_send_itinerary()
        self.assertTrue(registration.itinerary_sent_date)
        as_concierge.action_set_done()
        self.assertEqual(registration.state, "done")
        self.assertEqual(self.journey.stage_id, self.stages["discovery_stay"])
        Form(as_concierge, view=self._form_action(self.concierge))  # still opens once attended

    def test_events_users_open_registrations_without_stay_fields(self):
        registration = self._register(state="open")
        self.env["territory.stay.slot"].create({"registration_id": registration.id, "name": "Mairie",
                                                "date_begin": self.weekend.date_begin})
        regular = self.env["event.event"].create({
            "name": "Salon", "date_begin": self.weekend.date_begin, "date_end": self.weekend.date_end})
        for user in (self.desk_user, self.event_user):
            with Form(self.env["event.registration"].with_user(user)) as form:
                form.event_id = regular.with_user(user)
                form.name = "Visiteur du salon"
            Form(registration.with_user(user))  # a stay registration opens too, without the stay fields

    def test_stays_menu_context_evaluates_like_the_web_client(self):
        for user in (self.concierge, self.manager):
            xml_id = "territory_concierge_event.event_event_action_stays"
            self.assertEqual(self.env.ref("territory_concierge_event.menu_stays").action, self.env.ref(xml_id))
            action = self.env["ir.actions.act_window"].with_user(user)._for_xml_id(xml_id)
            # The web client evaluates it with the user's context and these names, nothing like ref().
            context = safe_eval(action["context"], {"uid": user.id, "active_id": False, "active_ids": [],
                                                   "active_model": False, "context_today": datetime.today,
                                                   **user.context_get()})
            self.assertEqual(context["default_event_type_id"],
                             self.env.ref("territory_concierge_event.event_type_discovery_weekend").id)
            stays = self.env["event.event"].with_user(user).with_context(**context)
            self.assertIn(self.weekend, stays.search(safe_eval(action["domain"])))
            form = Form(stays)
            form.name = f"Week-end créé par {user.name}"
            form.date_begin = self.weekend.date_begin
            form.date_end = self.weekend.date_end
            created = form.save()
            self.assertEqual(created.stay_kind, "group_weekend")
            self.assertEqual(created.event_type_id,
                             self.env.ref("territory_concierge_event.event_type_discovery_weekend"))

    def test_attending_a_regular_event_leaves_the_journey(self):
        stage = self.journey.stage_id
        regular = self.env["event.event"].create({
            "name": "Forum de l'emploi", "date_begin": self.weekend.date_begin, "date_end": self.weekend.date_end})
        registration = self._register(event=regular, state="open")
        registration.with_user(self.concierge).action_set_done()
        self.assertEqual(self.journey.stage_id, stage)
        self.assertFalse(self.journey.message_ids.filtered(lambda m: "Forum de l'emploi" in (m.body or "")))

    def test_feedback_job_writes_its_notes_in_french(self):
        registration = self._register(state="open", stay_answer="yes")
        registration.action_set_done()
        self.weekend.write({"date_begin": datetime.now() - timedelta(days=3),
                            "date_end": datetime.now() - timedelta(days=1)})
        # As the scheduler runs it: the job's user, an empty context (no language).
        cron_env = api.Environment(self.env.cr, SUPERUSER_ID, {})
        cron_env["event.registration"]._cron_send_stay_feedback()
        self.assertTrue(registration.survey_user_input_id)
        bodies = " ".join(self.journey.message_ids.mapped("body"))
        self.assertIn("Questionnaire de retour envoyé après Week-end sécurité", bodies)
        self.assertNotIn("Feedback survey sent", bodies)


@tagged("post_install", "-at_install")
class TestEventRegistrationPhoneWithStays(test_event_internals.TestEventRegistrationPhone):
    """Odoo's own test of the registration form as an Events desk user, run with the stays
    installed: the desk must not load the conciergerie's fields (review 15.3)."""

    allow_inherited_tests_method = True  # Odoo's test methods, not copies
