#!/usr/bin/env python3
"""Regenerate the commune reference files from Etalab's official COG package.

Source: the npm package ``@etalab/decoupage-administratif`` 6.x (MIT, Etalab,
built from INSEE's Code officiel géographique). The script runs ``npm pack``
itself unless ``--package-dir`` points to an unpacked copy.

Writes:

* ``addons/territory_concierge/data/cog/communes.csv.gz``: every current
  commune of France (``type == "commune-actuelle"``: metropolitan France,
  Corsica 2A/2B, overseas départements and collectivities), with its INSEE
  code, name, département, postcodes, municipal population and EPCI SIREN;
* ``addons/territory_concierge/data/cog/epci.csv.gz``: every EPCI (SIREN,
  name, kind).
  The module loads them département by département or EPCI by EPCI
  (``territory.commune._load_departements`` / ``_load_epci``); Haute-Marne
  at install.
* ``data/communes_haute_marne_sample.csv``: the main towns of ``--department``
  (default 52), in the INSEE column format that staff can import in the back
  office (see data/README.md).

The archives are written byte for byte the same from the same data (no
timestamp in the gzip header), so a refresh only changes them when the COG
changed.
"""

import argparse
import csv
import gzip
import io
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COG_DIR = ROOT / "addons" / "territory_concierge" / "data" / "cog"
PACKAGE = "@etalab/decoupage-administratif@6"
SAMPLE_SIZE = 12  # the most populated communes go to the sample
# The département first and the EPCI last: the loader picks a département's or an EPCI's lines by
# their start or end before parsing them (codes are never quoted).
COMMUNE_COLUMNS = ["department_code", "insee_code", "name", "zip_codes", "population", "epci_siren"]
EPCI_COLUMNS = ["siren", "name", "kind"]


def unpack_package(workdir):
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True, capture_output=True)
    archive = next(Path(workdir).glob("etalab-decoupage-administratif-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return Path(workdir) / "package"


def write_csv_gz(path, header, rows):
    """Write a UTF-8 CSV, gzip-compressed without timestamp (reproducible bytes)."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.getvalue().encode(), compresslevel=9, mtime=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--department", default="52", help="département of the sample file (default 52)")
    parser.add_argument("--package-dir", type=Path, help="an unpacked @etalab/decoupage-administratif")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        package = args.package_dir or unpack_package(workdir)
        communes = json.loads((package / "data" / "communes.json").read_text())
        epcis = json.loads((package / "data" / "epci.json").read_text())

    communes = sorted((c for c in communes if c["type"] == "commune-actuelle"), key=lambda c: c["code"])
    epcis = sorted(epcis, key=lambda e: e["code"])
    epci_of_commune = {member["code"]: epci for epci in epcis for member in epci["membres"]}

    write_csv_gz(COG_DIR / "communes.csv.gz", COMMUNE_COLUMNS, (
        [commune["departement"], commune["code"], commune["nom"], " ".join(commune.get("codesPostaux", [])),
         commune.get("population", 0), epci_of_commune.get(commune["code"], {}).get("code", "")]
        for commune in communes
    ))
    write_csv_gz(COG_DIR / "epci.csv.gz", EPCI_COLUMNS, ([e["code"], e["nom"], e["type"]] for e in epcis))

    # INSEE COG column names (COM, TYPECOM, LIBELLE, DEP) plus the optional
    # columns the importer understands (CODE_POSTAL, POPULATION, EPCI, LIBEPCI).
    local = [c for c in communes if c["departement"] == args.department]
    largest = sorted(local, key=lambda c: -c.get("population", 0))[:SAMPLE_SIZE]
    with (ROOT / "data" / "communes_haute_marne_sample.csv").open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["TYPECOM", "COM", "DEP", "LIBELLE", "CODE_POSTAL", "POPULATION", "EPCI", "LIBEPCI"])
        for commune in sorted(largest, key=lambda c: c["code"]):
            epci = epci_of_commune.get(commune["code"], {})
            writer.writerow([
                "COM", commune["code"], commune["departement"], commune["nom"],
                " ".join(commune.get("codesPostaux", [])), commune.get("population", 0),
                epci.get("code", ""), epci.get("nom", ""),
            ])
    departements = {c["departement"] for c in communes}
    print(f"{len(communes)} communes of {len(departements)} départements, {len(epcis)} EPCI written to "
          f"{COG_DIR.relative_to(ROOT)}; {len(largest)} communes of {args.department} in the sample")


if __name__ == "__main__":
    main()
