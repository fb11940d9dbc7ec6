import json
from ast import literal_eval

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import JourneyCommon

HOUSEHOLD_NAME = "Zélie Effacée-Unique"
HOUSEHOLD_EMAIL = "zelie.effacee@foyer-unique.example"


@tagged("post_install", "-at_install")
class TestPersonalData(HttpCase, JourneyCommon):
    """Erasure leaves nothing of the household behind, the export is never stored, and the
    household's e-mail domain is never sent to Odoo's lead enrichment service."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action_context = literal_eval(cls.env.ref("territory_concierge.crm_lead_action_journeys").context)

    def _household_journey(self):
        """A journey with everything the discussion tools keep: a household contact following
        it, an ID document, a message with an attachment, an e-mail still queued, an activity."""
        contact = self.env["res.partner"].create({"name": HOUSEHOLD_NAME, "email": HOUSEHOLD_EMAIL})
        journey = self._create_journey(name=f"Famille {HOUSEHOLD_NAME}", contact_name=HOUSEHOLD_NAME,
                                       email_from=HOUSEHOLD_EMAIL, partner_id=contact.id,
                                       user_id=self.concierge.id)
        journey = journey.with_user(self.concierge)
        journey.message_subscribe(partner_ids=contact.ids)
        id_document = self.env["ir.attachment"].with_user(self.concierge).create({
            "name": f"Pièce d'identité {HOUSEHOLD_NAME}.pdf", "raw": b"%PDF identity card",
            "res_model": "crm.lead", "res_id": journey.id})
        journey.message_post(body=f"Justificatif de domicile de {HOUSEHOLD_NAME}",
                             attachments=[(f"Domicile {HOUSEHOLD_NAME}.txt", b"EDF bill")])
        self.env["mail.mail"].create({
            "model": "crm.lead", "res_id": journey.id, "email_to": HOUSEHOLD_EMAIL,
            "subject": f"Bienvenue {HOUSEHOLD_NAME}", "body_html": f"<p>Bonjour {HOUSEHOLD_NAME}</p>",
            "attachment_ids": [(0, 0, {"name": f"Pack {HOUSEHOLD_NAME}.txt", "raw": b"pack"})]})
        journey.activity_schedule("mail.mail_activity_data_call", note=f"Rappeler {HOUSEHOLD_NAME}",
                                  user_id=self.concierge.id)
        return journey.with_user(self.env.user), id_document

    def _assert_nothing_left(self, journey, id_document):
        self.assertFalse(id_document.exists(), "the ID document is deleted")
        leftovers = {
            "attachments of the journey": self.env["ir.attachment"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", journey.id)]),
            "attachments named after the household": self.env["ir.attachment"].search(
                [("name", "ilike", HOUSEHOLD_NAME)]),
            "messages": self.env["mail.message"].search(
                ["|", ("body", "ilike", HOUSEHOLD_NAME), "&", ("model", "=", "crm.lead"), ("res_id", "=", journey.id)]),
            "queued e-mails": self.env["mail.mail"].search(
                ["|", ("email_to", "ilike", HOUSEHOLD_EMAIL), ("body_html", "ilike", HOUSEHOLD_NAME)]),
            "followers": self.env["mail.followers"].search(
                [("res_model", "=", "crm.lead"), ("res_id", "=", journey.id)]),
            "activities": self.env["mail.activity"].search(
                ["|", ("note", "ilike", HOUSEHOLD_NAME),
                 "&", ("res_model", "=", "crm.lead"), ("res_id", "=", journey.id)]),
            "journey": self.env["crm.lead"].with_context(active_test=False).search(
                ["|", "|", ("name", "ilike", HOUSEHOLD_NAME), ("contact_name", "ilike", HOUSEHOLD_NAME),
                 ("email_from", "ilike", HOUSEHOLD_EMAIL)]),
        }
        self.assertEqual({what: records.ids for what, records in leftovers.items() if records}, {})

    def test_erasure_on_request_leaves_nothing(self):
        journey, id_document = self._household_journey()
        journey.with_user(self.concierge).action_export_personal_data()
        journey.with_user(self.manager).action_anonymise_on_request()
        self._assert_nothing_left(journey, id_document)
        self.assertTrue(journey.anonymised_date)

    def test_staff_cannot_backdate_a_journey_into_erasure(self):
        """Erasure is the managers': a concierge backdating the last follow-up (or forging the
        furthest stage or the erasure date) would have the retention job erase a household."""
        journey, _id_document = self._household_journey()
        as_concierge = journey.with_user(self.concierge)
        for forged in ({"date_last_followup": "2019-01-01 00:00:00"},
                       {"furthest_stage_id": self.stages["installed"].id},
                       {"anonymised_date": "2019-01-01 00:00:00"}):
            with self.subTest(field=next(iter(forged))), self.assertRaises(AccessError):
                as_concierge.write(forged)
        with self.assertRaises(AccessError):
            self._create_journey(date_last_followup="2019-01-01 00:00:00")
        self.assertGreater(journey.date_last_followup, fields.Datetime.to_datetime("2026-01-01 00:00:00"))
        as_concierge.write({"stage_id": self.stages["qualified"].id, "project_horizon": "lt_6m",
                            "household_member_ids": [(0, 0, {"name": "Anne", "role": "adult"})]})
        self.assertEqual(journey.furthest_stage_id, self.stages["qualified"], "the server still keeps them")

    def test_household_editing_its_contact_does_not_move_its_journey(self):
        """A household changes its e-mail and phone in Odoo's portal (its own contact, unverified)
        to another household's: the journey keeps its own, which match e-mails and applications."""
        other = self._create_journey(email_from="autre.famille@example.org", phone="06 11 22 33 44")
        journey, _id_document = self._household_journey()
        journey.phone = "06 55 44 33 22"
        email, phone = journey.email_from, journey.phone
        # As Odoo's portal address form writes it (sudo, after checking it is the user's own contact).
        journey.partner_id.sudo().write({"email": other.email_from, "phone": other.phone})
        self.assertEqual((journey.email_from, journey.phone), (email, phone))
        self.assertEqual(self.env["crm.lead"].sudo()._journey_find_by_email(other.email_from), other)

    def test_retention_job_leaves_nothing(self):
        journey, id_document = self._household_journey()
        journey.sudo().date_last_followup = "2022-01-01 10:00:00"  # time passed (the server keeps it)
        with freeze_time("2026-06-01 10:00:00"):
            self.env["crm.lead"]._cron_anonymise_expired_journeys()
        self.assertTrue(journey.anonymised_date)
        self._assert_nothing_left(journey, id_document)

    def test_export_from_the_journeys_action_is_streamed_not_stored(self):
        """The browser walk's crash: the action's default_type leaked into the attachment."""
        journey, _id_document = self._household_journey()
        attachments_before = self.env["ir.attachment"].search_count([])
        action = journey.with_user(self.concierge).with_context(**self.action_context).action_export_personal_data()
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments_before, "no copy kept")
        self.authenticate("tc_concierge", "tc_concierge")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = json.loads(response.content)
        self.assertEqual(data["journey"]["email_from"], HOUSEHOLD_EMAIL)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments_before, "no copy kept")
        # Someone who may not read the journey gets nothing, with its id or another's.
        self.authenticate("tc_salesman", "tc_salesman")
        self.assertEqual(self.url_open(action["url"]).status_code, 404)
        self.assertEqual(self.url_open("/territory_concierge/personal_data/999999999").status_code, 404)
        self.authenticate(None, None)
        self.assertNotIn(HOUSEHOLD_EMAIL, self.url_open(action["url"]).text)
        with self.assertRaises(AccessError):
            journey.with_user(self.salesman).action_export_personal_data()

    def test_journeys_are_never_enriched(self):
        """Odoo's lead enrichment (crm_iap_enrich, auto-installed with CRM) would send the
        household's e-mail domain to Odoo's IAP service: journeys are out of it."""
        sales_team = self.env["crm.team"].create({"name": "Ventes"})
        stock_lead = self.env["crm.lead"].create({"name": "Prospect", "type": "opportunity",
                                                  "team_id": sales_team.id, "email_from": "prospect@gmail.com"})
        stock_company_lead = self.env["crm.lead"].create({
            "name": "Prospect société", "type": "opportunity", "team_id": sales_team.id,
            "email_from": "achat@usine-exemple.fr"})
        journey = self._create_journey(email_from="famille@gmail.com", user_id=self.concierge.id)
        company_journey = self._create_journey(email_from="famille@employeur-exemple.fr", user_id=self.concierge.id)
        messages_before = journey.message_ids
        self.env["crm.lead"]._iap_enrich_leads_cron()
        self.assertTrue(stock_lead.iap_enrich_done, "the enrichment job ran on the stock lead")
        self.assertEqual(journey.message_ids, messages_before, "the journey was not processed")
        journey.iap_enrich()  # the "Enrich" button and action as well
        self.assertEqual(journey.message_ids, messages_before)
        # A journey created before the enrichment module (no mark) is left out all the same.
        self.env.cr.execute("UPDATE crm_lead SET iap_enrich_done = NULL WHERE id = %s", [journey.id])
        journey.invalidate_recordset()
        self.assertFalse(journey.show_enrich_button)
        self.env["crm.lead"]._iap_enrich_leads_cron()
        journey.iap_enrich()
        self.assertEqual(journey.message_ids, messages_before)
        self.assertFalse(journey.iap_enrich_done, "never processed, not even marked by the enrichment")
        # The button: shown on a stock lead, hidden on journeys, in the journey form.
        self.assertTrue(stock_company_lead.show_enrich_button)
        self.assertFalse(company_journey.show_enrich_button)
        form = self.env.ref("territory_concierge.crm_lead_view_form_journey")
        arch = etree.fromstring(self.env["crm.lead"].with_user(self.concierge).get_view(form.id, "form")["arch"])
        self.assertFalse(arch.xpath("//button[@name='iap_enrich']"), "no Enrich button on the journey form")
        # A lead moved into the journeys team by conciergerie staff leaves the enrichment too.
        moved = self.env["crm.lead"].create({"name": "Devenu parcours", "type": "opportunity",
                                             "team_id": sales_team.id, "email_from": "x@autre-exemple.fr"})
        moved.with_user(self.manager).team_id = self.team
        self.assertFalse(moved.show_enrich_button)


