"""Tests of ``chain_dashboard_spreadsheet.lib`` (the snapshot, its sample and its references): no database."""

import doctest
import json
import pathlib
import re
import unittest

from odoo.addons.chain_dashboard_spreadsheet.lib import dashboard_references, dashboard_sample
from odoo.addons.chain_dashboard_spreadsheet.lib import dashboard_snapshot as snapshot_lib

_ADDON = pathlib.Path(__file__).resolve().parent.parent

FORMULA_REF = re.compile(r"\b(PIVOT\.VALUE|PIVOT\.HEADER)\((\d+),\"([^\"]+)\"")


def _cells(snapshot, sheet_name):
    sheet = next(sheet for sheet in snapshot["sheets"] if sheet["name"] == sheet_name)
    return {xc: cell["content"] for xc, cell in sheet["cells"].items()}


def _evaluate(formula, values):
    """The value of a Data sheet ratio ``=IFERROR(B2/B6)`` with ``values`` by cell ("" when
    the divisor is zero, as IFERROR gives)."""
    numerator, denominator = re.fullmatch(r"=IFERROR\(([A-Z]\d+)/([A-Z]\d+)\)", formula).groups()
    return values[numerator] / values[denominator] if values[denominator] else ""


class TestDashboardSnapshot(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(snapshot_lib).failed, 0)
        self.assertEqual(doctest.testmod(dashboard_sample).failed, 0)
        self.assertEqual(doctest.testmod(dashboard_references).failed, 0)

    def test_data_files_are_the_built_snapshots(self):
        # a change of the builder must be written to the files: python3 -m lib.dashboard_snapshot
        for name, sample in snapshot_lib.FILES.items():
            text = (_ADDON / "data" / "files" / name).read_text(encoding="utf-8")
            self.assertEqual(text, snapshot_lib.dump(snapshot_lib.build(sample=sample)), name)
            self.assertEqual(json.loads(text)["version"], 21, name)

    def test_every_formula_reads_a_pivot_measure_or_dimension(self):
        snapshot = snapshot_lib.build()
        pivots = snapshot["pivots"]
        used = set()
        for sheet in snapshot["sheets"]:
            for xc, cell in sheet["cells"].items():
                for function, pivot_id, name in FORMULA_REF.findall(cell["content"]):
                    self.assertIn(pivot_id, pivots, xc)
                    pivot = pivots[pivot_id]
                    if function == "PIVOT.VALUE":
                        self.assertIn(name, [m["fieldName"] for m in pivot["measures"]], xc)
                    else:
                        self.assertEqual(name, "#" + pivot["rows"][0]["fieldName"], xc)
                    used.add(pivot_id)
        self.assertEqual(used, set(pivots), "every pivot is shown")

    def test_scorecards_show_the_kpis_of_the_data_sheet(self):
        for sample in (False, True):
            snapshot = snapshot_lib.build(sample=sample)
            data = _cells(snapshot, "Data")
            cards = [f["data"] for f in snapshot["sheets"][0]["figures"] if f["data"]["type"] == "scorecard"]
            self.assertEqual(
                [card["title"]["text"] for card in cards],
                [
                    "Sales",
                    "Tickets",
                    "Average Ticket",
                    "Units per Ticket",
                    "Gross Margin",
                    "Margin Rate",
                    "Member Sales Share",
                ],
            )
            for card in cards:
                row = card["keyValue"].removeprefix("Data!B")
                # the scorecard's label row says what it shows, and its baseline is the previous period
                self.assertEqual(data[f"A{row}"], f'=_t("{card["title"]["text"]}")')
                self.assertEqual(card["baseline"], f"Data!C{row}")

    def test_ratios_are_computed_from_the_measures(self):
        data = _cells(snapshot_lib.build(sample=True), "Data")
        values = {xc: float(content) for xc, content in data.items() if not content.startswith("=")}
        sales, untaxed, margin, units, tickets, member = (
            dashboard_sample.KPIS[m][0] for m in snapshot_lib.KPI_MEASURES
        )
        self.assertEqual(_evaluate(data["B8"], values), sales / tickets)  # average ticket
        self.assertEqual(_evaluate(data["B9"], values), units / tickets)  # units per ticket
        self.assertEqual(_evaluate(data["B10"], values), margin / untaxed)  # margin rate on untaxed sales
        self.assertEqual(_evaluate(data["B11"], values), member / sales)  # member sales share
        self.assertEqual(_evaluate(data["B8"], dict(values, B6=0.0)), "", "no ticket: empty, not an error")
        # the previous period's column has the same formulas
        self.assertEqual(data["C8"], data["B8"].replace("B", "C"))

    def test_period_filter_defaults_to_this_month_and_previous_pivot_is_offset(self):
        snapshot = snapshot_lib.build()
        period = snapshot["globalFilters"][0]
        self.assertEqual(
            (period["label"], period["defaultValue"], period["rangeType"]), ("Period", "this_month", "fixedPeriod")
        )
        offsets = {p["id"]: p["fieldMatching"].get(period["id"], {}).get("offset") for p in snapshot["pivots"].values()}
        # stock figures are a snapshot of today: no period
        self.assertEqual(offsets, {"1": 0, "2": -1, "3": 0, "4": 0, "5": None})
        store = snapshot["globalFilters"][1]
        for pivot in snapshot["pivots"].values():
            self.assertEqual(pivot["fieldMatching"][store["id"]]["chain"], "store_id")

    def test_sample_reads_nothing_from_the_database(self):
        sample = snapshot_lib.build(sample=True)
        self.assertEqual((sample["pivots"], sample["lists"], sample["globalFilters"]), ({}, {}, []))
        text = json.dumps(sample)
        self.assertNotIn("PIVOT", text)
        self.assertNotIn("odoo_", text)

    def test_labels_are_translatable(self):
        # Odoo exports the _t("…") of cells, chart titles, baseline texts and filter labels
        for sample in (False, True):
            for sheet in snapshot_lib.build(sample=sample)["sheets"]:
                for xc, cell in sheet["cells"].items():
                    content = cell["content"]
                    if re.search(r"[A-Za-z]{3}", content) and not content.startswith("="):
                        self.fail(f"{sheet['name']}!{xc}: untranslatable text {content}")
