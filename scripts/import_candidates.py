#!/usr/bin/env python3
"""Import a recruiting campaign's contacts as newcomer journeys, through Odoo's JSON-2 API.

    python scripts/import_candidates.py --url URL --db DB --api-key KEY FILE
        [--mapping MAP.json] [--campaign NAME] [--dry-run] [--report REPORT.csv]

Reads CSV (encoding and delimiter detected) or XLSX. Every row ends up created,
updated (an existing household), unchanged, merged into an earlier row of the
same file, or rejected with its line number and a French reason in the report.
The same household is the same e-mail, or the same phone and the same name when
the e-mails do not differ; a phone shared with another name or e-mail is only a
possible duplicate: a journey is created, flagged with an activity naming the
other one, and the report says which line matched which journey and why.
Running it twice on the same file changes nothing the second time. Exit code 0
when the file was processed, even with rejected rows; 2 when the file or mapping
cannot be read, 3 when Odoo refuses the API key, 4 when Odoo cannot be reached
or fails.
"""

import argparse
import csv
import datetime
import io
import json
import re
import sys
from pathlib import Path

import phonenumbers
import requests
from csv_safety import safe_row

# The default column set of a campaign export (README, data/samples/campaign_export_sample.csv).
COLUMNS = (
    "nom", "prenom", "email", "telephone", "ville_origine", "code_postal_origine", "profil", "adultes",
    "enfants", "horizon", "motivation", "metier", "metier_conjoint", "source", "campagne", "date_contact",
    "consentement_partage",
)
# French words of exports → profile codes of territory_concierge (territory.profile.code).
PROFILE_WORDS = {
    "famille": "family", "salarie": "skilled_employee", "salarie qualifie": "skilled_employee",
    "soignant": "health_worker", "sante": "health_worker", "infirmier": "health_worker", "medecin": "health_worker",
    "artisan": "craftsperson", "commercant": "craftsperson", "artisan commercant": "craftsperson",
    "teletravailleur": "remote_worker", "teletravail": "remote_worker",
    "repreneur": "business_buyer", "createur": "business_buyer", "repreneur createur": "business_buyer",
    "createur d entreprise": "business_buyer", "agriculteur": "farmer", "etudiant": "student",
    "jeune actif": "student", "etudiant jeune actif": "student",
}
HORIZON_WORDS = {
    "moins de 6 mois": "lt_6m", "< 6 mois": "lt_6m", "0-6 mois": "lt_6m", "immediat": "lt_6m",
    "6-12 mois": "6_12m", "6 a 12 mois": "6_12m", "moins d un an": "6_12m",
    "1-2 ans": "12_24m", "1 a 2 ans": "12_24m", "12-24 mois": "12_24m",
    "plus de 2 ans": "gt_24m", "> 2 ans": "gt_24m", "ne sait pas": "unknown", "inconnu": "unknown",
}
MOTIVATION_WORDS = {"faible": "1", "moyenne": "2", "forte": "3", "tres forte": "4",
                    "1": "1", "2": "2", "3": "3", "4": "4"}
YES_WORDS = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
NO_WORDS = {"non", "n", "no", "0", "faux", "false", ""}
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
CREATE_BATCH = 200
SEARCH_BATCH = 500
CONSENT_WORDING = ("Consentement au partage de mon projet avec les organismes partenaires, "
                   "recueilli lors de la campagne « {campaign} » (export importé le {date}).")


class ImportFailure(Exception):
    """The import cannot run at all; carries the exit code."""

    def __init__(self, message, exit_code):
        super().__init__(message)
        self.exit_code = exit_code


# ----------------------------------------------------------------------------
# Reading the file
# ----------------------------------------------------------------------------

def simplify(text):
    """Lower-case, accents and punctuation removed: 'Salarié qualifié' → 'salarie qualifie'."""
    table = str.maketrans("àâäéèêëîïôöùûüçœ", "aaaeeeeiioouuuco")
    return re.sub(r"[^a-z0-9<>]+", " ", (text or "").lower().translate(table)).strip()


HORIZONS = {simplify(word): code for word, code in HORIZON_WORDS.items()}


def decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1")


