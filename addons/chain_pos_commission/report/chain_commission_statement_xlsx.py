from odoo import _, models

COLUMNS = ("sales", "sales_target", "achievement", "members_enrolled", "commission", "bonus", "clawback", "total")


class ChainCommissionStatementXlsx(models.AbstractModel):
    """Excel export of commission statements for payroll: one sheet, a title row, the column
    headers (in the user's language) on row 3, one row per employee and statement, then the totals."""

    _name = "report.chain_pos_commission.statement_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Commission Statement Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    HEADER_ROW = 2

    def generate_xlsx_report(self, workbook, data, statements):
        Line = self.env["chain.commission.statement.line"]
        bold = workbook.add_format({"bold": True})
        number = workbook.add_format({"num_format": "#,##0.00"})
        total_format = workbook.add_format({"bold": True, "num_format": "#,##0.00"})
        sheet = workbook.add_worksheet(_("Commission"))
        labels = Line.fields_get(list(COLUMNS), ["string"])
        sheet.write(0, 0, _("Commission for payroll: %s", ", ".join(statements.mapped("name"))), bold)
        headers = [_("Month"), _("Store"), _("Employee ID"), _("Employee"), _("Status")]
        headers += [labels[name]["string"] for name in COLUMNS]
        sheet.write_row(self.HEADER_ROW, 0, headers, bold)
        sheet.freeze_panes(self.HEADER_ROW + 1, 4)
        row = self.HEADER_ROW + 1
        states = dict(statements._fields["state"]._description_selection(self.env))
        lines = statements.line_ids
        for line in lines:
            statement = line.statement_id
            employee = line.employee_id
            sheet.write_row(
                row, 0,
                [statement.month.strftime("%Y-%m"), statement.store_id.display_name, employee.id,
                 employee.name, states.get(statement.state, "")],
            )  # fmt: skip
            sheet.write_row(row, 5, [line[name] for name in COLUMNS], number)
            row += 1
        sheet.write(row, 0, _("Total"), bold)
        sheet.write_row(row, 5, [sum(lines.mapped(name)) if name != "achievement" else "" for name in COLUMNS],
                        total_format)  # fmt: skip
        sheet.set_column(0, 4, 18)
        sheet.set_column(5, len(headers) - 1, 14)
