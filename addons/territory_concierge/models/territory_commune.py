import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

# Column names of INSEE's files. The COG communes file (v_commune_AAAA.csv) has
# TYPECOM, COM, DEP, LIBELLE; the EPCI composition file has CODGEO, LIBGEO,
# EPCI, LIBEPCI, DEP. CODE_POSTAL and POPULATION are optional extras (La Poste
# and INSEE population figures) that the project's own sample file carries.
INSEE_CODE_COLUMNS = ("COM", "CODGEO")
INSEE_NAME_COLUMNS = ("LIBELLE", "LIBGEO", "NCCENR")
COMMUNE_KIND_COLUMN = "TYPECOM"
CURRENT_COMMUNE_KIND = "COM"


class TerritoryCommune(models.Model):
    """A French commune, identified by its official INSEE code, with the services
    that make it a good or poor fit for a household."""

    _name = "territory.commune"
    _description = "Commune"
    _order = "name"
    _rec_names_search = ["name", "insee_code", "zip_codes"]

    name = fields.Char(required=True, index="trigram")
    insee_code = fields.Char("INSEE code", required=True, index=True, size=5)
    zip_codes = fields.Char("Postcodes", help="Postcodes of the commune, separated by spaces.")
    department_code = fields.Char("Département", size=3, index=True)
    population = fields.Integer()
    epci_id = fields.Many2one("territory.epci", string="Intercommunal body", index=True)
    services_known = fields.Boolean(
        "Services checked", help="Staff checked the services below. Fit warnings only use checked communes: "
                                 "an unchecked commune's services are unknown, not missing.")
    has_school = fields.Boolean("School")
    has_doctor = fields.Boolean("Doctor")
    has_pharmacy = fields.Boolean("Pharmacy")
    has_train_station = fields.Boolean("Train station")
    has_fibre = fields.Boolean("Fibre broadband")
    services_note = fields.Text("Services notes")
    active = fields.Boolean(default=True)

    _insee_code_unique = models.Constraint("UNIQUE(insee_code)", "A commune with this INSEE code already exists.")

    @api.depends("name", "zip_codes")
    def _compute_display_name(self):
        for commune in self:
            first_zip = (commune.zip_codes or "").split(" ")[0]
            commune.display_name = f"{commune.name} ({first_zip})" if first_zip else commune.name

    @api.model
    def _load_insee_csv(self, content):
        """Create or update communes from a CSV in INSEE's column format.

        :param bytes content: the file (UTF-8 or Latin-1, comma or semicolon)
        :return: dict with the counts ``created``, ``updated`` and the list of
            ``rejected`` rows as (line number, reason)
        """
        text = _decode(content)
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        columns = {(name or "").strip().lstrip("\ufeff").upper(): name for name in reader.fieldnames or []}
        code_column = next((columns[c] for c in INSEE_CODE_COLUMNS if c in columns), None)
        if not code_column:
            raise UserError(self.env._(
                "This file has no INSEE code column (COM or CODGEO). Columns found: %(columns)s",
                columns=", ".join(columns) or "-",
            ))
        name_column = next((columns[c] for c in INSEE_NAME_COLUMNS if c in columns), None)

        rows, rejected = {}, []
        for line_number, row in enumerate(reader, start=2):
            if COMMUNE_KIND_COLUMN in columns and row[columns[COMMUNE_KIND_COLUMN]] != CURRENT_COMMUNE_KIND:
                continue  # associated or delegated communes share the code of their parent
            code = (row[code_column] or "").strip()
            if len(code) != 5:
                rejected.append((line_number, self.env._("invalid INSEE code %(code)r", code=code)))
                continue
            values = {"insee_code": code}
            if name_column and row[name_column]:
                values["name"] = row[name_column].strip()
            if "DEP" in columns and row[columns["DEP"]]:
                values["department_code"] = row[columns["DEP"]].strip()
            if "CODE_POSTAL" in columns and row[columns["CODE_POSTAL"]]:
                values["zip_codes"] = row[columns["CODE_POSTAL"]].strip()
            if "POPULATION" in columns and (row[columns["POPULATION"]] or "").strip().isdigit():
                values["population"] = int(row[columns["POPULATION"]])
            if "EPCI" in columns and (row[columns["EPCI"]] or "").strip().isdigit():
                values["_epci"] = (row[columns["EPCI"]].strip(), (row.get(columns.get("LIBEPCI")) or "").strip())
            rows[code] = values

        epcis = self._ensure_epcis({v["_epci"] for v in rows.values() if "_epci" in v})
        existing = {c.insee_code: c for c in self.with_context(active_test=False).search(
            [("insee_code", "in", list(rows))])}
        to_create, updated = [], 0
        for code, values in rows.items():
            if "_epci" in values:
                values["epci_id"] = epcis[values.pop("_epci")[0]].id
            if code in existing:
                existing[code].write(values)
                updated += 1
            elif values.get("name"):
                to_create.append(values)
            else:
                rejected.append((0, self.env._(
                    "commune %(code)s is unknown and the file gives no name for it", code=code)))
        self.create(to_create)
        return {"created": len(to_create), "updated": updated, "rejected": rejected}

    @api.model
    def _ensure_epcis(self, siren_and_names):
        Epci = self.env["territory.epci"]
        by_siren = {e.siren: e for e in Epci.search([("siren", "in", [s for s, _name in siren_and_names])])}
        missing = [{"siren": siren, "name": name or siren} for siren, name in siren_and_names if siren not in by_siren]
        for epci in Epci.create(missing):
            by_siren[epci.siren] = epci
        return by_siren


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return content.decode("latin-1", errors="replace")
