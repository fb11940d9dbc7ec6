import csv
import io

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import cog

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
    def _load_departements(self, codes):
        """Create or update the communes of the given départements, and their EPCI, from the
        COG files shipped with the module. Idempotent; the services staff maintain are kept.

        :param codes: département codes ("52", "2A", "974"; "1" means "01")
        :return: dict with the counts ``created``, ``updated``, ``unchanged`` and ``epci``
        :raise UserError: when a code is not a département of the COG (nothing is loaded)
        """
        codes = {cog.departement_code(code) for code in codes} - {""}
        if not codes:
            raise UserError(self.env._("Give at least one département code, e.g. 52 or 2A."))
        prefixes = tuple(f"{code}," for code in codes)
        rows = cog.read_rows(cog.COMMUNES_FILE, lambda line: line.startswith(prefixes))
        unknown = codes - {row["department_code"] for row in rows}
        if unknown:
            raise UserError(self.env._(
                "No département with the code %(codes)s in the official geographic code (COG).",
                codes=", ".join(sorted(unknown)),
            ))
        return self._load_cog_communes(rows)

    @api.model
    def _load_epci(self, siren_codes):
        """Create or update the EPCI of the given SIREN numbers and all their member communes
        (in whichever département), from the COG files shipped with the module.

        :param siren_codes: SIREN numbers of EPCI (9 digits)
        :return: dict with the counts ``created``, ``updated``, ``unchanged`` and ``epci``
        :raise UserError: when a SIREN is not an EPCI of the COG (nothing is loaded)
        """
        sirens = {str(siren).strip() for siren in siren_codes} - {""}
        if not sirens:
            raise UserError(self.env._("Give at least one EPCI SIREN number (9 digits)."))
        suffixes = tuple(f",{siren}" for siren in sirens)
        rows = cog.read_rows(cog.COMMUNES_FILE, lambda line: line.rstrip().endswith(suffixes))
        unknown = sirens - {row["epci_siren"] for row in rows}
        if unknown:
            raise UserError(self.env._(
                "No EPCI with the SIREN number %(sirens)s in the official geographic code (COG).",
                sirens=", ".join(sorted(unknown)),
            ))
        return self._load_cog_communes(rows)

    @api.model
    def _load_cog_communes(self, rows):
        """Create the communes of ``rows`` (from the COG communes file) that do not exist, and
        update the reference fields (name, postcodes, département, population, EPCI) of those
        that do, in batch: one search, one create, grouped updates and xml ids, whatever the
        number of communes. Other fields (services, notes, archived) are left as they are.
        Reference data shared by every territory: managers only, even when nothing changes."""
        self.check_access("create")
        epcis = self.env["territory.epci"]._load_cog_epcis({row["epci_siren"] for row in rows if row["epci_siren"]})
        existing = {commune.insee_code: commune for commune in self.with_context(active_test=False).search(
            [("insee_code", "in", [row["insee_code"] for row in rows])])}
        to_create, updated, unchanged = [], 0, 0
        for row in rows:
            epci = epcis.get(row["epci_siren"])
            values = {
                "name": row["name"],
                "zip_codes": row["zip_codes"] or False,
                "department_code": row["department_code"],
                "population": int(row["population"] or 0),
                "epci_id": epci.id if epci else False,
            }
            commune = existing.get(row["insee_code"])
            if not commune:
                to_create.append({"insee_code": row["insee_code"], **values})
                continue
            current = {
                "name": commune.name, "zip_codes": commune.zip_codes or False,
                "department_code": commune.department_code, "population": commune.population,
                "epci_id": commune.epci_id.id,
            }
            changes = {field: value for field, value in values.items() if current[field] != value}
            if changes:
                commune.write(changes)
                updated += 1
            else:
                unchanged += 1
        created = self.create(to_create)
        existing.update((commune.insee_code, commune) for commune in created)
        self.env["ir.model.data"].sudo()._update_xmlids([
            {"xml_id": f"{cog.XMLID_MODULE}.commune_{code}", "record": commune, "noupdate": True}
            for code, commune in existing.items()
        ])
        return {"created": len(created), "updated": updated, "unchanged": unchanged, "epci": len(epcis)}

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
