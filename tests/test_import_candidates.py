"""scripts/import_candidates.py against the live test server, on messy files."""

import csv
import subprocess
import sys
import uuid
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent

HEADER = ("nom;prenom;email;telephone;ville_origine;code_postal_origine;profil;adultes;enfants;horizon;"
          "motivation;metier;metier_conjoint;source;campagne;date_contact;consentement_partage")
# Latin-1, semicolons, accents, an empty line, a duplicate within the file (same phone written
# differently), broken e-mails and phones, an unknown profile, a missing name.
LATIN1_ROWS = [
    "Hébert;Anaïs;anais.hebert@example.org;06 19 87 00 01;Reims;51100;famille;2;1;6-12 mois;forte;"
    "Comptable;Électricien;Salon Vivre à la campagne;Campagne test;02/02/2026;oui",
    "Lemaître;Jérôme;jerome.lemaitre@example;+33 6 19 87 00 02;Paris;75012;soignant;1;0;moins de 6 mois;"
    "très forte;Infirmier;;Site web;Campagne test;03/02/2026;non",
    "",
    "Hébert;Anaïs;;0619870001;Reims;51100;salarié qualifié;2;1;;;;;;;;oui",
    "Durand;Éric;eric.durand@example.org;12345;Nantes;44000;astronaute;1;0;1-2 ans;faible;;;;;;non",
    ";Sans-Nom;sans.nom@example.org;0619870004;Metz;57000;famille;1;0;;;;;;;;non",
    "Petit;Zoé;;pas de téléphone;Lyon;69001;étudiant;1;0;plus de 2 ans;moyenne;;;;;;non",
]
# UTF-8, commas, no horizon nor motivation columns, one household already imported from the first file.
UTF8_ROWS = [
    "nom,prenom,email,telephone,profil,consentement_partage",
    "Hébert,Anaïs,ANAIS.HEBERT@example.org,,famille,oui",
    "Trần,Minh,minh.tran@example.org,06 19 87 00 03,télétravailleur,oui",
    "Roux,Inès,ines.roux@example,,famille,non",
]


def run_import(odoo_url, odoo_db, key, path, *options, report=None):
    command = [sys.executable, str(ROOT / "scripts" / "import_candidates.py"), "--url", odoo_url,
               "--db", odoo_db, "--api-key", key, str(path), *options]
    if report:
        command += ["--report", str(report)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)


def read_report(path):
    with open(path, encoding="utf-8") as handle:
        return {int(row["ligne"]): row for row in csv.DictReader(handle, delimiter=";")}


@pytest.fixture(scope="module")
def importer_key(make_user):
    return make_user(["territory_concierge.group_concierge_user"])[1]


@pytest.fixture(scope="module")
def messy_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("imports")
    latin1 = folder / "export_latin1.csv"
    latin1.write_bytes("\n".join([HEADER, *LATIN1_ROWS]).encode("cp1252"))
    utf8 = folder / "export_utf8.csv"
    utf8.write_text("\n".join(UTF8_ROWS) + "\n", encoding="utf-8")
    return latin1, utf8


def journeys_by_email(concierge, *emails):
    response = concierge.call("crm.lead", "search_read", domain=[("email_normalized", "in", list(emails))],
                              fields=["name", "email_normalized", "phone_sanitized", "profile_ids", "consent_ids",
                                      "campaign_id", "source_id", "stage_id", "user_id", "adult_count",
                                      "child_count", "project_horizon", "partner_sharing_consent",
                                      "first_contact_date", "write_date"],
                              context={"active_test": False})
    assert response.status_code == 200, response.text
    return {journey["email_normalized"]: journey for journey in response.json()}


