"""The "Chain KPIs" spreadsheet of the Dashboards app, built as plain data (no Odoo, no ORM).

``build()`` returns the spreadsheet snapshot (the JSON the Dashboards app loads: sheets, cells,
pivots, charts, global filters) of the chain's KPIs read from ``chain_dashboard``'s summary
tables; ``build(sample=True)`` the same layout filled with made-up figures, shown while the
user's scope has no summary yet. The two files under ``data/files/`` are their output, written
by running this module (``python3 -m lib.dashboard_snapshot`` in the addon's folder); a test
keeps them equal.

``dashboard_references.references(snapshot)`` lists what a snapshot reads from the database.

Labels are ``=_t("…")`` formulas, chart titles and filter labels plain text: Odoo exports
them to the addon's ``.pot`` (files named ``*_dashboard.json`` under ``data/``) and the
spreadsheet translates them at run time.
"""

import json
import pathlib

from . import dashboard_sample

DAILY = "chain.dashboard.daily"
CATEG = "chain.dashboard.daily.categ"
STOCK = "chain.dashboard.stock"

PERIOD_FILTER = "5f1c2a8e-6b0d-4c39-9a53-0c6d1f7e2a01"
STORE_FILTER = "5f1c2a8e-6b0d-4c39-9a53-0c6d1f7e2a02"

# the last-30-days domain of the daily sales chart, evaluated by the web client
# (``context_today`` is the user's local day)
LAST_30_DAYS = "[('date', '>', (context_today() - relativedelta(days=30)).strftime('%Y-%m-%d'))]"

KPI_MEASURES = ("sales", "sales_untaxed", "margin", "units", "tickets", "member_sales")
RANKING_MEASURES = ("sales", "sales_untaxed", "margin", "tickets")
CATEG_MEASURES = ("sales", "sales_untaxed", "margin", "units")
STOCK_MEASURES = ("value", "slow_movers", "stockouts", "expiry_0_7_value", "expiry_8_30_value", "expiry_expired_value")

RANKED_STORES = 20
RANKED_CATEGS = 10

FORMATS = {"1": "0.0%", "2": "0.00", "3": "#,##0.00", "4": "#,##0", "5": "mm/dd"}
PERCENT, DECIMAL, AMOUNT, INTEGER, DAY = "1", "2", "3", "4", "5"
STYLES = {
    "1": {"textColor": "#01666b", "fontSize": 16, "bold": True},
    "2": {"bold": True, "textColor": "#434343", "fillColor": "#f2f2f2"},
    "3": {"bold": True, "textColor": "#434343"},
    "4": {"textColor": "#434343"},
}
HEADING, HEADER, TOTAL, BODY = "1", "2", "3", "4"

