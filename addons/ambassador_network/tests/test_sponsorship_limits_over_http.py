from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.territory_concierge.tests.common import pages_in_english

from .common import AMBASSADOR_WORDING, SponsorshipCommon

SECRET_FILE = b"Compte rendu confidentiel du foyer"


@tagged("post_install", "-at_install")
class TestEndedSponsorshipFiles(HttpCase, SponsorshipCommon):
    """Once a sponsorship ended, the files of its thread are no longer served to token
    holders: the ambassador signed in, or anyone with an e-mailed or chatter link."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.sponsorship = cls._active()
        cls.attachment = cls.env["ir.attachment"].create({
            "name": "compte-rendu.txt", "raw": SECRET_FILE, "mimetype": "text/plain",
            "res_model": "territory.sponsorship", "res_id": cls.sponsorship.id})
        cls.sponsorship.message_post(
            body="Compte rendu de la rencontre", message_type="comment", subtype_xmlid="mail.mt_comment",
            author_id=cls.concierge.partner_id.id, attachment_ids=cls.attachment.ids)
        # What the ambassador got while the sponsorship was open: an e-mailed download link
        # and the signed token Odoo's chatter hands out with each attachment.
        cls.stored_token = cls.attachment.generate_access_token()[0]
        cls.signed_token = cls.attachment._get_raw_access_token()

    def _downloads(self):
        return {
            "stored token": self.url_open(f"/web/content/{self.attachment.id}?access_token={self.stored_token}"),
            "signed token": self.url_open(f"/web/content/{self.attachment.id}?access_token={self.signed_token}"),
        }

    def test_withdrawn_consent_ends_the_files(self):
        self._login(self.anne_user)
        for how, response in self._downloads().items():
            self.assertEqual(response.content, SECRET_FILE, how)

        self.family_one.consent_ids.with_user(self.concierge).action_withdraw()
        self.assertEqual((self.sponsorship.state, self.sponsorship.end_reason), ("ended", "consent_withdrawn"))

        for session in ("ambassador", None):
            if session:
                self._login(self.anne_user)
            else:
                self.authenticate(None, None)
            for how, response in self._downloads().items():
                with self.subTest(how=how, session=session):
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(SECRET_FILE, response.content)
        self.assertFalse(self.attachment.sudo().access_token, "the e-mailed links stop working")
        # The conciergerie keeps its records.
        self.assertEqual(self.attachment.with_user(self.concierge).raw, SECRET_FILE)

    def test_declined_sponsorship_files_are_not_served(self):
        proposed = self._propose(journey=self.family_two, ambassador=self.ambassador_bruno)
        attachment = self.env["ir.attachment"].create({
            "name": "note.txt", "raw": SECRET_FILE, "mimetype": "text/plain",
            "res_model": "territory.sponsorship", "res_id": proposed.id})
        signed_token = attachment._get_raw_access_token()
        proposed.with_user(self.bruno_user).action_ambassador_decline("Pas disponible")
        self._login(self.bruno_user)
        response = self.url_open(f"/web/content/{attachment.id}?access_token={signed_token}")
        self.assertIn(response.status_code, (403, 404))


@tagged("post_install", "-at_install")
class TestAmbassadorProfileLimits(HttpCase, SponsorshipCommon):
    """The profile's limits hold on the server, whatever route calls the method."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)

    def _call_kw(self, *args):
        return self.make_jsonrpc_request("/web/dataset/call_kw/res.partner/action_ambassador_update_profile", {
            "model": "res.partner", "method": "action_ambassador_update_profile",
            "args": [[self.ambassador_anne.id], *args], "kwargs": {}})

    def test_out_of_range_capacity_and_long_texts_are_refused(self):
        self._login(self.anne_user)
        for label, args in (("capacity 99", ("Le mercredi", "anglais", 99)),
                            ("capacity -3", ("Le mercredi", "anglais", -3)),
                            ("long availability", ("x" * 20000, "anglais", 1)),
                            ("long languages", ("Le mercredi", "y" * 1000, 1))):
            with self.subTest(label), self.assertRaises(JsonRpcException):
                self._call_kw(*args)
        self.ambassador_anne.invalidate_recordset()
        self.assertEqual(self.ambassador_anne.sponsorship_capacity, 1)
        self.assertFalse(self.ambassador_anne.ambassador_availability)
        self._call_kw("Le mercredi", "anglais", 5)
        self.ambassador_anne.invalidate_recordset()
        self.assertEqual(self.ambassador_anne.sponsorship_capacity, 5)

    def test_the_maximum_is_a_setting_of_the_conciergerie(self):
        settings = self.team.with_user(self.manager)
        self.assertEqual(settings.max_sponsorship_capacity, 5)
        settings.max_sponsorship_capacity = 8
        self._login(self.anne_user)
        self.assertIn('max="8"', self.url_open("/my/ambassador").text)
        self._call_kw("Le mercredi", "anglais", 8)
        self.ambassador_anne.invalidate_recordset()
        self.assertEqual(self.ambassador_anne.sponsorship_capacity, 8)
        with self.assertRaises(JsonRpcException):
            self._call_kw("Le mercredi", "anglais", 9)


@tagged("post_install", "-at_install")
class TestProposedSponsorshipShowsFirstNames(HttpCase, SponsorshipCommon):
    """Before the household agreed to this ambassador, the page shows what the README lists
    (first names, children, interests, communes, dates): not its surname nor where it lives now."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        pages_in_english(cls.env)
        cls.benali = cls._create_journey(
            name="Famille Benali", contact_name="Samir Benali", email_from="samir@benali.example",
            phone="+33 6 98 76 54 32", origin_city="Marseille", wished_commune_ids=[Command.set(cls.village.ids)],
            household_member_ids=[Command.create({"role": "adult", "name": "Samir", "age": 38}),
                                  Command.create({"role": "adult", "name": "Leïla", "age": 36}),
                                  Command.create({"role": "child", "name": "Nour", "age": 7})],
            consent_ids=[Command.create({"purpose": "ambassador", "wording": AMBASSADOR_WORDING,
                                         "source": "phone"})])
        cls.sponsorship = cls._propose(journey=cls.benali)

    def test_proposed_then_agreed(self):
        self._login(self.anne_user)
        label = self.sponsorship.with_user(self.anne_user).read(["household_label", "display_name"])[0]
        self.assertIn("Samir", label["household_label"])
        self.assertNotIn("Benali", str(label))
        page = self.url_open(f"/my/sponsorships/{self.sponsorship.id}")
        self.assertEqual(page.status_code, 200)
        for promised in ("Samir", "Leïla", "Nour", "Petitbourg"):
            self.assertIn(promised, page.text)
        for hidden in ("Benali", "Marseille", "98 76 54 32"):
            with self.subTest(hidden=hidden):
                self.assertNotIn(hidden, page.text)
        listing = self.url_open("/my/sponsorships").text
        self.assertIn("Samir", listing)
        self.assertNotIn("Benali", listing)

        # Both sides agreed: how to reach the household, and where it comes from.
        self.sponsorship.with_user(self.anne_user).action_ambassador_agree()
        self.sponsorship.with_user(self.concierge).action_family_agree()
        self.assertEqual(self.sponsorship.state, "accepted")
        page = self.url_open(f"/my/sponsorships/{self.sponsorship.id}")
        for shown in ("Samir Benali", "98 76 54 32", "samir@benali.example", "Marseille"):
            self.assertIn(shown, page.text)