def test_messy_file_every_row_accounted_for(odoo_url, odoo_db, importer_key, messy_files, tmp_path, concierge):
    latin1, _utf8 = messy_files
    report = tmp_path / "report.csv"
    result = run_import(odoo_url, odoo_db, importer_key, latin1, report=report)
    assert result.returncode == 0, result.stderr
    rows = read_report(report)
    assert sorted(rows) == list(range(2, 2 + len(LATIN1_ROWS))), "one report line per line of the file"
    assert rows[2]["statut"] == "créée"
    assert rows[3]["statut"] == "créée" and "e-mail invalide ignoré" in rows[3]["motif"]
    assert rows[4]["statut"] == "ignorée"
    assert rows[5]["statut"] == "fusionnée" and "ligne 2" in rows[5]["motif"]
    assert rows[6]["statut"] == "rejetée" and "profil inconnu : « astronaute »" in rows[6]["motif"]
    assert rows[7]["statut"] == "rejetée" and "nom manquant" in rows[7]["motif"]
    assert rows[8]["statut"] == "rejetée" and "ni e-mail ni téléphone valide" in rows[8]["motif"]
    assert "2 créée(s)" in result.stdout and "3 rejetée(s)" in result.stdout

    anais = journeys_by_email(concierge, "anais.hebert@example.org")["anais.hebert@example.org"]
    assert anais["name"] == "Anaïs Hébert", "accents read from Latin-1"
    assert anais["phone_sanitized"] == "+33619870001"
    assert len(anais["profile_ids"]) == 2, "the duplicate row added its profile"
    assert (anais["adult_count"], anais["child_count"]) == (2, 1)
    assert anais["project_horizon"] == "6_12m"
    assert anais["partner_sharing_consent"] is True
    assert anais["campaign_id"][1] == "Campagne test"
    assert anais["source_id"][1] == "Salon Vivre à la campagne"
    assert anais["first_contact_date"] == "2026-02-02"
    assert anais["stage_id"][1] == "Contacted"
    assert anais["user_id"], "assigned by the team's rules"

    jerome = concierge.call("crm.lead", "search_read", domain=[("phone_sanitized", "=", "+33619870002")],
                            fields=["name", "email_from", "partner_sharing_consent"]).json()
    assert len(jerome) == 1 and not jerome[0]["email_from"]
    assert jerome[0]["partner_sharing_consent"] is False


def test_second_file_updates_without_duplicating(odoo_url, odoo_db, importer_key, messy_files, tmp_path,
                                                 concierge):
    latin1, utf8 = messy_files
    run_import(odoo_url, odoo_db, importer_key, latin1)
    report = tmp_path / "report.csv"
    result = run_import(odoo_url, odoo_db, importer_key, utf8, "--campaign", "Campagne bis", report=report)
    assert result.returncode == 0, result.stderr
    rows = read_report(report)
    assert rows[2]["statut"] in ("inchangée", "mise à jour"), "Anaïs exists: never a second journey"
    assert rows[3]["statut"] == "créée"
    assert rows[4]["statut"] == "rejetée"
    count = concierge.call("crm.lead", "search_count", domain=[("email_normalized", "=", "anais.hebert@example.org")],
                           context={"active_test": False}).json()
    assert count == 1
    minh = journeys_by_email(concierge, "minh.tran@example.org")["minh.tran@example.org"]
    assert minh["campaign_id"][1] == "Campagne bis", "--campaign fills rows without a campaign"
    assert minh["project_horizon"] == "unknown", "a missing column is not an error"


def test_second_run_is_a_no_op(odoo_url, odoo_db, importer_key, messy_files, tmp_path, concierge):
    latin1, utf8 = messy_files
    for path in (latin1, utf8):
        run_import(odoo_url, odoo_db, importer_key, path)
    before = journeys_by_email(concierge, "anais.hebert@example.org", "minh.tran@example.org")
    report = tmp_path / "report.csv"
    result = run_import(odoo_url, odoo_db, importer_key, latin1, report=report)
    assert result.returncode == 0
    statuses = {row["statut"] for row in read_report(report).values()}
    assert statuses <= {"inchangée", "fusionnée", "rejetée", "ignorée"}, statuses
    assert "0 créée(s), 0 mise à jour(s)" in result.stdout
    after = journeys_by_email(concierge, "anais.hebert@example.org", "minh.tran@example.org")
    assert before == after, "nothing was written"


