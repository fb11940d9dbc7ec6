"""E-mails to the journeys team's alias (accueil@): a new household gets a journey with the
only consent its e-mail gives, replies land in the journey's chatter, and a known household's
e-mail never changes its journey. Raw RFC 822 messages go through Odoo's mail gateway."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail

from .common import JourneyCommon

RAW_EMAIL = """Return-Path: <{email_from}>
To: {to}
From: {sender}
Subject: {subject}
Message-ID: {msg_id}
{extra}Date: Sun, 29 Nov 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

{body}
"""


@tagged("post_install", "-at_install")
class TestIncomingMail(JourneyCommon, MockEmail):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._init_mail_gateway()
        # The desk's configuration: the alias domain (Settings > General), shipped alias name.
        cls.team.alias_domain_id = cls.mail_alias_domain
        cls.desk_address = f"accueil@{cls.alias_domain}"

    def _receive(self, sender, subject, *, body="Bonjour, nous aimerions nous installer en Haute-Marne.",
                 msg_id=None, extra="", to=None):
        """Feed a raw e-mail to the gateway as the incoming mail server does (administrative rights)."""
        msg_id = msg_id or f"<{subject.replace(' ', '-')}@households.example.com>"
        email_from = sender.split("<")[-1].strip(">")
        raw = RAW_EMAIL.format(to=to or self.desk_address, sender=sender, email_from=email_from,
                               subject=subject, msg_id=msg_id, extra=extra, body=body)
        return self.env["mail.thread"].sudo().message_process(None, raw)

    def test_alias_is_shipped_on_the_journeys_team(self):
        self.assertEqual(self.team.alias_name, "accueil")
        self.assertEqual(self.team.alias_model_id.model, "crm.lead")
        self.assertEqual(self.team.alias_id.alias_full_name, self.desk_address)
        defaults = self.team.alias_id.alias_defaults
        self.assertIn(f"'team_id': {self.team.id}", defaults)
        self.assertIn("'type': 'opportunity'", defaults)

    def test_email_from_unknown_address_opens_a_journey_with_contact_consent_only(self):
        thread_id = self._receive('"Claire Nouvelle" <claire.nouvelle@households.example.com>',
                                  "Projet d'installation à Langres")
        journey = self.env["crm.lead"].browse(thread_id)
        self.assertTrue(journey.is_journey)
        self.assertEqual(journey.team_id, self.team)
        self.assertEqual(journey.type, "opportunity")
        self.assertEqual(journey.stage_id, self.stages["contacted"], "a new journey starts in the first stage")
        self.assertEqual(journey.email_normalized, "claire.nouvelle@households.example.com")
        self.assertEqual(journey.contact_name, "Claire Nouvelle")
        self.assertIn(journey.user_id, self.concierge | self.concierge_health, "assigned by the team's rules")
        consent = journey.consent_ids
        self.assertEqual(len(consent), 1, "the e-mail gives the consent to be answered, nothing else")
        self.assertEqual((consent.purpose, consent.source, consent.is_active), ("concierge_contact", "email", True))
        self.assertIn("claire.nouvelle@households.example.com", consent.wording)
        self.assertIn("Projet-d'installation-à-Langres@households.example.com", consent.wording,
                      "the proof names the e-mail (Message-Id)")
        self.assertFalse(journey._has_active_consent("newsletter"))
        self.assertFalse(journey.partner_sharing_consent)
        self.assertIn("nous aimerions nous installer", journey.message_ids[0].body,
                      "the e-mail is the first message of the journey")

    def test_reply_lands_in_the_journey_chatter(self):
        journey = self._create_journey(name="Famille Réponse", email_from="reponse@households.example.com")
        with self.mock_mail_gateway():
            sent = journey.with_user(self.concierge).message_post(
                body="Bonjour, quand pouvons-nous vous appeler ?", subject="Votre projet",
                partner_ids=journey._partner_find_from_emails_single([journey.email_from]).ids,
                message_type="comment", subtype_xmlid="mail.mt_comment")
        self.assertTrue(sent.message_id)
        journeys_before = self.env["crm.lead"].search_count([("is_journey", "=", True)])
        thread_id = self._receive(
            "reponse@households.example.com", "Re: Votre projet", body="Mardi matin, merci !",
            msg_id="<reply-1@households.example.com>",
            extra=f"In-Reply-To: {sent.message_id}\nReferences: {sent.message_id}\n")
        self.assertEqual(thread_id, journey.id)
        reply = journey.message_ids.filtered(lambda m: m.message_id == "<reply-1@households.example.com>")
        self.assertEqual(len(reply), 1)
        self.assertIn("Mardi matin", reply.body)
        self.assertEqual(reply.parent_id, sent)
        self.assertEqual(self.env["crm.lead"].search_count([("is_journey", "=", True)]), journeys_before)

    @mute_logger("odoo.addons.territory_concierge.models.crm_lead")
    def test_known_household_email_does_not_change_its_journey(self):
        journey = self._create_journey(
            name="Famille Connue", contact_name="Paul Connu", email_from="paul.connu@households.example.com",
            phone="+33611223344", project_horizon="6_12m",
            stage_id=self.stages["qualified"].id, household_member_ids=self._household())
        journey.action_set_lost()
        self.assertFalse(journey.active)
        tracked = ["name", "contact_name", "email_from", "email_cc", "phone", "partner_id", "stage_id", "active",
                   "user_id", "project_horizon", "description"]
        before = journey.read(tracked)[0]
        consents_before = journey.consent_ids.read(["purpose", "source", "is_active"])
        journeys_before = self.env["crm.lead"].with_context(active_test=False).search_count([])
        thread_id = self._receive('"Quelqu\'un" <Paul.Connu@households.example.com>', "Nouvelle demande",
                                  body="Changez mon adresse et mon téléphone : 0699999999",
                                  extra="Cc: autre.personne@example.com\n")
        self.assertEqual(thread_id, journey.id, "the e-mail lands on the household's journey")
        self.assertEqual(self.env["crm.lead"].with_context(active_test=False).search_count([]), journeys_before,
                         "no new journey")
        journey.invalidate_recordset()
        self.assertEqual(journey.read(tracked)[0], before, "the journey's data and state are unchanged")
        self.assertEqual(journey.consent_ids.read(["purpose", "source", "is_active"]), consents_before,
                         "no consent recorded")
        message = journey.message_ids.filtered(lambda m: m.subject == "Nouvelle demande")
        self.assertEqual(len(message), 1)
        self.assertIn("0699999999", message.body)
