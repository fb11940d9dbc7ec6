import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools.safe_eval import safe_eval

from odoo.addons.territory_concierge.tests.common import pages_in_english

from .common import SHARING_WORDING, PartnerCommon

SECRET_FILE = b"CV confidentiel d'Alice"


class RolesCommon(PartnerCommon):
    """PartnerCommon, plus a salesperson of another sales team (an internal user who is not
    conciergerie staff) and an offer of the employer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_team = cls.env["crm.team"].create({"name": "Ventes Test"})
        cls.salesperson = new_test_user(cls.env, "tp_salesperson", "sales_team.group_sale_salesman",
                                        name="Paul Vendeur", email="paul@ventes.example")
        cls.env["crm.team.member"].create({"crm_team_id": other_team.id, "user_id": cls.salesperson.id})
        cls.offer = cls.env["territory.opportunity"].create({
            "name": "Soudeur", "kind": "job", "partner_org_id": cls.org_employer.id})


@tagged("post_install", "-at_install")
class TestShareRevocationOverHttp(HttpCase, RolesCommon):
    """Withdrawing the consent ends the partner's access to the share's thread and files,
    through Odoo's own chatter and download routes, with a session or a token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.share = cls._share(scope_jobs=True)
        cls.attachment = cls.env["ir.attachment"].create({
            "name": "cv-alice.txt", "raw": SECRET_FILE, "mimetype": "text/plain",
            "res_model": "territory.share", "res_id": cls.share.id})
        cls.message = cls.share.message_post(
            body="Voici le CV d'Alice", message_type="comment", subtype_xmlid="mail.mt_comment",
            author_id=cls.concierge.partner_id.id, attachment_ids=cls.attachment.ids)
        # What the partner got before the revocation: e-mailed download links and the signed
        # token Odoo's chatter hands out with each attachment.
        cls.stored_token = cls.attachment.generate_access_token()[0]
        cls.signed_token = cls.attachment._get_raw_access_token()

    def _thread_as_seen(self):
        """The share's messages the current session gets from both chatter routes."""
        seen = {}
        for route in ("/mail/chatter_fetch", "/mail/thread/messages"):
            try:
                result = self.make_jsonrpc_request(route, {"thread_model": "territory.share",
                                                           "thread_id": self.share.id})
            except JsonRpcException:
                result = {}
            seen[route] = result or {}
        return seen

    def _downloads(self):
        """Portal users have no right on attachments: they download with these tokens."""
        return {
            "stored token": self.url_open(f"/web/content/{self.attachment.id}?access_token={self.stored_token}"),
            "signed token": self.url_open(f"/web/content/{self.attachment.id}?access_token={self.signed_token}"),
        }

    def test_withdrawn_consent_ends_thread_and_files(self):
        # While the share is open, the partner reads the thread and downloads the file.
        self._login(self.employer_user)
        for route, result in self._thread_as_seen().items():
            self.assertIn(self.message.id, result.get("messages", []), route)
        for how, response in self._downloads().items():
            self.assertEqual(response.content, SECRET_FILE, how)

        consent = self.journey.consent_ids.filtered(lambda c: c.purpose == "partner_sharing")
        consent.with_user(self.concierge).action_withdraw()
        self.assertEqual((self.share.state, self.share.close_reason), ("closed", "consent_withdrawn"))

        self._login(self.employer_user)
        self.assertEqual(self.url_open(f"/my/shared-journeys/{self.share.id}").status_code, 404)
        for route, result in self._thread_as_seen().items():
            with self.subTest(route=route):
                self.assertNotIn(self.message.id, result.get("messages", []))
                self.assertNotIn("CV d'Alice", json.dumps(result))
        for how, response in self._downloads().items():
            with self.subTest(how=how, session="partner"):
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(SECRET_FILE, response.content)
        with self.subTest(route="/mail/message/post"), self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request("/mail/message/post", {
                "thread_model": "territory.share", "thread_id": self.share.id,
                "post_data": {"body": "Encore là ?", "message_type": "comment"}})

        # Nobody signed in, with the tokens of the e-mails and of the chatter.
        self.authenticate(None, None)
        for how, response in self._downloads().items():
            with self.subTest(how=how, session=None):
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn(SECRET_FILE, response.content)
        with self.subTest(route="/mail/chatter_fetch with the share's token"):
            try:
                result = self.make_jsonrpc_request("/mail/chatter_fetch", {
                    "thread_model": "territory.share", "thread_id": self.share.id,
                    "token": self.share.sudo()._portal_ensure_token()})
            except JsonRpcException:
                result = {}
            self.assertNotIn("CV d'Alice", json.dumps(result or {}))

        # The conciergerie keeps its records.
        self.assertEqual(self.attachment.with_user(self.concierge).raw, SECRET_FILE)
        self.assertIn(self.message, self.share.with_user(self.concierge).message_ids)


