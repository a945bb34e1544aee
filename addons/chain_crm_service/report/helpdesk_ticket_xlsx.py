from collections import defaultdict

from odoo import _, models


class HelpdeskTicketXlsx(models.AbstractModel):
    """Excel export of cases: a summary per store and category, then the cases."""

    _name = "report.chain_crm_service.helpdesk_ticket_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "After-Sales Cases Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    def _summary(self, tickets):
        """``{(store, category): [cases, first answers on time, resolved, resolved on time, hours]}``."""
        summary = defaultdict(lambda: [0, 0, 0, 0, 0.0])
        for ticket in tickets:
            row = summary[(ticket.chain_store_id.display_name or "", ticket.category_id.complete_name or "")]
            row[0] += 1
            row[1] += ticket.chain_sla_first_ok
            row[2] += bool(ticket.closed_date)
            row[3] += ticket.chain_sla_resolve_ok
            row[4] += ticket.chain_resolve_hours
        return summary

    def generate_xlsx_report(self, workbook, data, tickets):
        bold = workbook.add_format({"bold": True})
        kinds = dict(tickets._fields["chain_kind"]._description_selection(self.env))
        sheet = workbook.add_worksheet(_("Summary"))
        sheet.write_row(
            0, 0,
            [_("Store"), _("Category"), _("Cases"), _("First Answer on Time"), _("Resolved"), _("Resolved on Time"),
             _("Average Hours to Resolve")],
            bold,
        )  # fmt: skip
        for row, (key, (cases, first_ok, resolved, resolve_ok, hours)) in enumerate(
            sorted(self._summary(tickets).items()), start=1
        ):
            sheet.write_row(
                row, 0, [*key, cases, first_ok, resolved, resolve_ok, round(hours / resolved, 1) if resolved else 0]
            )
        cases = workbook.add_worksheet(_("Cases"))
        cases.write_row(
            0, 0,
            [_("Number"), _("Created on"), _("Store"), _("Category"), _("Case Kind"), _("Product"), _("Lot"),
             _("Supplier"), _("Stage"), _("First Answer on Time"), _("Resolved on Time"), _("Hours to Resolve")],
            bold,
        )  # fmt: skip
        for row, ticket in enumerate(tickets.sorted(lambda t: (t.chain_opened_date, t.id)), start=1):
            cases.write_row(
                row, 0,
                [ticket.number, str(ticket.chain_opened_date), ticket.chain_store_id.display_name or "",
                 ticket.category_id.complete_name or "", kinds.get(ticket.chain_kind, ""),
                 ticket.chain_product_id.display_name or "", ticket.chain_lot_id.name or "",
                 ticket.chain_supplier_id.display_name or "", ticket.stage_id.name or "",
                 ticket.chain_sla_first_ok, ticket.chain_sla_resolve_ok, ticket.chain_resolve_hours],
            )  # fmt: skip