@tagged("post_install", "-at_install")
class TestJourneysTeamIsStaffOnly(JourneyCommon):
    """A salesperson of another team cannot turn a lead into a journey (it would hide it
    from the rest of CRM and give the conciergerie a household it never met)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env["crm.team"].create({"name": "Ventes"})
        cls.seller = new_test_user(cls.env, "tc_seller", "sales_team.group_sale_salesman", name="Sacha Vendeur")
        cls.env["crm.team.member"].create({"crm_team_id": cls.other_team.id, "user_id": cls.seller.id})

    def test_salesperson_cannot_turn_a_lead_into_a_journey(self):
        Lead = self.env["crm.lead"].with_user(self.seller)
        with self.assertRaises(AccessError):
            Lead.create({"name": "Famille Martin", "contact_name": "Paul Martin", "email_from": "paul@martin.example",
                         "type": "opportunity", "team_id": self.team.id})
        with self.assertRaises(AccessError):
            Lead.with_context(default_team_id=self.team.id).create({"name": "Famille Martin", "type": "opportunity"})
        lead = Lead.create({"name": "Famille Martin", "email_from": "paul@martin.example", "type": "opportunity",
                            "team_id": self.other_team.id})
        self.assertFalse(lead.is_journey)
        with self.assertRaises(AccessError):
            lead.write({"team_id": self.team.id})
        with self.assertRaises(AccessError, msg="through a concierge as salesperson, CRM takes their team"):
            lead.write({"user_id": self.concierge.id})
        self.assertFalse(lead.is_journey)

    def test_staff_and_superuser_paths_still_create_journeys(self):
        journey = self.env["crm.lead"].with_user(self.concierge).create(
            {"name": "Famille Staff", "type": "opportunity", "team_id": self.team.id})
        self.assertTrue(journey.is_journey)
        # The public form creates its journeys as superuser.
        journey = self.env["crm.lead"].with_user(self.env.ref("base.public_user")).sudo().create(
            {"name": "Famille Formulaire", "type": "opportunity", "team_id": self.team.id, "user_id": False})
        self.assertTrue(journey.is_journey)
        lead = self.env["crm.lead"].create({"name": "Affaire", "type": "opportunity", "team_id": self.other_team.id})
        lead.with_user(self.manager).team_id = self.team
        self.assertTrue(lead.is_journey)
