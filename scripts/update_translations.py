#!/usr/bin/env python3
"""Refresh the modules' i18n/fr.po from a database where they are installed.

Odoo's ``i18n export`` lists every translatable term, but leaves empty the
translations of Python strings (they are not stored in the database) and
those equal to their source. This script exports, then puts back every
translation the committed fr.po already had, and lists the terms still to
translate.

    python3 scripts/update_translations.py -d DB [MODULE ...]
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
from odoo_local import PROJECT_MODULES, ROOT

MODULES = PROJECT_MODULES


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("modules", nargs="*", default=MODULES)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as backup_dir:
        previous = {}
        for module in args.modules:
            po_path = ROOT / "addons" / module / "i18n" / "fr.po"
            if po_path.exists():
                shutil.copy(po_path, Path(backup_dir) / f"{module}.po")
                previous[module] = {entry.msgid: entry.msgstr for entry in polib.pofile(str(po_path))
                                    if entry.msgstr}
        subprocess.run(
            [sys.executable, "-m", "odoo", f"--addons-path={ROOT / 'addons'}", "i18n", "export",
             "-d", args.database, *args.modules, "-l", "fr_FR"],
            check=True,
        )
    untranslated = 0
    for module in args.modules:
        po_path = ROOT / "addons" / module / "i18n" / "fr.po"
        catalog = polib.pofile(str(po_path))
        for entry in catalog:
            if not entry.msgstr and entry.msgid in previous.get(module, {}):
                entry.msgstr = previous[module][entry.msgid]
            if not entry.msgstr:
                untranslated += 1
                print(f"{module}: to translate: {entry.msgid!r}")
        catalog.metadata["Language"] = "fr"
        catalog.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
        catalog.save(str(po_path))
    print(f"{untranslated} term(s) to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
