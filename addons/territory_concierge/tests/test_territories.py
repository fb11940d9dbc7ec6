"""Several territories in one database: a territory is an Odoo company. Each desk works on its
own households; figures, intake and matching stay inside the territory; a manager working for
both switches companies as anywhere in Odoo."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import JourneyCommon


@tagged("post_install", "-at_install")
class TestTerritories(JourneyCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._second_territory()
        cls.here = cls._create_journey(name="Famille Marnaise", email_from="meme@example.org",
                                       partner_id=cls.env["res.partner"].create({"name": "Famille Marnaise"}).id,
                                       household_member_ids=cls._household())
        cls.there = cls._create_journey(user=cls.other_concierge, team_id=cls.other_team.id,
                                        name="Famille Vosgienne", email_from="vosges@example.org",
                                        household_member_ids=cls._household())
        for journey, user in ((cls.here, cls.concierge), (cls.there, cls.other_concierge)):
            cls.env["territory.request"].with_user(user).create({
                "journey_id": journey.id, "name": "Logement",
                "type_id": cls.env.ref("territory_concierge.request_type_question").id})
            cls.env["territory.consent"].with_user(user).create(
                {"journey_id": journey.id, "purpose": "newsletter", "wording": "Oui."})

    def test_journeys_and_their_records_belong_to_the_team_territory(self):
        self.assertEqual(self.here.company_id, self.env.ref("base.main_company"))
        self.assertEqual(self.there.company_id, self.other_company)
        for model in ("territory.request", "territory.consent", "territory.household.member",
                      "crm.lead.stage.history"):
            records = self.env[model].search([("journey_id", "=", self.there.id)])
            self.assertTrue(records, model)
            self.assertEqual(records.company_id, self.other_company, model)

    def test_each_desk_sees_its_own_households_only(self):
        for user, own, other in ((self.concierge, self.here, self.there),
                                 (self.other_concierge, self.there, self.here),
                                 (self.other_manager, self.there, self.here)):
            for model in ("crm.lead", "territory.request", "territory.consent", "territory.household.member",
                          "crm.lead.stage.history", "territory.funnel.report"):
                field = "id" if model == "crm.lead" else "journey_id"
                with self.subTest(user=user.login, model=model):
                    found = self.env[model].with_user(user).search([(field, "in", (own | other).ids)])
                    self.assertTrue(found)
                    self.assertEqual(found.mapped(field) if field != "id" else found, own)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                other.with_user(user).read(["name"])

    def test_household_contacts_stay_in_their_territory(self):
        contact = self.env["res.partner"].create({"name": "Hélène Marnaise", "email": "meme@example.org"})
        self.here.with_user(self.concierge).partner_id = contact
        self.assertEqual(contact.company_id, self.env.ref("base.main_company"))
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.with_user(self.other_concierge).search([("id", "=", contact.id)]))
        self.assertTrue(Partner.with_user(self.concierge).search([("id", "=", contact.id)]))

    def test_a_journey_never_moves_to_another_territory_team(self):
        with self.assertRaises(AccessError):
            self.there.with_user(self.other_concierge).team_id = self.team
        # Not through its concierge (CRM would follow her team) nor its company either.
        for vals in ({"user_id": self.concierge.id}, {"company_id": self.env.ref("base.main_company").id},
                     {"user_id": self.concierge.id, "company_id": self.env.ref("base.main_company").id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.there.with_user(self.other_concierge).write(vals)
        with self.assertRaises(UserError) as refused:  # (assertRaises rolls the write back)
            self.there.with_user(self.other_concierge).user_id = self.other_manager  # in no journeys team
        self.assertIn("stays in a newcomer journeys team", str(refused.exception))
        # Nor named by another territory's records: read back, the link would give its name.
        wizard = self.env["territory.orientation.wizard"].with_user(self.concierge)
        wizard.create({"journey_id": self.here.id, "note": "x", "target": str(self.other_company.id)})
        with self.assertRaises(AccessError):
            wizard.create({"journey_id": self.there.id, "note": "x", "target": str(self.other_company.id)})
        other_plans = self.env["mail.activity.plan"].with_user(self.other_manager).search([])
        self.assertFalse(other_plans.filtered(lambda plan: plan.company_id == self.env.ref("base.main_company")),
                         "another territory's activity plans are not its staff's")
        with self.assertRaises(AccessError):
            self._create_journey(user=self.other_concierge, name="Intrus")
        self.env.invalidate_all()
        self.assertEqual(self.there.team_id, self.other_team)

    def test_a_territory_record_never_moves_into_another_territory(self):
        """Odoo checks record rules on a record as it is before a write: a household member or a
        request moved to another desk's journey, or given another territory, would land there
        unchecked (found by the attack of the second wave)."""
        Member = self.env["territory.household.member"].with_user(self.other_concierge)
        member = Member.create({"journey_id": self.there.id, "role": "adult", "name": "Intrus"})
        request = self.env["territory.request"].with_user(self.other_concierge).search(
            [("journey_id", "=", self.there.id)])
        for record in (member, request):
            for values in ({"journey_id": self.here.id}, {"company_id": self.here.company_id.id}):
                with self.subTest(model=record._name, values=values), self.assertRaises(UserError):
                    record.write(values)
        self.assertEqual(member.company_id | request.company_id, self.other_company)
        self.assertFalse(self.env["territory.household.member"].with_user(self.concierge).search(
            [("name", "=", "Intrus")]))
        # Nor do a territory's consent wordings: created in one's own, then moved, they would
        # change the other territory's public form.
        wording = self.env["territory.consent.wording"].with_user(self.other_manager).with_context(
            allowed_company_ids=self.other_company.ids).create(
            {"purpose": "newsletter", "wording": "Intrus", "company_id": self.other_company.id})
        with self.assertRaises(UserError):
            wording.write({"company_id": self.here.company_id.id})

    def test_another_territory_records_are_neither_named_nor_guessed(self):
        """Odoo names a link's record as superuser in an onchange, and a refused move must not
        tell whether a guess about another territory's record was right."""
        Member = self.env["territory.household.member"].with_user(self.other_concierge)
        with self.assertRaises(AccessError):
            Member.onchange({"journey_id": self.here.id}, [], {"journey_id": {"fields": {"display_name": {}}}})
        theirs = self.env["territory.request"].search([("journey_id", "=", self.here.id)])
        for guess in (self.here.id, self.there.id):
            with self.subTest(guess=guess), self.assertRaises(AccessError):
                theirs.with_user(self.other_concierge).write({"journey_id": guess})
        # Writing what a record already holds (an import with the territory column) is no move.
        own = Member.search([("journey_id", "=", self.there.id)], limit=1)
        own.write({"company_id": self.other_company.id, "journey_id": self.there.id})

    def test_a_desk_reads_and_changes_its_own_stages_only(self):
        stage = self.env["crm.stage"].create({"name": "Étape marnaise", "team_ids": [(6, 0, self.team.ids)]})
        stock = self.env["crm.stage"].create({"name": "Étape de tous"})
        other_stages = self.env["crm.stage"].with_user(self.other_manager).search([])
        self.assertNotIn(stage, other_stages)
        self.assertIn(stock, other_stages, "stages of no team stay everyone's")
        with self.assertRaises(AccessError):
            stage.with_user(self.other_manager).write({"portal_description": "Intrus"})
        self.assertIn(stage, self.env["crm.stage"].with_user(self.concierge).search([]))

    def test_only_its_managers_name_a_territory(self):
        """The territory "as a place" is written on the company as superuser from the desk's
        settings: by a conciergerie manager working in that territory now."""
        with self.assertRaises(AccessError):
            self.other_team.with_user(self.concierge).territory_place = "chez nous"
        both = self.manager
        both.company_ids |= self.other_company
        with self.assertRaises(AccessError):
            self.team.with_user(both).with_context(allowed_company_ids=self.other_company.ids).write(
                {"territory_place": "ailleurs"})
        self.team.with_user(both).territory_place = "en Haute-Marne"
        self.assertEqual(self.team.company_id.territory_place, "en Haute-Marne")

    def test_a_journeys_team_always_has_a_territory(self):
        team = self.env["crm.team"].with_user(self.other_manager).create({"name": "Accueil soignants",
                                                                          "use_journeys": True})
        self.assertEqual(team.company_id, self.other_company, "the territory the manager works in")
        with self.assertRaises(ValidationError):
            team.company_id = False

    def test_intake_takes_households_into_the_callers_territory(self):
        [same_email, new] = self.env["crm.lead"].with_user(self.other_concierge).intake_households([
            {"ref": 1, "name": "Famille Marnaise", "email": "meme@example.org"},
            {"ref": 2, "name": "Famille Nouvelle", "email": "nouvelle@example.org"},
        ], "import")
        self.assertEqual(same_email["status"], "created",
                         "another territory's household is not matched: its file stays there")
        for result in (same_email, new):
            journey = self.env["crm.lead"].browse(result["journey_id"])
            self.assertEqual((journey.team_id, journey.company_id), (self.other_team, self.other_company))
        self.here.invalidate_recordset()
        self.assertEqual(self.here.name, "Famille Marnaise", "nothing of the first territory changed")

    def test_figures_per_territory_and_together(self):
        def contacted_count(user, companies):
            kpis = self.env["territory.impact.report"].with_user(user).with_context(
                allowed_company_ids=companies.ids).get_kpis()
            return kpis["funnel"][0]["reached"]

        main = self.env.ref("base.main_company")
        here = contacted_count(self.concierge, main)  # with the demo's households, if installed
        self.assertEqual(contacted_count(self.other_concierge, self.other_company), 1)
        # A regional manager working for both territories: one, the other, or both together.
        self.manager.company_ids |= self.other_company
        self.assertEqual(contacted_count(self.manager, main), here)
        self.assertEqual(contacted_count(self.manager, self.other_company), 1)
        self.assertEqual(contacted_count(self.manager, main | self.other_company), here + 1)
        with self.assertRaises(AccessError):
            contacted_count(self.other_concierge, main)

    def test_regional_figures_side_by_side_and_by_name(self):
        self.manager.company_ids |= self.other_company
        report = self.env["territory.impact.report"].with_user(self.manager)
        main = self.env.ref("base.main_company")
        here = report.with_context(allowed_company_ids=main.ids).get_kpis()["funnel"][0]["reached"]
        both = report.with_context(allowed_company_ids=(main | self.other_company).ids).get_kpis()
        rows = {row["territory"]: row for row in both["territories"]}
        self.assertEqual(set(rows), {main.name, "Vosges", "Total (households counted once)"})
        self.assertEqual(rows["Total (households counted once)"]["contacted"], here + 1)
        self.assertEqual((rows[main.name]["contacted"], rows["Vosges"]["contacted"]), (here, 1))
        self.assertEqual(both["funnel"][0]["reached"], here + 1, "the total of both")
        # The report for elected officials names the territories it covers, and masks their
        # small counts like the others.
        presented = report._present(report.mask_small_groups(both), "en_US")
        self.assertIn("Vosges", presented["territories"])
        self.assertIn(main.name, presented["territories"])
        masked_rows = {row["territory"]: row for row in report.mask_small_groups(both)["territories"]}
        self.assertIsNone(masked_rows["Vosges"]["contacted"], "1 household: not published")
        # As the dashboard and the PDF show them (the dashboard showed the raw count).
        table = {row["territory"]: row for row in presented["territory_table"]}
        self.assertEqual(table["Vosges"]["contacted"], "fewer than 5 households")
        dashboard = report.with_context(allowed_company_ids=(main | self.other_company).ids).get_dashboard()
        table = {row["territory"]: row for row in dashboard["report"]["territory_table"]}
        self.assertNotEqual(table["Vosges"]["contacted"], "1")
        self.assertIn("5", table["Vosges"]["contacted"])
        vosges = report.get_kpis(territory="Vosges")
        self.assertEqual((vosges["funnel"][0]["reached"], vosges["territories"]), (1, []))
        self.assertEqual(vosges["filters"]["territories"], ["Vosges"])
        with self.assertRaises(UserError):
            self.env["territory.impact.report"].with_user(self.other_concierge).get_kpis(territory=main.name)
    def _orient(self, journey=None, user=None, consent=True):
        journey = journey or self.here
        if consent:
            self.env["territory.consent"].with_user(self.concierge).create({
                "journey_id": journey.id, "purpose": "orientation", "wording": "D'accord pour les Vosges."})
        wizard = self.env["territory.orientation.wizard"].with_user(user or self.concierge).create({
            "journey_id": journey.id, "target": str(self.other_company.id),
            "note": "Cherchent un poste d'infirmière près d'Épinal."})
        wizard.action_confirm()
        return self.env["territory.orientation"].search([("journey_id", "=", journey.id)], order="id desc", limit=1)

    def test_orientation_needs_the_household_consent(self):
        with self.assertRaisesRegex(UserError, "not consented"):
            self._orient(consent=False)
        with self.assertRaises(AccessError):
            self._orient(user=self.other_concierge)

    def test_orientation_moves_the_household_with_its_consent_and_counts_it_once(self):
        self.here.sudo().write({"project_horizon": "lt_6m", "stage_id": self.stages["qualified"].id})
        orientation = self._orient()
        # The other desk reads what it needs to judge: no name, no contact, no journey.
        seen = orientation.with_user(self.other_concierge)
        self.assertEqual(seen.read(["summary"])[0]["summary"].splitlines()[0], "1 adult(s)")
        self.assertNotIn("Marnaise", seen.summary + seen.note)
        self.assertNotIn("meme@example.org", seen.summary)
        with self.assertRaises(AccessError):
            seen.journey_id.read(["email_from"])
        self.assertEqual(seen.read(["source_journey_id"])[0]["source_journey_id"], False,
                         "not even the journey's name")
        self.assertEqual(orientation.with_user(self.concierge).source_journey_id, self.here)
        self.assertTrue(seen.activity_ids, "a to-do for the other desk")
        # Only the other desk answers.
        with self.assertRaises(AccessError):
            orientation.with_user(self.concierge).action_accept()
        with self.assertRaises(AccessError):
            orientation.with_user(self.concierge).write({"state": "accepted"})
        seen.action_accept()
        new_journey = orientation.new_journey_id
        self.assertEqual((new_journey.company_id, new_journey.team_id), (self.other_company, self.other_team))
        self.assertEqual((new_journey.email_from, new_journey.origin_journey_id), ("meme@example.org", self.here))
        self.assertEqual(self.here.partner_id.company_id, self.other_company, "the contact moved with it")
        self.assertEqual(new_journey.consent_ids.mapped("purpose"), ["concierge_contact"],
                         "the new desk collects the other consents itself")
        self.assertIn("D'accord pour les Vosges", new_journey.consent_ids.wording)
        self.assertFalse(self.here.active)
        self.assertTrue(self.here.lost_reason_id.is_orientation)
        self.assertEqual(self.here.orientation_ids.sudo().new_journey_id, new_journey,
                         "the first journey keeps the link")
        # The regional total counts the household once, at the furthest step it reached.
        self.manager.company_ids |= self.other_company
        main = self.env.ref("base.main_company")
        kpis = self.env["territory.impact.report"].with_user(self.manager).with_context(
            allowed_company_ids=(main | self.other_company).ids).get_kpis()
        rows = {row["territory"]: row for row in kpis["territories"]}
        total = rows["Total (households counted once)"]
        self.assertEqual(total["contacted"], rows[main.name]["contacted"] + rows["Vosges"]["contacted"] - 1)
        self.assertEqual(total["qualified"], rows[main.name]["qualified"] + rows["Vosges"]["qualified"],
                         "qualified in the first territory only: counted there")

    def test_declined_or_withdrawn_orientation_leaves_the_journey(self):
        orientation = self._orient()
        with self.assertRaisesRegex(UserError, "why"):
            orientation.with_user(self.other_concierge).action_decline("")
        orientation.with_user(self.other_concierge).action_decline("Pas de poste ici.")
        self.assertEqual(orientation.state, "declined")
        self.assertTrue(self.here.active)
        self.assertIn("Pas de poste ici.", self.here.message_ids[0].body)
        self.here.consent_ids.filtered(lambda c: c.purpose == "orientation").action_withdraw()
        with self.assertRaisesRegex(UserError, "not consented"):
            self._orient(consent=False)
        self.env["territory.consent"].with_user(self.concierge).create(
            {"journey_id": self.here.id, "purpose": "orientation", "wording": "Oui."})
        waiting = self._orient(consent=False)
        self.assertEqual(waiting.state, "proposed")
        self.here.consent_ids.filtered(lambda c: c.purpose == "orientation" and c.is_active).action_withdraw()
        self.assertEqual(waiting.state, "cancelled", "a withdrawn consent stops the orientation")