def test_dry_run_writes_nothing(odoo_url, odoo_db, importer_key, tmp_path, concierge):
    path = tmp_path / "dry.csv"
    path.write_text(HEADER + "\nSimulé;Sam;sam.simule@example.org;0619870005;Paris;75001;famille;1;0;;;;;"
                    "Source jamais vue;;;non\n", encoding="utf-8")
    result = run_import(odoo_url, odoo_db, importer_key, path, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Simulation" in result.stdout and "1 créée(s)" in result.stdout
    assert not journeys_by_email(concierge, "sam.simule@example.org")
    assert concierge.call("utm.source", "search_count", domain=[("name", "=", "Source jamais vue")]).json() == 0


def test_mapping_adapts_another_export(odoo_url, odoo_db, importer_key, tmp_path, concierge):
    path = tmp_path / "other.csv"
    path.write_text("Last name,First name,E-mail address,Mobile,City,Zip,Profile,Consent partners\n"
                    "Faure,Léon,leon.faure@example.org,0619870006,Bordeaux,33000,agriculteur,oui\n",
                    encoding="utf-8")
    result = run_import(odoo_url, odoo_db, importer_key, path, "--mapping",
                        str(ROOT / "data" / "samples" / "mapping_example.json"))
    assert result.returncode == 0, result.stderr
    leon = journeys_by_email(concierge, "leon.faure@example.org")["leon.faure@example.org"]
    assert leon["name"] == "Léon Faure" and leon["partner_sharing_consent"] is True


def test_xlsx_export(odoo_url, odoo_db, importer_key, tmp_path, concierge):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["Marchal", "Lise", "lise.marchal@example.org", "0619870007", "Dijon", "21000", "artisan", 1, 0,
                  "moins de 6 mois", "forte", "Ébéniste", "", "Salon", "Campagne xlsx", "05/03/2026", "non"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    result = run_import(odoo_url, odoo_db, importer_key, path)
    assert result.returncode == 0, result.stderr
    lise = journeys_by_email(concierge, "lise.marchal@example.org")["lise.marchal@example.org"]
    assert lise["project_horizon"] == "lt_6m"


def test_sample_file_imports(odoo_url, odoo_db, importer_key):
    result = run_import(odoo_url, odoo_db, importer_key, ROOT / "data" / "samples" / "campaign_export_sample.csv",
                        "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "0 rejetée(s)" in result.stdout


def test_cannot_run_exit_codes(odoo_url, odoo_db, importer_key, tmp_path):
    assert run_import(odoo_url, odoo_db, importer_key, tmp_path / "missing.csv").returncode == 2
    path = ROOT / "data" / "samples" / "campaign_export_sample.csv"
    refused = run_import(odoo_url, odoo_db, "not-a-key", path)
    assert refused.returncode == 3, refused.stderr
    assert run_import("http://127.0.0.1:9", odoo_db, importer_key, path).returncode == 4


def write_export(path, *lines):
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def journeys_with_phone(concierge, phone):
    response = concierge.call("crm.lead", "search_read", domain=[("phone_sanitized", "=", phone)],
                              fields=["contact_name", "email_normalized", "profile_ids", "child_count",
                                      "adult_count", "partner_sharing_consent", "household_member_ids"],
                              order="id", context={"active_test": False})
    assert response.status_code == 200, response.text
    return response.json()


def duplicate_activities(concierge, journey_id):
    """The activities the import left on a journey about a possible duplicate (the stage's
    plan may have added others)."""
    response = concierge.call("mail.activity", "search_read",
                              domain=[("res_model", "=", "crm.lead"), ("res_id", "=", journey_id),
                                      ("summary", "ilike", "doublon")],
                              fields=["summary", "note"])
    assert response.status_code == 200, response.text
    return response.json()


def test_phone_shared_with_another_household_is_only_a_possible_duplicate(odoo_url, odoo_db, importer_key,
                                                                          tmp_path, concierge):
    """A new family typed the phone of another household: she gets her own journey, with her
    e-mail, children, job and consent; the other journey is untouched; the report says why."""
    first = write_export(tmp_path / "first.csv",
                         "Lambert;Claire;claire.lambert@example.org;06 19 87 00 21;Reims;51100;famille;2;0;;;;;;"
                         "Campagne téléphone;;non")
    assert run_import(odoo_url, odoo_db, importer_key, first).returncode == 0
    [claire] = journeys_with_phone(concierge, "+33619870021")

    second = write_export(tmp_path / "second.csv",
                          "Benali;Sarah;sarah.benali@example.org;0619870021;Lille;59000;soignant;1;2;;;"
                          "Aide-soignante;;;Campagne téléphone;;oui")
    report = tmp_path / "report.csv"
    result = run_import(odoo_url, odoo_db, importer_key, second, report=report)
    assert result.returncode == 0, result.stderr
    row = read_report(report)[2]
    assert row["statut"] == "créée", "a new household, not an update of Claire's journey"
    assert "doublon possible" in row["motif"] and f"parcours {claire['id']}" in row["motif"]
    assert "même téléphone" in row["motif"] and "ligne 2" in row["motif"]
    assert "doublon possible" in result.stdout

    claire_after, sarah = journeys_with_phone(concierge, "+33619870021")
    assert claire_after == claire, "Claire's journey did not get Sarah's consent, profile or household"
    assert sarah["id"] == int(row["parcours"])
    assert sarah["email_normalized"] == "sarah.benali@example.org"
    assert (sarah["adult_count"], sarah["child_count"]) == (1, 2)
    assert sarah["partner_sharing_consent"] is True
    adults = concierge.call("territory.household.member", "search_read",
                            domain=[("id", "in", sarah["household_member_ids"]), ("role", "=", "adult")],
                            fields=["job_sought"]).json()
    assert [adult["job_sought"] for adult in adults] == ["Aide-soignante"]
    [activity] = duplicate_activities(concierge, sarah["id"])
    assert "Doublon possible" in activity["summary"]
    assert f"parcours {claire['id']}" in activity["note"] and "Claire Lambert" in activity["note"]
    assert not duplicate_activities(concierge, claire["id"])

    again = run_import(odoo_url, odoo_db, importer_key, second, report=report)
    assert again.returncode == 0, again.stderr
    assert read_report(report)[2]["statut"] == "inchangée", "Sarah is now found by her e-mail"
    assert len(journeys_with_phone(concierge, "+33619870021")) == 2


def test_phone_and_same_name_is_the_same_household(odoo_url, odoo_db, importer_key, tmp_path, concierge):
    first = write_export(tmp_path / "first.csv",
                         "Garnier;Paul;paul.garnier@example.org;06 19 87 00 22;Reims;51100;famille;1;0;;;;;;;;non")
    assert run_import(odoo_url, odoo_db, importer_key, first).returncode == 0
    report = tmp_path / "report.csv"
    second = write_export(tmp_path / "second.csv", "GARNIER;paul;;0619870022;;;artisan;;;;;;;;;;non")
    result = run_import(odoo_url, odoo_db, importer_key, second, report=report)
    assert result.returncode == 0, result.stderr
    row = read_report(report)[2]
    assert row["statut"] == "mise à jour" and "même téléphone et même nom" in row["motif"]
    [paul] = journeys_with_phone(concierge, "+33619870022")
    assert len(paul["profile_ids"]) == 2

    # Same name and phone, but another e-mail: not decided on the phone.
    third = write_export(tmp_path / "third.csv",
                         "Garnier;Paul;paul.garnier.pro@example.org;0619870022;;;famille;;;;;;;;;;non")
    result = run_import(odoo_url, odoo_db, importer_key, third, report=report)
    row = read_report(report)[2]
    assert row["statut"] == "créée" and "doublon possible" in row["motif"], row
    assert len(journeys_with_phone(concierge, "+33619870022")) == 2


def test_lines_of_one_file_sharing_only_a_phone_stay_apart(odoo_url, odoo_db, importer_key, tmp_path,
                                                           concierge):
    path = write_export(
        tmp_path / "shared_phone.csv",
        "Morel;Julie;julie.morel@example.org;06 19 87 00 23;Metz;57000;famille;2;2;;;;;;;;non",
        "Nguyen;Thi;thi.nguyen@example.org;0619870023;Nancy;54000;etudiant;1;0;;;;;;;;oui",
        "NGUYEN;Thi;;+33619870023;;;teletravailleur;1;0;;;;;;;;oui",
    )
    report = tmp_path / "report.csv"
    result = run_import(odoo_url, odoo_db, importer_key, path, report=report)
    assert result.returncode == 0, result.stderr
    rows = read_report(report)
    assert rows[2]["statut"] == "créée" and "doublon" not in rows[2]["motif"]
    assert rows[3]["statut"] == "créée"
    assert "doublon possible" in rows[3]["motif"] and "ligne 2" in rows[3]["motif"]
    assert f"parcours {rows[2]['parcours']}" in rows[3]["motif"]
    assert rows[4]["statut"] == "fusionnée" and "ligne 3" in rows[4]["motif"], "same phone and same name"
    julie, thi = journeys_with_phone(concierge, "+33619870023")
    assert julie["email_normalized"] == "julie.morel@example.org" and julie["child_count"] == 2
    assert julie["partner_sharing_consent"] is False, "Thi's consent is not Julie's"
    assert thi["email_normalized"] == "thi.nguyen@example.org" and len(thi["profile_ids"]) == 2
    [activity] = duplicate_activities(concierge, thi["id"])
    assert "Julie Morel" in activity["note"]


def test_rows_go_through_the_server_intake(odoo_url, odoo_db, importer_key, client_for, ref, tmp_path, concierge):
    """The script holds no matching rule nor vocabulary: one call of crm.lead.intake_households per
    batch of 200 rows, and a word a manager adds in Odoo is understood at once."""
    from import_candidates import Importer, Odoo, read_rows  # noqa: PLC0415  (scripts/ is on the path)

    manager = client_for("territory_concierge.group_concierge_manager")
    suffix = uuid.uuid4().hex[:6]  # a word and a household no other run added
    word = f"Sage-femme {suffix}"
    created = manager.call("territory.intake.word", "create", vals_list=[
        {"word": word, "kind": "profile", "profile_id": ref("territory_concierge.profile_health_worker")}])
    assert created.status_code == 200, created.text
    path = write_export(tmp_path / "words.csv",
                        f"Roy;Lou;lou.roy.{suffix}@example.org;;Metz;57000;{word.upper()};1;0;;;;;;;;non",
                        *[f"Lot;Ligne {index};lot.{index}@example.org;;;;famille;1;0;;;;;;;;non"
                          for index in range(200)])
    _header, rows = read_rows(path)

    dry = Importer(Odoo(odoo_url, odoo_db, importer_key), dry_run=True)
    dry.load_reference()
    results = dry.run(rows)
    assert dry.calls == 2, "201 rows: two calls of the server's intake"
    assert {status for status, _reason, _id in results.values()} == {"créée"}, results

    importer = Importer(Odoo(odoo_url, odoo_db, importer_key))
    importer.load_reference()
    status, _reason, journey_id = importer.run(rows[:1])[2]
    assert (status, importer.calls) == ("créée", 1)
    lou = concierge.call("crm.lead", "read", ids=[journey_id], fields=["profile_ids"]).json()[0]
    assert lou["profile_ids"] == [ref("territory_concierge.profile_health_worker")], "the manager's word"


def test_only_staff_call_the_intake(client_for, concierge):
    """Over JSON-2, the intake answers the conciergerie's staff only."""
    row = {"ref": 2, "name": "Intrus", "email": "intrus.intake@example.org"}
    for groups in (("sales_team.group_sale_salesman_all_leads",), ("base.group_user",)):
        response = client_for(*groups).call("crm.lead", "intake_households", rows=[row], source="import")
        assert response.status_code == 403, (groups, response.status_code, response.text[:300])
    response = concierge.call("crm.lead", "intake_households", rows=[row], source="import", dry_run=True)
    assert response.status_code == 200 and response.json()[0]["status"] == "created", response.text
    assert not journeys_by_email(concierge, "intrus.intake@example.org")
