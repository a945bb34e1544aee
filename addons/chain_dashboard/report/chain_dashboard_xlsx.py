from odoo import _, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

BATCH = 5000


class ChainDashboardXlsxMixin(models.AbstractModel):
    """Excel exports of the dashboard, written row by row (xlsxwriter ``constant_memory``) so
    that memory stays flat however many rows. ``data`` carries the dashboard ``filters``;
    the scope is the user's, as on the dashboard; the report's groups say who may export."""

    _name = "report.chain_dashboard.xlsx_mixin"
    _inherit = "report.report_xlsx.abstract"
    _description = "Chain Dashboard Excel Export"
    _chain_guarded_fields = {}  # a report, no field

    _chain_report_xmlid = None

    def get_workbook_options(self):
        # texts are written as texts: no guessing of formulas or links in product names
        return {
            "constant_memory": True,
            "in_memory": False,
            "default_date_format": "yyyy-mm-dd",
            "strings_to_formulas": False,
            "strings_to_urls": False,
        }

    def _chain_check_groups(self):
        # sudo: the report definition (its groups) is configuration every user may consult
        report = self.env.ref(self._chain_report_xmlid).sudo()
        if report.groups_id and not (report.groups_id & self.env.user.groups_id):
            raise AccessError(_("You are not allowed to export the report %s.", report.name))

    def _chain_header(self, workbook, sheet, titles):
        bold = workbook.add_format({"bold": True})
        for col, title in enumerate(titles):
            sheet.write(0, col, title, bold)
            sheet.set_column(col, col, 16)


class ChainDashboardRankingXlsx(models.AbstractModel):
    _name = "report.chain_dashboard.ranking_xlsx"
    _inherit = "report.chain_dashboard.xlsx_mixin"
    _description = "Chain Dashboard Store Ranking Export"
    _chain_guarded_fields = {}  # a report, no field

    _chain_report_xmlid = "chain_dashboard.chain_dashboard_report_ranking_xlsx"

    def generate_xlsx_report(self, workbook, data, objs):
        self._chain_check_groups()
        result = self.env["chain.dashboard"].get_dashboard_data((data or {}).get("filters"))
        sheet = workbook.add_worksheet(_("Store ranking"))
        keys = ("rank", "code", "name", "region", "sales", "tickets", "avg_ticket", "upt", "margin", "margin_rate")
        self._chain_header(workbook, sheet, [
            _("Rank"), _("Store code"), _("Store"), _("Region"), _("Sales"), _("Tickets"), _("Average ticket"),
            _("Units per ticket"), _("Gross margin"), _("Margin rate (%)"),
        ])  # fmt: skip
        for row, values in enumerate(result["ranking"], 1):
            for col, key in enumerate(keys):
                sheet.write(row, col, values[key])
        # the dashboard's other tables, a sheet each
        sheet = workbook.add_worksheet(_("Regions"))
        keys = ("name", "stores", "sales", "tickets", "avg_ticket", "upt", "margin", "margin_rate")
        self._chain_header(workbook, sheet, [
            _("Region"), _("Stores"), _("Sales"), _("Tickets"), _("Average ticket"), _("Units per ticket"),
            _("Gross margin"), _("Margin rate (%)"),
        ])  # fmt: skip
        for row, values in enumerate(result["regions"], 1):
            sheet.write_row(row, 0, [values[key] for key in keys])
        sheet = workbook.add_worksheet(_("Daily trend"))
        self._chain_header(workbook, sheet, [_("Date"), _("Sales"), _("Tickets"), _("Gross margin")])
        for row, values in enumerate(result["trend"], 1):
            sheet.write_row(row, 0, [values["date"], values["sales"], values["tickets"], values["margin"]])


class ChainDashboardProductXlsx(models.AbstractModel):
    _name = "report.chain_dashboard.product_sales_xlsx"
    _inherit = "report.chain_dashboard.xlsx_mixin"
    _description = "Chain Dashboard Store Sales by Product Export"
    _chain_guarded_fields = {}  # a report, no field

    _chain_report_xmlid = "chain_dashboard.chain_dashboard_report_product_sales_xlsx"

    def generate_xlsx_report(self, workbook, data, objs):
        """One row per store and product over the period: read through a server-side cursor
        in batches of ``BATCH`` rows and written as they come."""
        self._chain_check_groups()
        Dashboard = self.env["chain.dashboard"]
        parsed = Dashboard._chain_parse_filters((data or {}).get("filters"))
        stores = Dashboard._chain_scope_stores(parsed)
        tz = Dashboard._chain_tz()
        where = Dashboard._chain_order_where(parsed["first"], parsed["last"], tz, stores.ids)
        if parsed["categ_id"]:
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            where = SQL("%s AND pt.categ_id = ANY(%s)", where, categs.ids)
        sheet = workbook.add_worksheet(_("Sales by product"))
        self._chain_header(workbook, sheet, [
            _("Store code"), _("Store"), _("Internal reference"), _("Product"), _("Quantity"), _("Sales"),
            _("Gross margin"), _("Tickets"),
        ])  # fmt: skip
        lang = self.env.lang or "en_US"
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            SQL(
                """DECLARE chain_dashboard_export NO SCROLL CURSOR FOR
                   SELECT st.code, st.name, pp.default_code,
                          COALESCE(pt.name->>%(lang)s, pt.name->>'en_US'),
                          SUM(l.qty), SUM(l.price_subtotal_incl),
                          SUM(l.price_subtotal - COALESCE(l.total_cost, 0)), COUNT(DISTINCT o.id)
                     FROM pos_order_line l
                     JOIN pos_order o ON o.id = l.order_id
                     JOIN pos_config cfg ON cfg.id = o.config_id
                     JOIN chain_store st ON st.id = cfg.chain_store_id
                     JOIN product_product pp ON pp.id = l.product_id
                     JOIN product_template pt ON pt.id = pp.product_tmpl_id
                    WHERE %(where)s
                    GROUP BY st.code, st.name, pp.id, pp.default_code, pt.name
                    ORDER BY st.code, SUM(l.price_subtotal_incl) DESC, pp.id""",
                lang=lang,
                where=where,
            )
        )
        row = 0
        try:
            while True:
                cr.execute(SQL("FETCH %s FROM chain_dashboard_export", BATCH))
                batch = cr.fetchall()
                if not batch:
                    break
                for values in batch:
                    row += 1
                    sheet.write_row(row, 0, [v if v is not None else "" for v in values])
        finally:
            cr.execute(SQL("CLOSE chain_dashboard_export"))
        return row