def read_rows(path):
    """Return (header, rows) where rows are (line number, {column: value})."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"Impossible de lire le fichier {path} : {error.strerror}", 2) from error
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(content)
    text = decode(content)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    lines = list(reader)
    if not lines:
        raise ImportFailure(f"Le fichier {path} est vide.", 2)
    header = [simplify(cell).replace(" ", "_") for cell in lines[0]]
    rows = [(number, dict(zip(header, (cell.strip() for cell in line), strict=False)))
            for number, line in enumerate(lines[1:], start=2)]
    return header, rows


def read_xlsx(content):
    import openpyxl  # noqa: PLC0415  (only for XLSX files)

    try:
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as error:
        raise ImportFailure(f"Fichier XLSX illisible : {error}", 2) from error
    lines = [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]
    if not lines:
        raise ImportFailure("Le fichier XLSX est vide.", 2)
    header = [simplify(cell).replace(" ", "_") for cell in lines[0]]
    rows = [(number, dict(zip(header, (cell.strip() for cell in line), strict=False)))
            for number, line in enumerate(lines[1:], start=2)]
    return header, rows


def load_mapping(path):
    """A mapping file adapts another export: {"columns": {"nom": "Last name", ...}}."""
    if not path:
        return {}
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ImportFailure(f"Fichier de correspondance illisible : {error}", 2) from error
    columns = mapping.get("columns", mapping)
    return {ours: simplify(theirs).replace(" ", "_") for ours, theirs in columns.items() if ours in COLUMNS}


# ----------------------------------------------------------------------------
# Validating one row
# ----------------------------------------------------------------------------

def normalise_phone(raw):
    """E.164 of a French (or international) number, or None when invalid."""
    try:
        number = phonenumbers.parse(raw, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_count(raw, label, problems):
    if not raw:
        return 0
    if raw.isdigit() and int(raw) < 20:
        return int(raw)
    problems.append(f"{label} invalide : « {raw} »")
    return 0


def parse_date(raw, problems):
    if not raw:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(raw.split(" ")[0], pattern).date().isoformat()
        except ValueError:
            continue
    problems.append(f"date de contact invalide : « {raw} »")
    return None


def validate(row, profiles):
    """Turn a raw row into a candidate, or explain in French why it cannot be taken.

    :return: (candidate dict or None, list of blocking reasons, list of warnings)
    """
    reasons, warnings = [], []
    last_name, first_name = row.get("nom", ""), row.get("prenom", "")
    if not last_name:
        reasons.append("nom manquant")
    email = row.get("email", "").strip().lower()
    if email and not EMAIL_PATTERN.match(email):
        warnings.append(f"e-mail invalide ignoré : « {email} »")
        email = ""
    phone = ""
    if row.get("telephone"):
        phone = normalise_phone(row["telephone"]) or ""
        if not phone:
            warnings.append(f"téléphone invalide ignoré : « {row['telephone']} »")
    if not email and not phone:
        reasons.append("ni e-mail ni téléphone valide : le foyer ne pourrait pas être recontacté")

    profile_codes = []
    for word in re.split(r"[,;/|+]", row.get("profil", "")):
        if not simplify(word):
            continue
        code = PROFILE_WORDS.get(simplify(word)) or (simplify(word) if simplify(word) in profiles else None)
        if code:
            profile_codes.append(code)
        else:
            reasons.append(f"profil inconnu : « {word.strip()} »")
    horizon = "unknown"
    if row.get("horizon"):
        horizon = HORIZONS.get(simplify(row["horizon"]))
        if not horizon:
            reasons.append(f"horizon inconnu : « {row['horizon']} »")
    motivation = None
    if row.get("motivation"):
        motivation = MOTIVATION_WORDS.get(simplify(row["motivation"]))
        if not motivation:
            reasons.append(f"motivation inconnue : « {row['motivation']} »")
    consent = simplify(row.get("consentement_partage", ""))
    if consent not in YES_WORDS | NO_WORDS:
        reasons.append(f"consentement au partage illisible : « {row['consentement_partage']} » (oui / non)")
    adults = parse_count(row.get("adultes", ""), "nombre d'adultes", reasons)
    children = parse_count(row.get("enfants", ""), "nombre d'enfants", reasons)
    contact_date = parse_date(row.get("date_contact", ""), reasons)
    if reasons:
        return None, reasons, warnings
    return {
        "name": f"{first_name} {last_name}".strip(),
        "email": email, "phone": phone,
        "origin_city": row.get("ville_origine", ""), "origin_zip": row.get("code_postal_origine", ""),
        "profiles": profile_codes, "adults": max(adults, 1), "children": children,
        "jobs": [row.get("metier", ""), row.get("metier_conjoint", "")],
        "horizon": horizon, "motivation": motivation,
        "source": row.get("source", ""), "campaign": row.get("campagne", ""),
        "contact_date": contact_date, "partner_sharing": consent in YES_WORDS,
    }, [], warnings


# ----------------------------------------------------------------------------
# Talking to Odoo
# ----------------------------------------------------------------------------

class Odoo:
    """JSON-2 client: POST /json/2/<model>/<method>, API key as bearer token."""

    def __init__(self, url, db, api_key):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {api_key}", "X-Odoo-Database": db})

    def call(self, model, method, **payload):
        try:
            response = self.session.post(f"{self.url}/json/2/{model}/{method}", json=payload, timeout=300)
        except requests.RequestException as error:
            raise ImportFailure(f"Odoo injoignable à {self.url} : {error}", 4) from error
        if response.status_code in (401, 403) and method in ("search_read", "fields_get"):
            raise ImportFailure("Odoo refuse la clé d'API (ou ses droits) : vérifiez --api-key et --db.", 3)
        if response.status_code != 200:
            try:
                message = response.json().get("message", response.text)
            except ValueError:
                message = response.text[:500]
            raise ImportFailure(f"Odoo a refusé {model}.{method} ({response.status_code}) : {message}", 4)
        return response.json()


class Importer:
    def __init__(self, odoo, default_campaign=None, dry_run=False, progress=None):
        self.odoo, self.default_campaign, self.dry_run = odoo, default_campaign, dry_run
        self.progress = progress or (lambda done, total: None)
        self.results = {}  # line number → (status, reason, journey id)

    def load_reference(self):
        teams = self.odoo.call("crm.team", "search_read", domain=[("use_journeys", "=", True)], fields=["id"],
                               limit=1)
        if not teams:
            raise ImportFailure("Aucune équipe « parcours d'installation » dans cette base.", 4)
        self.team_id = teams[0]["id"]
        self.profiles = {p["code"]: p["id"] for p in self.odoo.call(
            "territory.profile", "search_read", domain=[], fields=["code"])}
        self.country_fr = self.odoo.call("res.country", "search_read", domain=[("code", "=", "FR")],
                                         fields=["id"])[0]["id"]
        self.utm_ids = {"utm.source": {}, "utm.campaign": {}}

    def utm_id(self, model, name):
        """Id of the UTM source or campaign of that name, created when missing (not in a dry run)."""
        if not name:
            return False
        cache = self.utm_ids[model]
        if name not in cache:
            found = self.odoo.call(model, "search_read", domain=[("name", "=", name)], fields=["id"], limit=1)
            if found:
                cache[name] = found[0]["id"]
            elif self.dry_run:
                cache[name] = False
            else:
                cache[name] = self.odoo.call(model, "create", vals_list=[{"name": name}])[0]
        return cache[name]

    def run(self, rows):
        candidates, by_email, by_phone = [], {}, {}
        for line, row in rows:
            if not any(row.values()):
                self.results[line] = ("ignorée", "ligne vide", None)
                continue
            candidate, reasons, warnings = validate(row, self.profiles)
            if not candidate:
                self.results[line] = ("rejetée", " ; ".join(reasons + warnings), None)
                continue
            candidate["line"], candidate["warnings"] = line, warnings
            candidate["lookalike_lines"] = []  # earlier lines sharing only the phone
            first, why = match_household(candidate, by_email.get(candidate["email"]),
                                         by_phone.get(candidate["phone"], []), contact_of_candidate)
            if first:
                merge_into(first, candidate)
                self.results[line] = ("fusionnée", f"même foyer que la ligne {first['line']} ({why})", None)
                if first["email"]:
                    by_email.setdefault(first["email"], first)
                if candidate["phone"] and first not in by_phone.setdefault(candidate["phone"], []):
                    by_phone[candidate["phone"]].append(first)
                continue
            candidate["lookalike_lines"] = list(by_phone.get(candidate["phone"], []))
            if candidate["email"]:
                by_email[candidate["email"]] = candidate
            if candidate["phone"]:
                by_phone.setdefault(candidate["phone"], []).append(candidate)
            candidates.append(candidate)

        by_email_found, by_phone_found = self.find_existing(candidates)
        to_create, to_update = [], []
        for candidate in candidates:
            journey, why = match_household(candidate, by_email_found.get(candidate["email"]),
                                           by_phone_found.get(candidate["phone"], []), contact_of_journey)
            candidate["why"] = why
            candidate["lookalike_journeys"] = [] if journey else by_phone_found.get(candidate["phone"], [])
            (to_update if journey else to_create).append((candidate, journey))
        total, done = len(to_create) + len(to_update), 0
        journey_of_line = {}
        for start in range(0, len(to_create), CREATE_BATCH):
            batch = to_create[start:start + CREATE_BATCH]
            ids = [None] * len(batch) if self.dry_run else self.odoo.call(
                "crm.lead", "create", vals_list=[self.create_values(c) for c, _j in batch])
            for (candidate, _journey), journey_id in zip(batch, ids, strict=True):
                journey_of_line[candidate["line"]] = journey_id
                self.results[candidate["line"]] = ("créée", "; ".join(candidate["warnings"]), journey_id)
            done += len(batch)
            self.progress(done, total)
        for candidate, journey in to_update:
            journey_of_line[candidate["line"]] = journey["id"]
        for candidate, _journey in to_create:
            self.flag_possible_duplicate(candidate, journey_of_line)
        for candidate, journey in to_update:
            changes = self.update_values(candidate, journey)
            if not changes:
                self.results[candidate["line"]] = ("inchangée", "déjà à jour", journey["id"])
            else:
                if not self.dry_run:
                    self.odoo.call("crm.lead", "write", ids=[journey["id"]], vals=changes)
                    self.odoo.call("crm.lead", "message_post", ids=[journey["id"]], body=(
                        f"Mis à jour par l'import de campagne (ligne {candidate['line']}) : "
                        f"{', '.join(sorted(changes))}."), message_type="comment", subtype_xmlid="mail.mt_note")
                self.results[candidate["line"]] = ("mise à jour", "; ".join([
                    f"même foyer que le parcours {journey['id']} ({candidate['why']})", *candidate["warnings"]]),
                    journey["id"])
            done += 1
            self.progress(done, total)
        return self.results

    def find_existing(self, candidates):
        """Journeys sharing an e-mail or a phone with the candidates.

        :return: ({e-mail: journey}, {phone: [journeys]}), oldest journey first
        """
        emails = sorted({c["email"] for c in candidates if c["email"]})
        phones = sorted({c["phone"] for c in candidates if c["phone"]})
        by_email, by_phone, seen = {}, {}, set()
        fields = ["name", "contact_name", "email_normalized", "phone_sanitized", "origin_city", "origin_zip",
                  "project_horizon", "motivation", "profile_ids", "source_id", "campaign_id", "first_contact_date",
                  "email_from", "phone", "adult_count", "child_count", "consent_ids", "partner_sharing_consent"]
        for values, field in ((emails, "email_normalized"), (phones, "phone_sanitized")):
            for start in range(0, len(values), SEARCH_BATCH):
                chunk = values[start:start + SEARCH_BATCH]
                for journey in self.odoo.call(
                        "crm.lead", "search_read", domain=[("is_journey", "=", True), (field, "in", chunk)],
                        fields=fields, order="id", context={"active_test": False}):
                    if journey["id"] in seen:
                        continue
                    seen.add(journey["id"])
                    if journey["email_normalized"]:
                        by_email.setdefault(journey["email_normalized"], journey)
                    if journey["phone_sanitized"]:
                        by_phone.setdefault(journey["phone_sanitized"], []).append(journey)
        return by_email, by_phone

    def flag_possible_duplicate(self, candidate, journey_of_line):
        """A created journey that shares only a phone with another household: say which in the
        report, and leave an activity on the new journey for whoever checks it."""
        others = [(f"le parcours {journey['id']} « {journey['contact_name'] or journey['name']} »", journey["id"])
                  for journey in candidate["lookalike_journeys"]]
        others += [(f"la ligne {other['line']} « {other['name']} »"
                    + (f" (parcours {journey_of_line[other['line']]})" if journey_of_line.get(other["line"]) else ""),
                    journey_of_line.get(other["line"]))
                   for other in candidate["lookalike_lines"]]
        if not others:
            return
        described = ", ".join(description for description, _id in others)
        reason = (f"doublon possible : la ligne {candidate['line']} a le même téléphone ({candidate['phone']}) que "
                  f"{described}, mais un autre nom ou un autre e-mail ; parcours créé, à vérifier")
        status, warnings, journey_id = self.results[candidate["line"]]
        self.results[candidate["line"]] = (status, "; ".join([reason, warnings] if warnings else [reason]),
                                           journey_id)
        if self.dry_run or not journey_id:
            return
        self.odoo.call("crm.lead", "activity_schedule", ids=[journey_id], act_type_xmlid="mail.mail_activity_data_todo",
                       summary="Doublon possible (import de campagne)", note=(
                           f"Import de campagne, ligne {candidate['line']} : même téléphone que {described}, "
                           "mais un autre nom ou un autre e-mail. Un parcours a été créé : vérifiez s'il s'agit "
                           "du même foyer avant de fusionner."))

    def household_commands(self, candidate):
        members = [(0, 0, {"role": "adult", "name": f"Adulte {index + 1}",
                           "job_sought": candidate["jobs"][index] if index < 2 else ""})
                   for index in range(candidate["adults"])]
        members += [(0, 0, {"role": "child", "name": f"Enfant {index + 1}"}) for index in range(candidate["children"])]
        return members

    def consent_command(self, candidate):
        campaign = candidate["campaign"] or self.default_campaign or "inconnue"
        return (0, 0, {"purpose": "partner_sharing", "source": "import",
                       "date_given": f"{candidate['contact_date'] or datetime.date.today().isoformat()} 00:00:00",
                       "wording": CONSENT_WORDING.format(campaign=campaign, date=datetime.date.today().isoformat())})

    def create_values(self, candidate):
        values = {
            "name": candidate["name"], "contact_name": candidate["name"], "type": "opportunity",
            "team_id": self.team_id, "user_id": False, "country_id": self.country_fr,
            "email_from": candidate["email"] or False, "phone": candidate["phone"] or False,
            "origin_city": candidate["origin_city"] or False, "origin_zip": candidate["origin_zip"] or False,
            "project_horizon": candidate["horizon"], "motivation": candidate["motivation"] or False,
            "profile_ids": [(6, 0, [self.profiles[code] for code in candidate["profiles"]])],
            "household_member_ids": self.household_commands(candidate),
            "source_id": self.utm_id("utm.source", candidate["source"]),
            "campaign_id": self.utm_id("utm.campaign", candidate["campaign"] or self.default_campaign),
            "first_contact_date": candidate["contact_date"] or False,
        }
        if candidate["partner_sharing"]:
            values["consent_ids"] = [self.consent_command(candidate)]
        return values

    def update_values(self, candidate, journey):
        """Only what the journey lacks: the import never overwrites what staff qualified."""
        changes = {}
        simple = {"origin_city": candidate["origin_city"], "origin_zip": candidate["origin_zip"],
                  "motivation": candidate["motivation"], "first_contact_date": candidate["contact_date"],
                  "email_from": candidate["email"], "phone": candidate["phone"]}
        for field, value in simple.items():
            if value and not journey[field]:
                changes[field] = value
        if candidate["horizon"] != "unknown" and journey["project_horizon"] in (False, "unknown"):
            changes["project_horizon"] = candidate["horizon"]
        missing_profiles = [self.profiles[code] for code in candidate["profiles"]
                            if self.profiles[code] not in journey["profile_ids"]]
        if missing_profiles:
            changes["profile_ids"] = [(4, profile_id) for profile_id in missing_profiles]
        for field, model, name in (("source_id", "utm.source", candidate["source"]),
                                   ("campaign_id", "utm.campaign", candidate["campaign"] or self.default_campaign)):
            if name and not journey[field]:
                changes[field] = self.utm_id(model, name)
        if not journey["adult_count"] and not journey["child_count"]:
            changes["household_member_ids"] = self.household_commands(candidate)
        if candidate["partner_sharing"] and not journey["partner_sharing_consent"]:
            changes["consent_ids"] = [self.consent_command(candidate)]
        return changes


def same_name(one, other):
    """Same words, whatever the order, case, accents and punctuation: 'HÉBERT Anaïs' = 'Anaïs Hébert'."""
    return bool(simplify(one)) and sorted(simplify(one).split()) == sorted(simplify(other).split())


def contact_of_candidate(candidate):
    return candidate["name"], candidate["email"]


def contact_of_journey(journey):
    return journey["contact_name"] or journey["name"] or "", journey["email_normalized"] or ""


def match_household(candidate, email_match, phone_matches, contact_of):
    """The household a candidate belongs to, among earlier lines or existing journeys.

    The same e-mail decides. A shared phone decides only with the same name and no
    conflicting e-mail (one side without an e-mail): a phone is often a household's
    landline, or retyped from another family.

    :param email_match: the line or journey with the candidate's e-mail, or None
    :param phone_matches: lines or journeys with the candidate's phone
    :param contact_of: record → (name, e-mail)
    :return: (line or journey, French reason) or (None, "")
    """
    if candidate["email"] and email_match:
        return email_match, "même e-mail"
    for match in phone_matches:
        name, email = contact_of(match)
        if same_name(candidate["name"], name) and not (candidate["email"] and email and candidate["email"] != email):
            return match, "même téléphone et même nom"
    return None, ""


def merge_into(first, other):
    """A later row of the same household fills what the first one lacked."""
    for field in ("email", "phone", "origin_city", "origin_zip", "motivation", "source", "campaign",
                  "contact_date"):
        if not first[field] and other[field]:
            first[field] = other[field]
    if first["horizon"] == "unknown":
        first["horizon"] = other["horizon"]
    first["profiles"] += [code for code in other["profiles"] if code not in first["profiles"]]
    first["partner_sharing"] = first["partner_sharing"] or other["partner_sharing"]


# ----------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------

def terminal_progress(done, total):
    width = 30
    filled = int(width * done / total) if total else width
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()
    if done == total:
        sys.stderr.write("\n")


def write_report(path, rows, results):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["ligne", "statut", "motif", "parcours"])
        for line, _row in rows:
            status, reason, journey_id = results[line]
            writer.writerow(safe_row([line, status, reason, journey_id or ""]))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--url", required=True, help="Odoo URL, e.g. https://conciergerie.example.org")
    parser.add_argument("--db", required=True, help="database name")
    parser.add_argument("--api-key", required=True, help="API key of a concierge (Preferences > Security)")
    parser.add_argument("file", help="CSV or XLSX export of the campaign")
    parser.add_argument("--mapping", help="JSON file mapping our columns to the export's")
    parser.add_argument("--campaign", help="campaign name for rows without one")
    parser.add_argument("--dry-run", action="store_true", help="validate and compare, write nothing")
    parser.add_argument("--report", help="CSV report: one line per row of the file")
    args = parser.parse_args(argv)

    try:
        header, rows = read_rows(args.file)
        mapping = load_mapping(args.mapping)
        if mapping:
            rows = [(line, {ours: row.get(theirs, "") for ours, theirs in mapping.items()} | {
                key: value for key, value in row.items() if key in COLUMNS and key not in mapping})
                for line, row in rows]
        odoo = Odoo(args.url, args.db, args.api_key)
        progress = terminal_progress if sys.stderr.isatty() else None
        importer = Importer(odoo, default_campaign=args.campaign, dry_run=args.dry_run, progress=progress)
        importer.load_reference()
        results = importer.run(rows)
    except ImportFailure as failure:
        print(f"Erreur : {failure}", file=sys.stderr)
        return failure.exit_code

    missing = [column for column in ("nom", "email", "telephone") if column not in header and column not in mapping]
    if missing:
        print(f"Colonnes absentes du fichier : {', '.join(missing)}", file=sys.stderr)
    if args.report:
        write_report(args.report, rows, results)
    counts = {}
    for status, _reason, _id in results.values():
        counts[status] = counts.get(status, 0) + 1
    prefix = "Simulation (--dry-run), rien n'a été écrit. " if args.dry_run else ""
    print(prefix + f"{len(rows)} lignes : " + ", ".join(
        f"{counts.get(status, 0)} {status}(s)"
        for status in ("créée", "mise à jour", "inchangée", "fusionnée", "rejetée", "ignorée")))
    for line, _row in rows:
        status, reason, _id = results[line]
        if status == "rejetée":
            print(f"  ligne {line} rejetée : {reason}")
        elif reason.startswith("doublon possible"):
            print(f"  ligne {line} {status}, {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
