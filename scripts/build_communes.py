#!/usr/bin/env python3
"""Regenerate the commune reference files from Etalab's official COG package.

Source: the npm package ``@etalab/decoupage-administratif`` (MIT, Etalab, built
from INSEE's Code officiel géographique). The script runs ``npm pack`` itself
unless ``--package-dir`` points to an unpacked copy.

Writes, for one département (default 52, Haute-Marne):

* ``addons/territory_concierge/data/territory.epci.csv`` and
  ``territory.commune.csv``: the module's reference data (every current commune
  of the département and the EPCI they belong to);
* ``data/communes_haute_marne_sample.csv``: the main towns, in the INSEE column
  format that staff can import in the back office (see data/README.md).
"""

import argparse
import csv
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULE_DATA = ROOT / "addons" / "territory_concierge" / "data"
SAMPLE_SIZE = 12  # the most populated communes go to the sample


def unpack_package(workdir):
    subprocess.run(
        ["npm", "pack", "@etalab/decoupage-administratif@6", "--silent"], cwd=workdir, check=True, capture_output=True
    )
    archive = next(Path(workdir).glob("etalab-decoupage-administratif-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return Path(workdir) / "package"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("--department", default="52")
    parser.add_argument("--package-dir", type=Path, help="an unpacked @etalab/decoupage-administratif")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        package = args.package_dir or unpack_package(workdir)
        communes = json.loads((package / "data" / "communes.json").read_text())
        epcis = json.loads((package / "data" / "epci.json").read_text())

    communes = sorted(
        (c for c in communes if c.get("departement") == args.department and c["type"] == "commune-actuelle"),
        key=lambda c: c["code"],
    )
    codes = {c["code"] for c in communes}
    epci_of_commune = {}
    local_epcis = []
    for epci in epcis:
        members = {m["code"] for m in epci["membres"]} & codes
        if members:
            local_epcis.append(epci)
            epci_of_commune.update(dict.fromkeys(members, epci))

    with (MODULE_DATA / "territory.epci.csv").open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "siren", "name", "kind"])
        for epci in sorted(local_epcis, key=lambda e: e["code"]):
            writer.writerow([f"epci_{epci['code']}", epci["code"], epci["nom"], epci["type"]])

    with (MODULE_DATA / "territory.commune.csv").open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "insee_code", "name", "zip_codes", "department_code", "population", "epci_id:id"])
        for commune in communes:
            epci = epci_of_commune.get(commune["code"])
            writer.writerow([
                f"commune_{commune['code']}", commune["code"], commune["nom"],
                " ".join(commune.get("codesPostaux", [])), commune["departement"],
                commune.get("population", 0), f"epci_{epci['code']}" if epci else "",
            ])

    # INSEE COG column names (COM, TYPECOM, LIBELLE, DEP) plus the optional
    # columns the importer understands (CODE_POSTAL, POPULATION, EPCI, LIBEPCI).
    largest = sorted(communes, key=lambda c: -c.get("population", 0))[:SAMPLE_SIZE]
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
    print(f"{len(communes)} communes, {len(local_epcis)} EPCI written")


if __name__ == "__main__":
    main()
