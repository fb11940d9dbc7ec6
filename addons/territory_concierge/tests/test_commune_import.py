import base64

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCommuneImport(TransactionCase):
    """Communes load from INSEE's formats; the shipped reference data is right."""

    def test_shipped_reference_data(self):
        Commune = self.env["territory.commune"]
        self.assertEqual(Commune.search_count([("department_code", "=", "52")]), 426)
        chaumont = Commune.search([("insee_code", "=", "52121")])
        self.assertEqual((chaumont.name, chaumont.zip_codes), ("Chaumont", "52000"))
        self.assertEqual(chaumont.epci_id.name, "CA de Chaumont")
        self.assertEqual(Commune.search([("insee_code", "=", "52448")]).zip_codes, "52100")
        self.assertEqual(Commune.search([("insee_code", "=", "52269")]).name, "Langres")

    def test_import_cog_file_semicolons_latin1(self):
        content = (
            "TYPECOM;COM;REG;DEP;CTCD;ARR;TNCC;NCC;NCCENR;LIBELLE;CAN;COMPARENT\n"
            "COM;52121;44;52;52D;521;0;CHAUMONT;Chaumont;Chaumont;5299;\n"
            "COMD;52999;44;52;52D;521;0;ANCIENNE;Ancienne;Ancienne;;52121\n"
            "COM;99998;44;99;99D;991;0;NOUVELLE;Nouvelle-Écurie;Nouvelle-Écurie;;\n"
            "COM;123;44;99;99D;991;0;X;X;X;;\n"
        ).encode("cp1252")
        result = self.env["territory.commune"]._load_insee_csv(content)
        self.assertEqual((result["created"], result["updated"]), (1, 1))
        self.assertEqual([line for line, _reason in result["rejected"]], [5])
        created = self.env["territory.commune"].search([("insee_code", "=", "99998")])
        self.assertEqual(created.name, "Nouvelle-Écurie")
        self.assertFalse(self.env["territory.commune"].search([("insee_code", "=", "52999")]),
                         "delegated communes share their parent's code: skipped")

    def test_import_keeps_services_and_sets_epci(self):
        chaumont = self.env["territory.commune"].search([("insee_code", "=", "52121")])
        chaumont.has_train_station = True
        content = b"COM,LIBELLE,CODE_POSTAL,POPULATION,EPCI,LIBEPCI\n52121,Chaumont,52000,21000,999999999,CA Test\n"
        self.env["territory.commune"]._load_insee_csv(content)
        self.assertTrue(chaumont.has_train_station, "services maintained by staff survive a refresh")
        self.assertEqual(chaumont.population, 21000)
        self.assertEqual(chaumont.epci_id.siren, "999999999")

    def test_import_without_code_column(self):
        with self.assertRaises(UserError):
            self.env["territory.commune"]._load_insee_csv(b"nom,cp\nChaumont,52000\n")

    def test_wizard(self):
        wizard = self.env["territory.commune.import"].create({
            "mode": "file", "file": base64.b64encode(b"COM,LIBELLE\n52121,Chaumont\n12,Bad\n")})
        wizard.action_import()
        self.assertIn("0 created, 1 updated, 1 rejected", wizard.result)
        self.assertIn("Line 3", wizard.result)