@tagged("post_install", "-at_install")
class TestStaffOnlyMethodsOverRpc(HttpCase, RolesCommon):
    """Closing a share is the conciergerie's: refused to a portal user of another organisation
    over ``call_kw`` and to a salesperson over JSON-2, before anything is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.share = cls._share(scope_jobs=True)

    def _journey_notes(self):
        return self.journey.message_ids.filtered(lambda m: "closed" in (m.body or ""))

    def test_portal_user_of_another_organisation_cannot_close_over_call_kw(self):
        self.authenticate("tp_chamber", "tp_chamber")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request("/web/dataset/call_kw", {
                "model": "territory.share", "method": "action_close", "args": [[self.share.id]], "kwargs": {}})
        self.assertEqual(self.share.state, "proposed")
        self.assertFalse(self._journey_notes())

    def test_salesperson_cannot_close_over_json2(self):
        key = self.env["res.users.apikeys"].with_user(self.salesperson).sudo()._generate(None, "test", None)
        response = self.url_open("/json/2/territory.share/action_close", data=json.dumps({"ids": [self.share.id]}),
                                 headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(self.share.state, "proposed")
        self.assertFalse(self._journey_notes())

    def test_concierge_cannot_forge_proofs_over_json2(self):
        """Third outside review (H5), as it was done: the concierge's own API key, JSON-2."""
        key = self.env["res.users.apikeys"].with_user(self.concierge).sudo()._generate(None, "test", None)

        def json2(model, vals):
            response = self.url_open(f"/json/2/{model}/create", data=json.dumps({"vals_list": [vals]}),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
            self.assertEqual(response.status_code, 200, response.text)
            return self.env[model].browse(response.json())

        consent = json2("territory.consent", {
            "journey_id": self.journey.id, "purpose": "ambassador", "source": "phone", "wording": "forged",
            "date_given": "2020-01-01 10:00:00", "recorded_by_id": self.manager.id})
        self.assertEqual(consent.recorded_by_id, self.concierge)
        self.assertGreater(consent.date_given.year, 2020)
        share = json2("territory.share", {
            "journey_id": self.journey.id, "partner_org_id": self.org_chamber.id, "scope_jobs": True,
            "shared_by_id": self.manager.id, "state": "accepted", "answered_by_id": self.employer_user.id,
            "date_answered": "2026-01-01 00:00:00", "feedback": "forged partner feedback"})
        self.assertEqual((share.shared_by_id, share.state, share.answered_by_id, share.feedback),
                         (self.concierge, "proposed", self.env["res.users"], False))


@tagged("post_install", "-at_install")
class TestPublicMethodsRefused(RolesCommon):
    """Every public method of the module's models, called by the roles that must not: a
    partner contact of another organisation, a family, a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.share = cls._share(scope_jobs=True)

    def _calls(self):
        """(label, call(user)): each must raise AccessError for the roles of the test."""
        def wizard_share(user):
            wizard = self.env["territory.share.wizard"].with_user(user).create({
                "journey_ids": self.journey.ids, "partner_org_ids": self.org_chamber.ids})
            wizard.action_share()

        def match_line_share(user):
            wizard = self.env["territory.match.wizard"].create({"journey_id": self.journey.id})
            line = self.env["territory.match.wizard.line"].create({
                "wizard_id": wizard.id, "journey_id": self.journey.id, "opportunity_id": self.offer.id})
            line.with_user(user).action_share()

        share, offer, org = self.share, self.offer, self.org_employer
        return [
            ("territory.share.action_close", lambda user: share.with_user(user).action_close()),
            ("territory.share.action_partner_accept", lambda user: share.with_user(user).action_partner_accept()),
            ("territory.share.action_partner_decline",
             lambda user: share.with_user(user).action_partner_decline("Non")),
            ("territory.share.action_partner_feedback",
             lambda user: share.with_user(user).action_partner_feedback("Embauché", "hired")),
            ("territory.opportunity.action_suggest_journeys",
             lambda user: offer.with_user(user).action_suggest_journeys()),
            ("res.partner.action_view_partner_opportunities",
             lambda user: org.with_user(user).action_view_partner_opportunities()),
            ("res.partner.action_view_partner_shares", lambda user: org.with_user(user).action_view_partner_shares()),
            ("territory.share.wizard.action_share", wizard_share),
            ("territory.match.wizard.line.action_share", match_line_share),
        ]

    def test_refused_to_other_organisation_family_and_salesperson(self):
        for user in (self.chamber_user, self.family_user, self.salesperson):
            for label, call in self._calls():
                with self.subTest(user=user.login, method=label), self.assertRaises(AccessError):
                    call(user)
        self.assertEqual(self.share.state, "proposed")
        self.assertFalse(self.share.feedback)

    def test_own_partner_contact_cannot_do_the_conciergerie_acts(self):
        for label, call in self._calls():
            if label.startswith("territory.share.action_partner"):
                continue  # the partner's own answers (test_sharing)
            with self.subTest(method=label), self.assertRaises(AccessError):
                call(self.employer_user)
        self.assertEqual(self.share.state, "proposed")

    def test_concierge_still_closes(self):
        self.share.with_user(self.concierge).action_close()
        self.assertEqual(self.share.state, "closed")


@tagged("post_install", "-at_install")
class TestLinkFieldsDoNotLeakContacts(RolesCommon):
    """A partner contact cannot point an offer's contact at anyone to read their e-mail and
    street back through the link's display name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.family_contact = cls.env["res.partner"].create({
            "name": "Famille Cible", "email": "cible@famille.example", "street": "12 rue des Secrets"})
        cls.colleague = cls.env["res.partner"].create({
            "name": "Collègue Usine", "email": "collegue@usine.example", "parent_id": cls.org_employer.id})

    def test_contact_outside_the_organisation_is_refused(self):
        offer = self.offer.with_user(self.employer_user)
        for target in (self.family_contact, self.concierge.partner_id, self.env.ref("base.partner_admin"),
                       self.chamber_user.partner_id):
            with self.subTest(target=target.name):
                with self.assertRaises(AccessError):
                    offer.write({"contact_id": target.id})
                shown = offer.with_context(show_email=True, show_address=True).read(["contact_id"])[0]["contact_id"]
                for secret in filter(None, (target.email, target.street)):
                    self.assertNotIn(secret, str(shown))
        with self.assertRaises(AccessError):
            self.env["territory.opportunity"].with_user(self.employer_user).create({
                "name": "Piège", "kind": "job", "partner_org_id": self.org_employer.id,
                "contact_id": self.family_contact.id})

    def test_own_colleague_and_staff_links_still_work(self):
        self.offer.with_user(self.employer_user).write({"contact_id": self.colleague.id})
        self.assertEqual(self.offer.contact_id, self.colleague)
        self.offer.with_user(self.concierge).write({"contact_id": self.employer_user.partner_id.id})
        self.assertEqual(self.offer.contact_id, self.employer_user.partner_id)


