from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

# Whatever the number of communes loaded (2 or 506), a load runs the same few queries (about
# 20 for Vosges with cold caches, 4 for a reload): reads by batch, one create, grouped updates,
# xml ids. One query per commune would be hundreds.
LOAD_QUERY_BOUND = 30


@tagged("post_install", "-at_install")
class TestCommuneCog(TransactionCase):
    """The communes and EPCI of any département or EPCI load from the official geographic code
    shipped with the module: in batch, idempotent, keeping what staff maintain."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "cog_manager", "territory_concierge.group_concierge_manager")
        cls.concierge = new_test_user(cls.env, "cog_concierge", "territory_concierge.group_concierge_user")
        cls.Commune = cls.env["territory.commune"].with_user(cls.manager)

    def _commune(self, code):
        return self.env["territory.commune"].with_context(active_test=False).search([("insee_code", "=", code)])

    def test_load_departement_in_bounded_queries(self):
        Commune = self.Commune
        # The demo's second territory (the Vosges) loaded them: measured from none.
        Commune.search([("department_code", "=", "88")]).unlink()
        self.assertFalse(Commune.search_count([("department_code", "=", "88")]))
        with self.assertQueryCount(LOAD_QUERY_BOUND):
            result = Commune._load_departements(["88"])
        self.assertEqual((result["created"], result["updated"], result["unchanged"]), (506, 0, 0))
        self.assertEqual(result["epci"], 13)
        self.assertEqual(Commune.search_count([("department_code", "=", "88")]), 506)
        self.assertFalse(Commune.search_count([("department_code", "=", "88"), ("epci_id", "=", False)]))
        epinal = self._commune("88160")
        self.assertEqual((epinal.name, epinal.zip_codes, epinal.population), ("Épinal", "88000", 32251))
        self.assertEqual((epinal.epci_id.name, epinal.epci_id.siren, epinal.epci_id.kind),
                         ("CA d'Epinal", "200068757", "CA"))
        self.assertEqual(epinal.epci_id.commune_count, 78)
        self.assertEqual(self.env.ref("territory_concierge.commune_88160"), epinal)
        self.assertEqual(self.env.ref("territory_concierge.epci_200068757"), epinal.epci_id)
        xmlid = self.env["ir.model.data"].search(
            [("module", "=", "territory_concierge"), ("name", "=", "commune_88160")])
        self.assertTrue(xmlid.noupdate, "module updates must not delete communes loaded by staff")
        # Two communes cost the same queries as 506.
        with self.assertQueryCount(LOAD_QUERY_BOUND):
            result = Commune._load_departements(["975"])
        self.assertEqual(result["created"], 2)

    def test_second_load_changes_nothing_and_keeps_staff_fields(self):
        Commune = self.Commune
        Commune._load_departements(["88"])
        epinal, saint_die = self._commune("88160"), self._commune("88413")
        epinal.with_user(self.concierge).write({
            "services_known": True, "has_school": True, "has_doctor": True, "has_train_station": True,
            "services_note": "Gare TGV", "population": 1, "name": "Epinal (ancien nom)",
        })
        saint_die.active = False
        with self.assertQueryCount(LOAD_QUERY_BOUND):
            result = Commune._load_departements(["88"])
        self.assertEqual((result["created"], result["updated"], result["unchanged"]), (0, 1, 505))
        self.assertEqual((epinal.name, epinal.population), ("Épinal", 32251), "reference data refreshed")
        self.assertEqual(
            (epinal.services_known, epinal.has_school, epinal.has_doctor, epinal.has_train_station,
             epinal.services_note),
            (True, True, True, True, "Gare TGV"), "the services staff maintain are kept")
        self.assertFalse(saint_die.active, "an archived commune stays archived")
        self.assertEqual(saint_die.name, "Saint-Dié-des-Vosges")
        self.env.flush_all()
        written = epinal.write_date
        with self.assertQueryCount(LOAD_QUERY_BOUND):
            result = Commune._load_departements(["88"])
        self.assertEqual((result["created"], result["updated"], result["unchanged"]), (0, 0, 506))
        self.assertEqual(epinal.write_date, written)
        self.assertEqual(Commune.with_context(active_test=False).search_count([("department_code", "=", "88")]), 506)

    def test_haute_marne_installed_under_its_xml_ids(self):
        chaumont = self.env.ref("territory_concierge.commune_52121")
        self.assertEqual((chaumont.insee_code, chaumont.name), ("52121", "Chaumont"))
        self.assertEqual(chaumont.epci_id, self.env.ref("territory_concierge.epci_200068658"))
        result = self.Commune._load_departements(["52"])
        self.assertEqual((result["created"], result["unchanged"] + result["updated"]), (0, 426))

    def test_corsica_and_overseas(self):
        result = self.Commune._load_departements(["2a", " 974 "])
        self.assertEqual(result["created"], 124 + 24)
        ajaccio, saint_denis = self._commune("2A004"), self._commune("97411")
        self.assertEqual((ajaccio.name, ajaccio.department_code, ajaccio.zip_codes),
                         ("Ajaccio", "2A", "20000 20090 20167"))
        self.assertEqual((saint_denis.name, saint_denis.department_code), ("Saint-Denis", "974"))
        self.assertIn("97400", saint_denis.zip_codes.split())

    def test_load_epci_across_departements(self):
        result = self.Commune._load_epci(["200030435", "200046977"])
        self.assertEqual((result["created"], result["epci"]), (22 + 58, 2))
        aire = self.env.ref("territory_concierge.epci_200030435")
        self.assertEqual((aire.name, aire.kind), ("CC d'Aire-sur-l'Adour", "CC"))
        self.assertEqual(set(aire.commune_ids.mapped("department_code")), {"40", "32"})
        self.assertEqual(self._commune("40001").epci_id, aire)
        self.assertEqual(self.env.ref("territory_concierge.epci_200046977").kind, "MET69")

    def test_unknown_codes_load_nothing(self):
        before = self.env["territory.commune"].search_count([])
        with self.assertRaisesRegex(UserError, "99"):
            self.Commune._load_departements(["975", "99"])
        with self.assertRaisesRegex(UserError, "123456789"):
            self.Commune._load_epci(["123456789"])
        with self.assertRaises(UserError):
            self.Commune._load_departements([" "])
        self.assertEqual(self.env["territory.commune"].search_count([]), before)

    def test_concierge_cannot_load(self):
        """Loading creates reference data shared by every territory: managers only."""
        Commune = self.env["territory.commune"].with_user(self.concierge)
        with self.assertRaises(AccessError):
            Commune._load_departements(["975"])
        with self.assertRaises(AccessError, msg="even when every commune is known and up to date"):
            Commune._load_departements(["52"])
        with self.assertRaises(AccessError):
            self.env["territory.commune.import"].with_user(self.concierge).create({"departement_codes": "975"})

    def test_wizard_modes(self):
        Wizard = self.env["territory.commune.import"].with_user(self.manager)
        form = Form(Wizard)
        self.assertEqual(form.mode, "departements")
        form.departement_codes = "975; 976"
        wizard = form.save()
        wizard.action_import()
        self.assertIn("19 communes created", wizard.result)
        self.assertEqual(self._commune("97502").name, "Saint-Pierre")
        wizard = Wizard.create({"mode": "epci", "epci_sirens": "200030435"})
        wizard.action_import()
        self.assertIn("22 communes created", wizard.result)
        form = Form(Wizard)
        form.mode = "file"
        with self.assertRaises(AssertionError, msg="the file is required in file mode"):
            form.save()
        with self.assertRaises(UserError):
            Wizard.create({"mode": "file"}).action_import()
