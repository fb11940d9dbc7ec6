"""The official geographic code (COG) shipped with the module: every current commune and
EPCI of France, from Etalab's ``@etalab/decoupage-administratif`` (MIT), written by
``scripts/build_communes.py`` (see data/README.md).

They are not installed: the communes of the départements or EPCI a territory covers are
loaded on demand (``territory.commune._load_departements`` / ``_load_epci``), Haute-Marne's
at install.
"""

import csv
import gzip
import re

from odoo.tools.misc import file_path

# department_code,insee_code,name,zip_codes,population,epci_siren: the département first and
# the EPCI last, so that a département's or an EPCI's lines are picked before being parsed.
COMMUNES_FILE = "territory_concierge/data/cog/communes.csv.gz"
# siren,name,kind
EPCI_FILE = "territory_concierge/data/cog/epci.csv.gz"
# Loaded communes and EPCI get these xml ids (territory_concierge.commune_52121,
# territory_concierge.epci_200068658), noupdate: module updates keep them.
XMLID_MODULE = "territory_concierge"
CODE_SEPARATORS = re.compile(r"[\s,;]+")


def departement_code(code):
    """A département code as the COG writes it: "1" -> "01", "2a" -> "2A"."""
    code = str(code).strip().upper()
    return code.zfill(2) if code.isdigit() else code


def split_codes(text):
    """Codes typed by staff, separated by spaces, commas or semicolons."""
    return [code for code in CODE_SEPARATORS.split(text or "") if code]


def read_rows(path, keep):
    """The rows of a shipped COG file whose raw line passes ``keep``, as dicts.

    Lines are filtered before being parsed: a département's communes are read in a few
    hundredths of a second out of the 35,000 of France.
    """
    with gzip.open(file_path(path), "rt", encoding="utf-8", newline="") as handle:
        header = next(csv.reader([next(handle)]))
        return [dict(zip(header, row, strict=True)) for row in csv.reader(line for line in handle if keep(line))]
