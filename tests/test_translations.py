"""The French translations reach the user: Odoo reads a Python string's translation only from a
.po entry marked ``#. odoo-python`` (odoo/tools/translate.py, CodeTranslations)."""

import polib
import pytest
from odoo_local import ROOT

PO_FILES = sorted(ROOT.glob("addons/*/i18n/fr.po"))


@pytest.mark.parametrize("path", PO_FILES, ids=lambda path: path.parts[-3])
def test_python_strings_are_marked_for_odoo(path):
    unmarked = [entry.msgid for entry in polib.pofile(str(path))
                if any(file.endswith(".py") for file, _line in entry.occurrences)
                and "odoo-python" not in (entry.comment or "")]
    assert not unmarked, f"entries Odoo will not use for Python code: {unmarked}"


@pytest.mark.parametrize("path", PO_FILES, ids=lambda path: path.parts[-3])
def test_every_entry_is_translated(path):
    untranslated = [entry.msgid for entry in polib.pofile(str(path)) if not entry.msgstr and not entry.obsolete
                    and not entry.msgstr_plural]
    assert not untranslated, f"no French for: {untranslated[:10]}"