@tagged("post_install", "-at_install")
class TestShareFromThePipeline(RolesCommon):
    """Actions > "Share with partners" on a selection fills the journeys from the action's
    context; a journey without consent is named at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.second_journey = cls._create_journey(
            name="Famille Seconde", contact_name="Chris Second", user_id=cls.concierge.id,
            consent_ids=[(0, 0, {"purpose": "partner_sharing", "wording": SHARING_WORDING, "source": "phone"})])

    def _wizard_from_the_list(self, journeys):
        action = self.env["ir.actions.actions"].with_user(self.concierge)._for_xml_id(
            "territory_partner.territory_share_wizard_action")
        context = safe_eval(action.get("context") or "{}")
        # What the web client adds when the action runs on a list selection.
        context.update(active_model="crm.lead", active_ids=journeys.ids, active_id=journeys[:1].id)
        return Form(self.env[action["res_model"]].with_user(self.concierge).with_context(**context))

    def test_selection_fills_the_journeys(self):
        wizard_form = self._wizard_from_the_list(self.journey | self.second_journey)
        self.assertEqual(set(wizard_form.journey_ids.ids), {self.journey.id, self.second_journey.id})
        wizard_form.partner_org_ids.add(self.org_employer)
        wizard_form.save().action_share()
        shares = self.env["territory.share"].search([("partner_org_id", "=", self.org_employer.id)])
        self.assertEqual(shares.journey_id, self.journey | self.second_journey)

    def test_journeys_without_consent_are_skipped_and_named(self):
        wizard_form = self._wizard_from_the_list(self.journey | self.journey_without_consent)
        self.assertEqual(wizard_form.journey_ids.ids, self.journey.ids, "only the consenting household")
        self.assertRegex(wizard_form.skipped_note, "Famille Réservée.*Consents tab")
        wizard_form.partner_org_ids.add(self.org_employer)
        notification = wizard_form.save().action_share()
        self.assertIn("Famille Réservée", notification["params"]["message"])
        shares = self.env["territory.share"].search([("partner_org_id", "=", self.org_employer.id)])
        self.assertEqual(shares.journey_id, self.journey)

    def test_journey_without_consent_is_named(self):
        with self.assertRaisesRegex(UserError, "Famille Réservée.*Consents tab"):
            self._wizard_from_the_list(self.journey_without_consent)
        # The form's button stays, so the concierge reaches this explanation.
        form_view = self.env.ref("territory_concierge.crm_lead_view_form_journey")
        arch = self.env["crm.lead"].with_user(self.concierge).get_views(
            [(form_view.id, "form")])["views"]["form"]["arch"]
        button = arch.split('name="action_share_with_partners"')[1].split("/>")[0]
        self.assertNotIn("partner_sharing_consent", button)
