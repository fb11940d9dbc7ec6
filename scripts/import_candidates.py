#!/usr/bin/env python3
"""Import a recruiting campaign's contacts as newcomer journeys, through Odoo's JSON-2 API.

    python scripts/import_candidates.py --url URL --db DB --api-key KEY FILE
        [--mapping MAP.json] [--campaign NAME] [--dry-run] [--report REPORT.csv]

Reads CSV (encoding and delimiter detected) or XLSX, maps its columns and sends
the rows in batches of 200 to Odoo's intake (crm.lead.intake_households, one
call per batch), which holds the rules of every channel: matching, "fill only
what is missing", vocabulary (Conciergerie > Configuration > Vocabulaire des
imports), consents and notes. Every row ends up created, updated (an existing
household), unchanged, merged into an earlier row of the same batch, or rejected
with its line number and a French reason in the report. The same household is
the same e-mail, or the same phone and the same name when the e-mails do not
differ; a phone shared with another name or e-mail is only a possible
duplicate: a journey is created, flagged with an activity naming the other one,
and the report says which line matched which journey and why.
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

import requests
from csv_safety import safe_row

# The default column set of a campaign export (README, data/samples/campaign_export_sample.csv).
COLUMNS = (
    "nom", "prenom", "email", "telephone", "ville_origine", "code_postal_origine", "profil", "adultes",
    "enfants", "horizon", "motivation", "metier", "metier_conjoint", "source", "campagne", "date_contact",
    "consentement_partage",
)
YES_WORDS = {"oui", "o", "yes", "y", "1", "vrai", "true", "x"}
NO_WORDS = {"non", "n", "no", "0", "faux", "false", ""}
# Rows per call of the server's intake.
BATCH = 200
# What the server's answers become in the report.
STATUSES = {"created": "créée", "duplicate": "créée", "updated": "mise à jour", "unchanged": "inchangée",
            "matched": "inchangée", "merged": "fusionnée", "refused": "rejetée"}


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
# Reading one row's cells (the server checks the rest)
# ----------------------------------------------------------------------------

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


def intake_row(line, row, default_campaign=None):
    """A row of the file as the server's intake reads it, or the French reasons why its cells
    cannot be read (numbers, dates, yes / no). Names, e-mails, phones, profiles, horizons and
    motivations are checked by the server, with the vocabulary staff maintain there.

    :return: (intake row or None, list of reasons)
    """
    problems = []
    consent = simplify(row.get("consentement_partage", ""))
    if consent not in YES_WORDS | NO_WORDS:
        problems.append(f"consentement au partage illisible : « {row['consentement_partage']} » (oui / non)")
    adults = parse_count(row.get("adultes", ""), "nombre d'adultes", problems)
    children = parse_count(row.get("enfants", ""), "nombre d'enfants", problems)
    contact_date = parse_date(row.get("date_contact", ""), problems)
    if problems:
        return None, problems
    return {
        "ref": line, "last_name": row.get("nom", ""), "first_name": row.get("prenom", ""),
        "email": row.get("email", ""), "phone": row.get("telephone", ""),
        "origin_city": row.get("ville_origine", ""), "origin_zip": row.get("code_postal_origine", ""),
        "profiles": [word.strip() for word in re.split(r"[,;/|+]", row.get("profil", "")) if word.strip()],
        "adults": adults, "children": children, "jobs": [row.get("metier", ""), row.get("metier_conjoint", "")],
        "horizon": row.get("horizon", ""), "motivation": row.get("motivation", ""),
        "source": row.get("source", ""), "campaign": row.get("campagne", "") or default_campaign or "",
        "contact_date": contact_date, "consents": ["partner_sharing"] if consent in YES_WORDS else [],
    }, []


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
        self.calls = 0  # calls of the server's intake

    def load_reference(self):
        """Check the key, and that the database has a journeys team."""
        teams = self.odoo.call("crm.team", "search_read", domain=[("use_journeys", "=", True)], fields=["id"],
                               limit=1)
        if not teams:
            raise ImportFailure("Aucune équipe « parcours d'installation » dans cette base.", 4)

    def run(self, rows):
        to_send = []
        for line, row in rows:
            if not any(row.values()):
                self.results[line] = ("ignorée", "ligne vide", None)
                continue
            intake, problems = intake_row(line, row, self.default_campaign)
            if problems:
                self.results[line] = ("rejetée", " ; ".join(problems), None)
                continue
            to_send.append(intake)
        for start in range(0, len(to_send), BATCH):
            batch = to_send[start:start + BATCH]
            # One call per batch: the server matches, creates, fills what is missing and answers
            # one result per row, in French (the report's language).
            answers = self.odoo.call("crm.lead", "intake_households", rows=batch, source="import",
                                     dry_run=self.dry_run, context={"lang": "fr_FR"})
            self.calls += 1
            for answer in answers:
                status = STATUSES[answer["status"]]
                separator = " ; " if status == "rejetée" else "; "
                self.results[answer["ref"]] = (status, separator.join(answer["reasons"] + answer["warnings"]),
                                               answer["journey_id"] or None)
            self.progress(min(start + BATCH, len(to_send)), len(to_send))
        return self.results


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
