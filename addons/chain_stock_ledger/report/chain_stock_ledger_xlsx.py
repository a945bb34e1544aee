from odoo import _, models

from ..wizards.chain_stock_ledger import FIGURE_COLUMNS


class ChainStockLedgerXlsx(models.AbstractModel):
    """Excel export of a stock ledger run: a title row, the column headers (in the user's
    language) on row 3, one row per ledger row, then the totals."""

    _name = "report.chain_stock_ledger.ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Stock Ledger Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    HEADER_ROW = 2

    def _get_key_columns(self, ledger):
        """Hook: the descriptive columns ``(field name, value getter)`` before the figures."""
        columns = [
            ("store_id", lambda line: line.store_id.display_name or ""),
            ("product_id", lambda line: line.product_id.display_name or ""),
        ]
        if ledger.by_lot:
            columns.append(("lot_id", lambda line: line.lot_id.name or ""))
        columns.append(("uom_id", lambda line: line.uom_id.name or ""))
        return columns

    def generate_xlsx_report(self, workbook, data, ledgers):
        Line = self.env["chain.stock.ledger.line"]
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "#,##0.00"})
        total = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        for ledger in ledgers:
            ledger._check_ledger_stores(ledger.line_ids.store_id)
            sheet = workbook.add_worksheet(_("Stock Ledger") if len(ledgers) == 1 else str(ledger.id))
            keys = self._get_key_columns(ledger)
            labels = Line.fields_get([name for name, _getter in keys] + list(FIGURE_COLUMNS), ["string"])
            sheet.write(0, 0, ledger._get_title(), bold)
            headers = [labels[name]["string"] for name, _getter in keys]
            headers += [labels[name]["string"] for name in FIGURE_COLUMNS]
            sheet.write_row(self.HEADER_ROW, 0, headers, bold)
            sheet.freeze_panes(self.HEADER_ROW + 1, len(keys))
            row = self.HEADER_ROW + 1
            for line in ledger.line_ids:
                sheet.write_row(row, 0, [getter(line) for _name, getter in keys])
                sheet.write_row(row, len(keys), [line[name] for name in FIGURE_COLUMNS], number)
                row += 1
            sheet.write(row, 0, _("Total"), bold)
            sheet.write_row(row, len(keys), [sum(ledger.line_ids.mapped(name)) for name in FIGURE_COLUMNS], total)
            sheet.set_column(0, len(keys) - 1, 24)
            sheet.set_column(len(keys), len(headers) - 1, 14)
