from odoo import _, models

GROUPS = ("chain_store_id", "user_id", "source_kind", "date:month")
MEASURES = ("lead_count", "converted_count", "purchase_count")


class ChainCrmConversionXlsx(models.AbstractModel):
    """Excel export of the conversion report: one row per store, guide, source and month of the
    selected rows, with the leads, members, first purchases and both rates."""

    _name = "report.chain_crm_store.conversion_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Lead Conversion Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    HEADER_ROW = 2

    def generate_xlsx_report(self, workbook, data, rows):
        Report = self.env["chain.crm.conversion.report"]
        bold = workbook.add_format({"bold": True})
        percent = workbook.add_format({"num_format": "0.0%"})
        sheet = workbook.add_worksheet(_("Lead Conversion"))
        sheet.write(0, 0, _("Lead conversion: lead → member → first purchase"), bold)
        headers = [
            _("Store"),
            _("Guide"),
            _("Source"),
            _("Month"),
            _("Leads"),
            _("Members"),
            _("First Purchases"),
            _("Conversion Rate"),
            _("Purchase Rate"),
        ]
        sheet.write_row(self.HEADER_ROW, 0, headers, bold)
        sheet.freeze_panes(self.HEADER_ROW + 1, 0)
        sources = dict(Report._fields["source_kind"]._description_selection(self.env))
        groups = Report._read_group(
            [("id", "in", rows.ids)], list(GROUPS), [f"{m}:sum" for m in MEASURES], order="chain_store_id, date:month"
        )
        row = self.HEADER_ROW + 1
        for store, user, source, month, leads, members, purchases in groups:
            sheet.write_row(
                row,
                0,
                [
                    store.display_name or "",
                    user.display_name or "",
                    sources.get(source, ""),
                    month.strftime("%Y-%m") if month else "",
                    leads,
                    members,
                    purchases,
                ],
            )
            sheet.write(row, 7, members / leads if leads else 0, percent)
            sheet.write(row, 8, purchases / leads if leads else 0, percent)
            row += 1
        sheet.set_column(0, 3, 18)
        sheet.set_column(4, 8, 14)
