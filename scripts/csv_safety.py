"""Cells that a spreadsheet would run as formulas, made inert in the CSV files the project writes.

A campaign, a reason or a name typed by someone else (a visitor's link, a partner's file) can
begin with ``=``, ``+``, ``-`` or ``@``: opened in Excel or LibreOffice, ``=HYPERLINK(...)``
becomes a link that leaks the sheet, ``=cmd|...`` a command. As OWASP advises, such a text
cell is prefixed with a quote, which the spreadsheet shows as text. Numbers are left alone
(a negative number is not text).
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
# Spreadsheets skip leading blanks, and some read the full-width signs as their ASCII twins.
FULL_WIDTH_TRIGGERS = ("\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise_formula(value):
    """The value to write in a CSV cell: text that would start a formula is prefixed with '."""
    if isinstance(value, str) and (value.startswith(FORMULA_TRIGGERS)
                                   or value.lstrip(" \u00a0").startswith(FORMULA_TRIGGERS + FULL_WIDTH_TRIGGERS)):
        return f"'{value}"
    return value


def safe_row(values):
    return [neutralise_formula(value) for value in values]