@tagged("post_install", "-at_install")
class TestNewTerritoryWizard(JourneyCommon):
    """"Nouveau territoire": a manager creates the Vosges desk, whose staff then work a journey
    through its own pipeline without touching Haute-Marne's."""

    def _create_territory(self, user=None, **values):
        wizard = self.env["territory.setup.wizard"].with_user(user or self.manager).create({
            "name": "Vosges", "departement_codes": "88", "email": "accueil@vosges.example",
            "user_ids": [(6, 0, self.concierge_health.ids)], **values})
        return wizard.action_create()

    def test_manager_creates_a_territory_whose_desk_works_end_to_end(self):
        haute_marne = self.env["crm.lead"].with_context(active_test=False).search_count(
            [("company_id", "=", self.team.company_id.id)])
        action = self._create_territory()
        team = self.env["crm.team"].browse(action["params"]["team_id"])
        company = team.company_id
        self.assertEqual((company.name, company.email), ("Vosges", "accueil@vosges.example"))
        self.assertTrue(team.use_journeys)
        self.assertEqual(team.score_weight_horizon, self.team.score_weight_horizon, "the settings are copied")
        self.assertIn(company, self.manager.company_ids)
        self.assertIn(company, self.concierge_health.company_ids)
        self.assertEqual(team.crm_team_member_ids.user_id, self.concierge_health)
        self.assertNotIn(company, self.concierge.company_ids, "only the staff chosen work there")
        # Its own pipeline: copies of the template's stages, gates, milestones and plans.
        stages = self.env["crm.stage"].search([("team_ids", "=", team.id)], order="sequence")
        template = self.env["crm.stage"].search([("team_ids", "=", self.team.id)], order="sequence")
        self.assertEqual(stages.mapped("name"), template.mapped("name"))
        self.assertFalse(stages & template, "editable on their own")
        self.assertEqual(stages.mapped("milestone"), template.mapped("milestone"))
        self.assertEqual(stages.required_field_ids, template.required_field_ids)
        self.assertTrue(stages.activity_plan_id)
        self.assertFalse(stages.activity_plan_id & template.activity_plan_id)
        self.assertEqual(stages.activity_plan_id.company_id, company)
        # Its communes are loaded (Épinal, préfecture des Vosges).
        self.assertTrue(self.env["territory.commune"].search([("insee_code", "=", "88160")]))

        # Its concierge works a household through the new pipeline.
        in_vosges = {"allowed_company_ids": company.ids}
        journey = self.env["crm.lead"].with_user(self.concierge_health).with_context(**in_vosges).create({
            "name": "Famille Spinalienne", "team_id": team.id, "type": "opportunity",
            "email_from": "famille@epinal.example", "project_horizon": "lt_6m",
            "household_member_ids": self._household()})
        self.assertEqual((journey.company_id, journey.stage_id), (company, stages[0]))
        self.assertTrue(journey.activity_ids, "the copied plan of the first stage is scheduled")
        journey.stage_id = stages[1]
        self.assertEqual(journey.furthest_stage_id, stages[1])
        kpis = self.env["territory.impact.report"].with_user(self.concierge_health).with_context(
            **in_vosges).get_kpis()
        self.assertEqual([row["reached"] for row in kpis["funnel"][:2]], [1, 1])
        self.assertEqual(len(kpis["funnel"]), len(stages), "the Vosges pipeline only")
        # Haute-Marne's desk is untouched and does not see it.
        self.assertEqual(self.env["crm.lead"].with_context(active_test=False).search_count(
            [("company_id", "=", self.team.company_id.id)]), haute_marne)
        self.assertFalse(self.env["crm.lead"].with_user(self.concierge).search([("id", "=", journey.id)]))

    def test_only_managers_create_territories_and_bad_codes_create_nothing(self):
        with self.assertRaises(AccessError):
            self._create_territory(user=self.concierge)
        with self.assertRaises(UserError):
            self._create_territory(departement_codes="99")
        self.assertFalse(self.env["res.company"].search([("name", "=", "Vosges")]), "nothing half made")
        self._create_territory()
        with self.assertRaisesRegex(UserError, "already exists"):
            self._create_territory(departement_codes="")

    def test_its_place_is_guessed_from_its_name(self):
        Wizard = self.env["territory.setup.wizard"].with_user(self.manager)
        for name, place in (("Conciergerie des Vosges", "dans les Vosges"),
                            ("Conciergerie du Cantal", "dans le Cantal"), ("Conciergerie de la Creuse", "en Creuse"),
                            ("Conciergerie de Haute-Marne", "en Haute-Marne"), ("Nièvre", "en Nièvre")):
            with self.subTest(name=name):
                self.assertEqual(Wizard.new({"name": name}).territory_place, place)

    def test_new_territory_staff_are_employees_and_its_template_readable(self):
        portal = self.env["res.users"].create({"name": "Famille", "login": "tc_wizard_portal",
                                               "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)]})
        with self.assertRaises(UserError):
            self._create_territory(user_ids=[(6, 0, portal.ids)])
        self._second_territory()
        with self.assertRaises(AccessError):
            self.env["territory.setup.wizard"].with_user(self.other_manager).create(
                {"name": "Ailleurs", "template_team_id": self.team.id})

    def test_new_territory_words_its_consents_and_automates_on_its_own(self):
        """The wizard copies the template desk's consent wordings and automation rules for the
        new territory: each desk then changes its own, and sees only its own wordings."""
        company = self.env["crm.team"].browse(self._create_territory(
            territory_place="dans les Vosges")["params"]["team_id"]).company_id
        haute_marne = self.team.company_id
        self.assertEqual(company.territory_place, "dans les Vosges")
        Wording = self.env["territory.consent.wording"]
        template_wordings = Wording.search([("company_id", "=", haute_marne.id)])
        wordings = Wording.search([("company_id", "=", company.id)])
        self.assertEqual(sorted(wordings.mapped("purpose")), sorted(template_wordings.mapped("purpose")))
        self.assertFalse(wordings & template_wordings)
        vosges_contact = wordings.filtered(lambda wording: wording.purpose == "concierge_contact")
        vosges_contact.with_user(self.manager).with_context(allowed_company_ids=company.ids).wording = \
            "J'accepte que la conciergerie des Vosges me contacte."
        self.assertNotEqual(Wording._wording_of(haute_marne, "concierge_contact"), vosges_contact.wording,
                            "Haute-Marne's wording is unchanged")
        # Each desk's staff read and write their own territory's wordings only.
        self.assertFalse(Wording.with_user(self.concierge).search([("id", "in", wordings.ids)]))
        with self.assertRaises(AccessError):
            vosges_contact.with_user(self.concierge).wording = "x"
        with self.assertRaises(AccessError):
            template_wordings[:1].with_user(self.concierge).wording = "x"
        # Staff recording a consent start from their territory's wording.
        in_vosges = self.env["crm.lead"].with_user(self.concierge_health).with_context(
            allowed_company_ids=company.ids)
        journey = in_vosges.create({"name": "Famille Déodatienne", "type": "opportunity",
                                    "team_id": self.env["crm.team"]._journeys_team_of(company).id})
        with Form(journey, view="territory_concierge.crm_lead_view_form_journey") as form, \
                form.consent_ids.new() as line:
            line.purpose = "concierge_contact"
            self.assertEqual(line.wording, vosges_contact.wording)

        # Automation rules: a copy for the new territory, filtered on it, with actions of its own.
        shipped = self.env.ref("territory_concierge.automation_installed_followup_1m")
        copies = self.env["base.automation"].search([
            ("filter_domain", "like", f"('company_id', '=', {company.id})"),
            ("trg_date_id", "=", shipped.trg_date_id.id), ("trg_date_range", "=", 1),
            ("trg_date_range_type", "=", "month")])
        self.assertEqual(len(copies), 1)
        self.assertEqual(copies.filter_domain, shipped.filter_domain.replace(
            f"('company_id', '=', {self.team.company_id.id})", f"('company_id', '=', {company.id})"))
        self.assertTrue(copies.name.endswith(f"({company.name})"))
        self.assertIn(f"('company_id', '=', {haute_marne.id})", shipped.filter_domain)
        self.assertFalse(copies.action_server_ids & shipped.action_server_ids)
        self.assertEqual(copies.action_server_ids.activity_summary, shipped.action_server_ids.activity_summary,
                         "the action schedules the same activity")
        ours = self.env["base.automation"].search([]).filtered(
            lambda rule: f"('company_id', '=', {company.id})" in (rule.filter_domain or ""))
        self.assertEqual(len(ours), len(self.env["base.automation"].search([]).filtered(
            lambda rule: f"('company_id', '=', {haute_marne.id})" in (rule.filter_domain or ""))))
