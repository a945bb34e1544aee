from odoo import _, models


class ChainRecallXlsx(models.AbstractModel):
    """Excel export of a recall: its customers (for the call centre) and its stock."""

    _name = "report.chain_stock_recall.recall_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Recall Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    def generate_xlsx_report(self, workbook, data, recalls):
        recalls._check_manager()  # the customer list is personal data: recall managers only
        bold = workbook.add_format({"bold": True})
        customers = workbook.add_worksheet(_("Customers"))
        stock = workbook.add_worksheet(_("Stock"))
        customer_head = [_("Recall"), _("Customer"), _("Phone"), _("Email"), _("Store"), _("Source"), _("Order"),
                         _("Lot"), _("Quantity"), _("Sold On"), _("Status")]  # fmt: skip
        stock_head = [_("Recall"), _("Store"), _("Location"), _("Lot"), _("Quantity"), _("In Quarantine")]
        customers.write_row(0, 0, customer_head, bold)
        stock.write_row(0, 0, stock_head, bold)
        sources = dict(self.env["chain.recall.customer"]._fields["source"]._description_selection(self.env))
        states = dict(self.env["chain.recall.customer"]._fields["state"]._description_selection(self.env))
        row = 1
        for recall in recalls:
            for line in recall.customer_line_ids:
                order = line.pos_order_id.name or line.sale_order_id.name or line.picking_id.name or ""
                customers.write_row(
                    row, 0,
                    [recall.name, line.partner_id.display_name or "", line.phone or "", line.email or "",
                     line.store_id.display_name or "", sources.get(line.source, ""), order, line.lot_id.name or "",
                     line.quantity, str(line.date or ""), states.get(line.state, "")],
                )  # fmt: skip
                row += 1
        row = 1
        for recall in recalls:
            for line in recall.stock_line_ids:
                stock.write_row(
                    row, 0,
                    [recall.name, line.store_id.display_name or "", line.location_id.display_name,
                     line.lot_id.name, line.quantity, _("Yes") if line.in_quarantine else ""],
                )  # fmt: skip
                row += 1