# (Data sheet row, label, measure or formula of column B (current) / C (previous), format)
KPI_ROWS = (
    (2, "Sales", "sales", None),
    (3, "Sales (untaxed)", "sales_untaxed", None),
    (4, "Gross Margin", "margin", None),
    (5, "Units", "units", INTEGER),
    (6, "Tickets", "tickets", INTEGER),
    (7, "Member Sales", "member_sales", None),
    (8, "Average Ticket", "=IFERROR({c}2/{c}6)", AMOUNT),
    (9, "Units per Ticket", "=IFERROR({c}5/{c}6)", DECIMAL),
    (10, "Margin Rate", "=IFERROR({c}4/{c}3)", PERCENT),
    (11, "Member Sales Share", "=IFERROR({c}7/{c}2)", PERCENT),
)
# (title, Data sheet row, baseline mode, background) of the scorecards, four per line
SCORECARDS = (
    ("Sales", 2, "percentage", "#EFF6FF"),
    ("Tickets", 6, "percentage", "#EFF6FF"),
    ("Average Ticket", 8, "percentage", "#EFF6FF"),
    ("Units per Ticket", 9, "percentage", "#EFF6FF"),
    ("Gross Margin", 4, "percentage", "#FFF7ED"),
    ("Margin Rate", 10, "difference", "#FFF7ED"),
    ("Member Sales Share", 11, "difference", "#FFF7ED"),
)
# first rows (1-based) of the Dashboard sheet's blocks; a chart starts on the row below its
# heading and the next block two rows below the chart
ROW_HEIGHT = 23  # o-spreadsheet's default
HEADING_HEIGHT = 40  # fixed, or a 16pt heading would grow its row and push the cells under the charts
WIDTH = 1020
LINE_HEIGHT, BAR_HEIGHT = 320, 300
ROW_CHART = 11
ROW_RANKING = ROW_CHART + 1 + -(-LINE_HEIGHT // ROW_HEIGHT) + 2
ROW_CATEG = ROW_RANKING + RANKED_STORES + 4
ROW_CATEG_CHART = ROW_CATEG + RANKED_CATEGS + 4
ROW_STOCK = ROW_CATEG_CHART + 1 + -(-BAR_HEIGHT // ROW_HEIGHT) + 2
# Data sheet rows of the sample chart of the last 30 days
SAMPLE_DAYS_ROW = 20


def _xc(col, row):
    return f"{col}{row}"


class _Sheet:
    """Cells, styles and formats of one sheet."""

    def __init__(self, sheet_id, name, cols, rows):
        self.sheet = {
            "id": sheet_id,
            "name": name,
            "colNumber": len(cols),
            "rowNumber": rows,
            "rows": {},
            "cols": {str(i): {"size": size} for i, size in enumerate(cols)},
            "merges": [],
            "cells": {},
            "styles": {},
            "formats": {},
            "borders": {},
            "conditionalFormats": [],
            "figures": [],
            "tables": [],
            "areGridLinesVisible": False,
            "isVisible": True,
            "headerGroups": {"ROW": [], "COL": []},
            "dataValidationRules": [],
            "comments": {},
        }

    def set(self, xc, content, style=None, fmt=None):
        self.sheet["cells"][xc] = {"content": str(content)}
        if style:
            self.sheet["styles"][xc] = int(style)
        if fmt:
            self.sheet["formats"][xc] = int(fmt)

    def heading(self, row, text):
        """A block title on ``row`` (1-based), in a row of fixed height."""
        self.label(_xc("A", row), text, HEADING)
        self.sheet["rows"][str(row - 1)] = {"size": HEADING_HEIGHT}

    def top(self, row):
        """The y (pixels) of the top of ``row`` (1-based)."""
        sizes = self.sheet["rows"]
        return sum(sizes.get(str(index), {}).get("size", ROW_HEIGHT) for index in range(row - 1))

    def label(self, xc, text, style=None):
        self.set(xc, f'=_t("{text}")', style)

    def figure(self, figure_id, x, y, width, height, data):
        self.sheet["figures"].append(
            {"id": figure_id, "x": x, "y": y, "width": width, "height": height, "tag": "chart", "data": data}
        )


def _matching(period=None, store="store_id"):
    """The ``fieldMatching`` of a pivot or chart: the Period filter on ``date`` with
    ``period`` as offset (None: not filtered by period), the Store filter on ``store``."""
    matching = {STORE_FILTER: {"chain": store, "type": "many2one"}}
    if period is not None:
        matching[PERIOD_FILTER] = {"chain": "date", "type": "date", "offset": period}
    return matching


def _pivot(pivot_id, name, model, measures, rows=(), sort=None, period=0):
    return {
        "type": "ODOO",
        "id": pivot_id,
        "formulaId": pivot_id,
        "name": name,
        "model": model,
        "domain": [],
        "context": {},
        "measures": [{"id": measure, "fieldName": measure} for measure in measures],
        "rows": [{"fieldName": row} for row in rows],
        "columns": [],
        "sortedColumn": {"groupId": [[], []], "measure": sort, "order": "desc"} if sort else None,
        "fieldMatching": _matching(period),
    }


def _pivots():
    return {
        "1": _pivot("1", "KPIs - current period", DAILY, KPI_MEASURES),
        "2": _pivot("2", "KPIs - previous period", DAILY, KPI_MEASURES, period=-1),
        "3": _pivot("3", "Store ranking", DAILY, RANKING_MEASURES, rows=("store_id",), sort="sales"),
        "4": _pivot("4", "Sales by product category", CATEG, CATEG_MEASURES, rows=("categ_id",), sort="sales"),
        "5": _pivot("5", "Stock by store", STOCK, STOCK_MEASURES, rows=("store_id",), sort="value", period=None),
    }


def _global_filters():
    return [
        {
            "id": PERIOD_FILTER,
            "type": "date",
            "label": "Period",
            "defaultValue": "this_month",
            "rangeType": "fixedPeriod",
        },
        {
            "id": STORE_FILTER,
            "type": "relation",
            "label": "Store",
            "modelName": "chain.store",
            "defaultValue": [],
            "defaultValueDisplayNames": [],
        },
    ]


def _data_sheet(sample):
    """KPIs of the current and previous period (rows 2-11); the sample's daily sales below."""
    data = _Sheet("data", "Data", [180, 130, 130], SAMPLE_DAYS_ROW + 31)
    data.label("A1", "KPI", HEADER)
    data.label("B1", "Current", HEADER)
    data.label("C1", "Previous", HEADER)
    for row, label, source, fmt in KPI_ROWS:
        data.label(_xc("A", row), label)
        for col, pivot, offset in (("B", 1, 0), ("C", 2, 1)):
            if source.startswith("="):
                content = source.format(c=col)
            elif sample:
                content = dashboard_sample.KPIS[source][offset]
            else:
                content = f'=PIVOT.VALUE({pivot},"{source}")'
            data.set(_xc(col, row), content, fmt=fmt)
    if sample:
        data.label(_xc("A", SAMPLE_DAYS_ROW - 1), "Date", HEADER)
        data.label(_xc("B", SAMPLE_DAYS_ROW - 1), "Sales", HEADER)
        for day in range(30):
            row = SAMPLE_DAYS_ROW + day
            data.set(_xc("A", row), f"=TODAY()-{29 - day}", fmt=DAY)
            data.set(_xc("B", row), dashboard_sample.daily_sales(day))
    return data


def _scorecards(sheet):
    for i, (title, row, mode, background) in enumerate(SCORECARDS):
        sheet.figure(
            f"chain-kpi-{row}",
            (i % 4) * 245,
            10 + (i // 4) * 115,
            235,
            105,
            {
                "type": "scorecard",
                "title": {"text": title, "bold": True, "color": "#434343"},
                "background": background,
                "keyValue": f"Data!B{row}",
                "baseline": f"Data!C{row}",
                "baselineMode": mode,
                "baselineDescr": "vs. previous period",
                "baselineColorUp": "#00A04A",
                "baselineColorDown": "#DC6965",
                "humanize": False,
            },
        )


def _table(sheet, row, title, columns, count, value, total):
    """A ranking block at ``row``: heading, header line, ``count`` lines and a total line.

    ``columns`` are (label, kind, source, format): kind ``header`` (the row's name),
    ``value`` (a measure: ``value(source, position)``, position None for the total) or
    ``formula`` (a template of the line's cells ``{A}``, ``{B}``… and ``{row}``)."""
    sheet.heading(row, title)
    cols = "ABCDEFG"
    for col, (label, _kind, _source, _fmt) in zip(cols, columns, strict=False):
        sheet.label(_xc(col, row + 1), label, HEADER)
    lines = [(row + 2 + i, i + 1) for i in range(count)] + [(row + 2 + count, None)]
    for line, position in lines:
        for col, (_label, kind, source, fmt) in zip(cols, columns, strict=False):
            xc = _xc(col, line)
            style = TOTAL if position is None else BODY
            refs = {c: _xc(c, line) for c in cols}
            if kind == "header":
                content = total if position is None else value(None, position)
            elif kind == "value":
                content = value(source, position)
            else:
                content = f'=IF({refs["A"]}="","",{source.format(**refs)})'
            if content is not None:
                sheet.set(xc, content, style, fmt)
    sheet.sheet["conditionalFormats"].append(
        {
            "id": f"chain-bar-{row}",
            "rule": {"type": "DataBarRule", "color": 15726335, "rangeValues": f"B{row + 2}:B{row + 1 + count}"},
            "ranges": [f"A{row + 2}:A{row + 1 + count}"],
        }
    )


def _pivot_value(pivot, dimension):
    """``value(measure, position)`` of a pivot's lines (header when measure is None)."""

    def value(measure, position):
        if measure is None:
            return f'=PIVOT.HEADER({pivot},"#{dimension}",{position})'
        if position is None:
            return f'=PIVOT.VALUE({pivot},"{measure}")'
        return f'=PIVOT.VALUE({pivot},"{measure}","#{dimension}",{position})'

    return value


def _ranking(sheet, sample):
    columns = (
        ("Store", "header", None, None),
        ("Sales", "value", "sales", AMOUNT),
        ("Tickets", "value", "tickets", INTEGER),
        ("Average Ticket", "formula", "IFERROR({B}/{C})", AMOUNT),
        ("Gross Margin", "value", "margin", AMOUNT),
        ("Margin Rate", "formula", "IFERROR({E}/{G})", PERCENT),
        ("Sales (untaxed)", "value", "sales_untaxed", AMOUNT),
    )
    if sample:
        value = dashboard_sample.lines(dashboard_sample.STORES, dashboard_sample.RANKING)
    else:
        value = _pivot_value(3, "store_id")
    _table(sheet, ROW_RANKING, "Store Ranking", columns, RANKED_STORES, value, '=_t("Total")')


def _categories(sheet, sample):
    total_sales = _xc("B", ROW_CATEG + 2 + RANKED_CATEGS)
    columns = (
        ("Product Category", "header", None, None),
        ("Sales", "value", "sales", AMOUNT),
        ("Share of Sales", "formula", "IFERROR({B}/" + total_sales.replace("B", "$B$") + ")", PERCENT),
        ("Gross Margin", "value", "margin", AMOUNT),
        ("Margin Rate", "formula", "IFERROR({D}/{F})", PERCENT),
        ("Sales (untaxed)", "value", "sales_untaxed", AMOUNT),
        ("Units", "value", "units", INTEGER),
    )
    if sample:
        value = dashboard_sample.lines(dashboard_sample.CATEGS, dashboard_sample.CATEGORIES)
    else:
        value = _pivot_value(4, "categ_id")
    _table(sheet, ROW_CATEG, "Top Product Categories", columns, RANKED_CATEGS, value, '=_t("Total")')


def _stock(sheet, sample):
    columns = (
        ("Store", "header", None, None),
        ("Stock Value", "value", "value", AMOUNT),
        ("Slow Movers", "value", "slow_movers", INTEGER),
        ("Stockouts", "value", "stockouts", INTEGER),
        ("Near-Expiry Value", "formula", "{F}+{G}", AMOUNT),
        ("Expiring in 0-7 Days", "value", "expiry_0_7_value", AMOUNT),
        ("Expiring in 8-30 Days", "value", "expiry_8_30_value", AMOUNT),
    )
    if sample:
        value = dashboard_sample.lines(dashboard_sample.STORES, dashboard_sample.STOCK)
    else:
        value = _pivot_value(5, "store_id")
    _table(sheet, ROW_STOCK, "Stock by Store", columns, RANKED_STORES, value, '=_t("Total")')


def _charts(sheet, sample):
    # the charts start on the row below their heading
    sheet.heading(ROW_CHART, "Daily Sales (Last 30 Days)")
    sheet.heading(ROW_CATEG_CHART, "Sales by Product Category")
    line_y, bar_y = sheet.top(ROW_CHART + 1), sheet.top(ROW_CATEG_CHART + 1)
    common = {"title": {"text": ""}, "background": "#FFFFFF", "legendPosition": "none", "stacked": False}
    if sample:
        days = f"Data!A{SAMPLE_DAYS_ROW}:A{SAMPLE_DAYS_ROW + 29}"
        sales = f"Data!B{SAMPLE_DAYS_ROW}:B{SAMPLE_DAYS_ROW + 29}"
        line = {
            **common,
            "type": "line",
            "dataSets": [{"dataRange": sales, "yAxisId": "y"}],
            "labelRange": days,
            "dataSetsHaveTitle": False,
            "labelsAsText": True,
            "aggregated": False,
            "cumulative": False,
            "fillArea": True,
        }
        first, last = ROW_CATEG + 2, ROW_CATEG + 1 + len(dashboard_sample.CATEGS)
        bar = {
            **common,
            "type": "bar",
            "dataSets": [{"dataRange": f"B{first}:B{last}"}],
            "labelRange": f"A{first}:A{last}",
            "dataSetsHaveTitle": False,
            "aggregated": False,
        }
    else:
        line = {
            **common,
            "type": "odoo_line",
            "metaData": {"groupBy": ["date:day"], "measure": "sales", "order": None, "resModel": DAILY, "mode": "line"},
            "searchParams": {
                "comparison": None,
                "context": {},
                "domain": LAST_30_DAYS,
                "groupBy": ["date:day"],
                "orderBy": [],
            },
            "verticalAxisPosition": "left",
            "fillArea": True,
            "fieldMatching": _matching(),
        }
        bar = {
            **common,
            "type": "odoo_bar",
            "metaData": {
                "groupBy": ["categ_id"],
                "measure": "sales",
                "order": "DESC",
                "resModel": CATEG,
                "mode": "bar",
            },
            "searchParams": {"comparison": None, "context": {}, "domain": [], "groupBy": ["categ_id"], "orderBy": []},
            "verticalAxisPosition": "left",
            "fieldMatching": _matching(0),
        }
    sheet.figure("chain-daily-sales", 0, line_y, WIDTH, LINE_HEIGHT, line)
    sheet.figure("chain-categ-sales", 0, bar_y, WIDTH, BAR_HEIGHT, bar)


def build(sample=False):
    """The snapshot of the Chain KPIs dashboard (``sample``: with made-up figures, no pivot)."""
    dashboard = _Sheet("dashboard", "Dashboard", [210] + [(WIDTH - 210) // 6] * 6, ROW_STOCK + RANKED_STORES + 4)
    _scorecards(dashboard)
    _ranking(dashboard, sample)
    _categories(dashboard, sample)
    _stock(dashboard, sample)
    _charts(dashboard, sample)  # last: placed under the headings' rows
    data = _data_sheet(sample)
    return {
        "version": 21,
        "odooVersion": 12,
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {},
        "sheets": [dashboard.sheet, data.sheet],
        "styles": STYLES,
        "formats": FORMATS,
        "borders": {},
        "customTableStyles": {},
        "pivots": {} if sample else _pivots(),
        "pivotNextId": 1 if sample else 6,
        "lists": {},
        "listNextId": 1,
        "globalFilters": [] if sample else _global_filters(),
        "chartOdooMenusReferences": {},
    }


FILES = {
    "chain_kpis_dashboard.json": False,
    "chain_kpis_sample_dashboard.json": True,
}


def dump(snapshot):
    """The text of a snapshot's file (stable: sorted keys, two-space indent, final newline)."""
    return json.dumps(snapshot, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    folder = pathlib.Path(__file__).resolve().parent.parent / "data" / "files"
    for name, is_sample in FILES.items():
        (folder / name).write_text(dump(build(sample=is_sample)), encoding="utf-8")
