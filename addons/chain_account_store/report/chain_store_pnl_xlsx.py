from odoo import _, models

MEASURES = ("sales", "cogs", "gross_margin", "margin_pct", "shrinkage", "expenses", "commission", "contribution")


class ChainStorePnlXlsx(models.AbstractModel):
    """Excel export of the store P&L: one row per store and scope (month, year to date), each
    figure followed by the same figure a year earlier."""

    _name = "report.chain_account_store.store_pnl_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Store P&L Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    HEADER_ROW = 2

    def generate_xlsx_report(self, workbook, data, wizards):
        Line = self.env["chain.store.pnl.line"]
        bold = workbook.add_format({"bold": True})
        money = workbook.add_format({"num_format": "#,##0.00"})
        sheet = workbook.add_worksheet(_("Store P&L"))
        labels = {name: field.string for name, field in Line._fields.items()}
        scopes = dict(Line._fields["scope"]._description_selection(self.env))
        wizard = wizards[:1]
        sheet.write(0, 0, _("Store P&L up to %s", wizard.date_to or ""), bold)
        headers = [_("Region"), _("Store"), _("Code"), _("Period")]
        for measure in MEASURES:
            headers += [labels[measure], labels[f"{measure}_py"]]
        sheet.write_row(self.HEADER_ROW, 0, headers, bold)
        sheet.freeze_panes(self.HEADER_ROW + 1, 4)
        row = self.HEADER_ROW + 1
        for line in wizard.line_ids:
            values = [
                line.region_id.display_name or "",
                line.store_id.name or _("Unassigned"),
                line.store_id.code or "",
                scopes.get(line.scope, ""),
            ]
            sheet.write_row(row, 0, values)
            column = len(values)
            for measure in MEASURES:
                sheet.write_number(row, column, line[measure], money)
                sheet.write_number(row, column + 1, line[f"{measure}_py"], money)
                column += 2
            row += 1
        sheet.set_column(0, 3, 16)
        sheet.set_column(4, 4 + 2 * len(MEASURES), 14)
