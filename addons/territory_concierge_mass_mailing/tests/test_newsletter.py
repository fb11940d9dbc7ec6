"""The newsletter list follows the households' consents both ways: a newsletter consent puts the
household on the list, a withdrawal opts it out, and the unsubscribe link of a mailing (mass
mailing's own pages, as the anonymous recipient) withdraws the consent, logged on the journey."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.territory_concierge.tests.common import JourneyCommon
from odoo.addons.territory_concierge.tests.family_portal import FamilyPortalCommon
from odoo.addons.territory_concierge_mass_mailing import post_init_hook


class NewsletterCommon(JourneyCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newsletter = cls.env.ref("territory_concierge_mass_mailing.mailing_list_newsletter")

    @classmethod
    def _consent(cls, journey, purpose="newsletter", user=None):
        return cls.env["territory.consent"].with_user(user or cls.concierge).create({
            "journey_id": journey.id, "purpose": purpose, "source": "phone",
            "wording": "Je souhaite recevoir la lettre d'information de la conciergerie.",
        })

    def _contact(self, email):
        return self.env["mailing.contact"].search([("email_normalized", "=", email)])

    def _subscription(self, email):
        return self.newsletter.subscription_ids.filtered(lambda s: s.contact_id.email_normalized == email)


@tagged("post_install", "-at_install")
class TestNewsletterConsents(NewsletterCommon):

    def test_list_is_shipped_in_french_and_not_offered_on_the_preferences_page(self):
        self.assertEqual(self.newsletter.name, "Lettre d'information de la conciergerie")
        self.assertFalse(self.newsletter.is_public)

    def test_consent_subscribes_and_withdrawal_opts_out(self):
        journey = self._create_journey(name="Famille Lettre", contact_name="Léa Lettre",
                                       email_from="Léa Lettre <lea.lettre@households.example.com>")
        self.assertFalse(self._subscription("lea.lettre@households.example.com"))
        consent = self._consent(journey)
        subscription = self._subscription("lea.lettre@households.example.com")
        self.assertEqual(len(subscription), 1)
        self.assertFalse(subscription.opt_out)
        self.assertEqual(subscription.contact_id.name, "Léa Lettre")

        consent.with_user(self.concierge).action_withdraw()
        self.assertTrue(subscription.opt_out, "a withdrawal opts the household out of the list")
        self.assertTrue(subscription.opt_out_datetime)

        # Agreeing again (a new consent) opts the same contact in again.
        self._consent(journey)
        self.assertFalse(subscription.opt_out)
        self.assertEqual(self._subscription("lea.lettre@households.example.com"), subscription)

    def test_household_without_the_consent_is_never_added(self):
        journey = self._create_journey(name="Famille Sans Lettre", email_from="sans.lettre@households.example.com")
        for purpose in ("concierge_contact", "partner_sharing", "ambassador"):
            self._consent(journey, purpose=purpose)
        self.assertFalse(self._subscription("sans.lettre@households.example.com"))
        self.assertFalse(self._contact("sans.lettre@households.example.com"))
        # Nor by hand in Email Marketing: joining the list is a consent recorded on the journey.
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["mailing.contact"].create({
                "name": "Sans Lettre", "email": "sans.lettre@households.example.com",
                "list_ids": [(4, self.newsletter.id)]})
        # A withdrawn consent does not count either.
        self._consent(journey).action_withdraw()
        contact = self._contact("sans.lettre@households.example.com")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            contact.subscription_ids.filtered(lambda s: s.list_id == self.newsletter).opt_out = False

    def test_opt_out_in_email_marketing_withdraws_every_newsletter_consent_of_the_address(self):
        first = self._create_journey(name="Famille Double", email_from="double@households.example.com")
        second = self._create_journey(name="Famille Double (bis)", email_from="double@households.example.com")
        consents = self._consent(first) | self._consent(second)
        subscription = self._subscription("double@households.example.com")
        self.assertEqual(len(subscription), 1, "one contact per address")
        subscription.opt_out = True
        self.assertFalse(any(consents.mapped("is_active")))
        for journey in first | second:
            self.assertTrue(journey.message_ids.filtered(lambda m: "Consent withdrawn" in (m.body or "")
                                                         or "Consentement retiré" in (m.body or "")))

    def test_erasure_removes_the_address_from_the_list(self):
        journey = self._create_journey(name="Famille Effacée", email_from="effacee@households.example.com")
        self._consent(journey)
        self.assertTrue(self._subscription("effacee@households.example.com"))
        journey.with_user(self.manager).action_anonymise_on_request()
        self.assertFalse(self._subscription("effacee@households.example.com"))
        self.assertFalse(self._contact("effacee@households.example.com"))

    def test_install_hook_subscribes_households_who_consented_before(self):
        journey = self._create_journey(name="Famille Ancienne", email_from="ancienne@households.example.com")
        self._consent(journey)
        self._subscription("ancienne@households.example.com").contact_id.unlink()
        post_init_hook(self.env)
        self.assertFalse(self._subscription("ancienne@households.example.com").opt_out)

    def test_staff_without_email_marketing_rights_open_campaigns(self):
        campaign = self.env["utm.campaign"].create({"name": "Salon de l'installation"})
        self.env["mailing.mailing"].create({"name": "Invitation", "subject": "Invitation", "campaign_id": campaign.id,
                                            "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                                            "contact_list_ids": [(4, self.newsletter.id)]})
        for user in self.concierge | self.manager:
            self.assertFalse(self.env["mailing.mailing"].with_user(user).has_access("read"))
            form = self.env["utm.campaign"].with_user(user).get_views([[False, "form"]])["views"]["form"]
            self.assertIn("ab_testing_mailings_count", form["arch"])
            self.assertEqual(campaign.with_user(user).read(["ab_testing_mailings_count"])[0][
                "ab_testing_mailings_count"], 0)
            campaign.invalidate_recordset()

    def test_many_consents_cost_a_bounded_number_of_queries(self):
        journeys = self.env["crm.lead"].with_user(self.concierge).create([{
            "name": f"Famille {i}", "team_id": self.team.id, "type": "opportunity",
            "email_from": f"famille{i}@households.example.com"} for i in range(20)])
        self.env.flush_all()
        with self.assertQueryCount(30):
            self.env["territory.consent"].with_user(self.concierge).create([{
                "journey_id": journey.id, "purpose": "newsletter", "source": "phone", "wording": "Oui."}
                for journey in journeys])
            self.env.flush_all()
        self.assertEqual(len(self.newsletter.subscription_ids.filtered(
            lambda s: s.contact_id.email_normalized.startswith("famille"))), 20)


@tagged("post_install", "-at_install")
class TestNewsletterUnsubscribeLink(NewsletterCommon, MockEmail, HttpCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._init_mail_gateway()
        cls.alice = cls._create_journey(name="Famille Alice", email_from="alice@households.example.com")
        cls.bruno = cls._create_journey(name="Famille Bruno", email_from="bruno@households.example.com")
        cls.alice_consent = cls._consent(cls.alice)
        cls.bruno_consent = cls._consent(cls.bruno)
        cls.mailing = cls.env["mailing.mailing"].create({
            "name": "Lettre de novembre",
            "subject": "Les nouvelles de la conciergerie",
            "body_html": '<p>Bonjour <t t-out="object.name"/></p><a href="/unsubscribe_from_list">Se désinscrire</a>',
            "mailing_model_id": cls.env["ir.model"]._get_id("mailing.list"),
            "contact_list_ids": [(4, cls.newsletter.id)],
            "mailing_type": "mail",
        })

    def _unsubscribe_url(self, email):
        """The unsubscribe link of the e-mail the mailing sent to this address."""
        sent = [mail for mail in self._mails if email in " ".join(mail["email_to"])]
        self.assertEqual(len(sent), 1, f"the mailing was sent once to {email}")
        match = re.search(r'href="([^"]*/mailing/\d+/confirm_unsubscribe\?[^"]*)"', sent[0]["body"])
        self.assertTrue(match, "the e-mail holds its recipient's unsubscribe link")
        url = urlsplit(unescape(match.group(1)))
        return f"{url.path}?{url.query}", {key: values[0] for key, values in parse_qs(url.query).items()}

    def _confirm(self, path, params):
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open("/mailing/confirm_unsubscribe", data={
            "csrf_token": csrf_token, "mailing_id": self.mailing.id, **{
                key: params.get(key) for key in ("document_id", "email", "hash_token")}})

    @mute_logger("odoo.addons.mail.models.mail_mail", "odoo.addons.mass_mailing.models.mailing")
    def test_unsubscribe_link_withdraws_the_consent_and_cannot_unsubscribe_someone_else(self):
        with self.mock_mail_gateway(mail_unlink_sent=False):
            self.mailing.action_send_mail()
        alice_path, alice_params = self._unsubscribe_url("alice@households.example.com")
        _bruno_path, bruno_params = self._unsubscribe_url("bruno@households.example.com")

        # Opening the link (a mail scanner does) changes nothing.
        self.assertEqual(self.url_open(alice_path).status_code, 200)
        self.assertTrue(self.alice_consent.is_active)

        # Alice's token with Bruno's address and contact: refused, Bruno stays subscribed.
        response = self.url_open("/mailing/confirm_unsubscribe", data={
            "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(alice_path).text).group(1),
            "mailing_id": self.mailing.id, "document_id": bruno_params["document_id"],
            "email": bruno_params["email"], "hash_token": alice_params["hash_token"]})
        self.assertEqual(response.status_code, 401)
        self.assertTrue(self.bruno_consent.is_active)
        self.assertFalse(self._subscription("bruno@households.example.com").opt_out)

        # Alice confirms: her consent is withdrawn and the withdrawal logged on her journey.
        self.assertEqual(self._confirm(alice_path, alice_params).status_code, 200)
        self.env.invalidate_all()
        self.assertTrue(self._subscription("alice@households.example.com").opt_out)
        self.assertFalse(self.alice_consent.is_active)
        self.assertTrue(self.alice_consent.date_withdrawn)
        self.assertTrue(self.alice.message_ids.filtered(
            lambda m: "Consent withdrawn" in (m.body or "") or "Consentement retiré" in (m.body or "")))
        self.assertTrue(self.bruno_consent.is_active, "Bruno's consent is his own")
        self.assertFalse(self._subscription("bruno@households.example.com").opt_out)

    @mute_logger("odoo.addons.mail.models.mail_mail", "odoo.addons.mass_mailing.models.mailing")
    def test_unsubscribe_link_works_for_a_signed_in_portal_user(self):
        """The token of the link proves the address, whoever is signed in (here a portal user
        who has no journey): the consent is withdrawn as for the anonymous recipient."""
        with self.mock_mail_gateway(mail_unlink_sent=False):
            self.mailing.action_send_mail()
        alice_path, alice_params = self._unsubscribe_url("alice@households.example.com")
        portal = new_test_user(self.env, "tcm_portal_reader", "base.group_portal", email="autre@example.com")
        self.authenticate(portal.login, portal.login)
        self.assertEqual(self._confirm(alice_path, alice_params).status_code, 200)
        self.env.invalidate_all()
        self.assertTrue(self._subscription("alice@households.example.com").opt_out)
        self.assertFalse(self.alice_consent.is_active)
        self.assertTrue(self.bruno_consent.is_active)


@tagged("post_install", "-at_install")
class TestNewsletterPreferencesPageOfPortalUsers(NewsletterCommon, FamilyPortalCommon, HttpCase):
    """Third outside review (H2): a portal user typed a household's address as their own e-mail
    in Odoo's portal address form (unverified), then opted out on their preferences page
    (/mailing/my, signed in, no token): the household's newsletter consent was withdrawn."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.victim_consent = cls.household_two.consent_ids.filtered(lambda c: c.purpose == "newsletter")
        cls.own_consent = cls.household_one.consent_ids.filtered(lambda c: c.purpose == "newsletter")

    def _type_as_own_email(self, user, email):
        """As the attack did: Odoo's portal address form, signed in as ``user``."""
        self.authenticate(user.login, user.login)
        page = self.url_open(f"/my/address?partner_id={user.partner_id.id}")
        self.assertEqual(page.status_code, 200)
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open("/my/address/submit", data={
            "csrf_token": csrf_token, "partner_id": user.partner_id.id, "name": user.name, "email": email,
            "phone": "0601020304", "street": "1 rue de la Gare", "city": "Chaumont", "zip": "52000",
            "country_id": self.env.ref("base.fr").id})
        self.assertEqual(response.status_code, 200)
        user.partner_id.invalidate_recordset()
        self.assertEqual(user.partner_id.email, email, "Odoo's portal lets the user type any e-mail")

    def _opt_out_of_everything(self):
        """The preferences page's "Mettre à jour", with every box unticked."""
        return self.make_jsonrpc_request("/mailing/list/update", {"lists_optin_ids": []})

    def test_portal_user_with_a_households_address_cannot_withdraw_its_consent(self):
        for user in (self.plain_portal_user, self.household_one_user):
            with self.subTest(user=user.login):
                self._type_as_own_email(user, "deux@foyer.example")
                page = self.url_open("/mailing/my")
                self.assertEqual(page.status_code, 200)
                self.assertFalse(self.newsletter.name in unescape(page.text),
                                 "the household's list is not offered to someone else")
                self._opt_out_of_everything()
                self.env.invalidate_all()
                self.assertTrue(self.victim_consent.is_active, "the household's consent is its own")
                self.assertFalse(self._subscription("deux@foyer.example").opt_out)
                self.assertTrue(self.own_consent.is_active)

    def test_household_opts_out_of_its_own_newsletter_on_its_preferences_page(self):
        self.authenticate(self.household_one_user.login, self.household_one_user.login)
        page = self.url_open("/mailing/my")
        self.assertIn(self.newsletter.name, unescape(page.text))
        self._opt_out_of_everything()
        self.env.invalidate_all()
        self.assertFalse(self.own_consent.is_active, "the household withdraws its own consent")
        self.assertTrue(self._subscription("un@foyer.example").opt_out)
        self.assertTrue(self.victim_consent.is_active)
