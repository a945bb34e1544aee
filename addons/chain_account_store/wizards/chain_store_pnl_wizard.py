from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..lib import pnl

SCOPES = [("month", "Month to Date"), ("ytd", "Year to Date")]


class ChainStorePnlWizard(models.TransientModel):
    """Accounting > Reporting > Store P&L: pick the day the periods end, the stores or regions."""

    _name = "chain.store.pnl.wizard"
    _description = "Store P&L"
    _chain_guarded_fields = {}  # a report request: the user's own

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_to = fields.Date(string="Up to", required=True, default=fields.Date.context_today)
    region_ids = fields.Many2many("chain.store.region", string="Regions")
    store_ids = fields.Many2many("chain.store", string="Stores")
    line_ids = fields.One2many("chain.store.pnl.line", "wizard_id", string="Lines", readonly=True)

    def _chain_selected_store_ids(self):
        self.ensure_one()
        # sudo: the regions' stores (the report scopes them to the user's)
        stores = self.store_ids | self.region_ids.sudo().store_ids
        return set(stores.ids) if stores else None

    def _chain_compute_lines(self):
        """Replace the lines by the report's figures (one line per store and scope)."""
        self.ensure_one()
        report = self.env["chain.store.pnl"]._chain_pnl_report(
            self.date_to, company=self.company_id, store_ids=self._chain_selected_store_ids()
        )
        # sudo: the stores' names and regions, for the lines of stores the user may read
        stores = self.env["chain.store"].sudo().with_context(active_test=False).browse([s for s in report if s])
        region = {store.id: store.region_id.id for store in stores}
        periods = pnl.periods(self.date_to)
        vals_list = []
        for store_id in sorted(report, key=lambda s: (not s, stores.browse(s).code or "" if s else "")):
            by_period = report[store_id]
            for scope, _label in SCOPES:
                current, previous = by_period[scope], by_period[f"{scope}_py"]
                vals = {
                    "wizard_id": self.id,
                    "store_id": store_id or False,
                    "region_id": region.get(store_id, False),
                    "scope": scope,
                    "date_from": periods[scope][0],
                    "date_to": periods[scope][1],
                    "date_from_py": periods[f"{scope}_py"][0],
                    "date_to_py": periods[f"{scope}_py"][1],
                }
                for measure in pnl.CATEGORIES + ("gross_margin", "margin_pct", "contribution"):
                    vals[measure] = current[measure]
                    vals[f"{measure}_py"] = previous[measure]
                vals_list.append(vals)
        self.line_ids = [Command.clear()]
        self.env["chain.store.pnl.line"]._chain_insert(vals_list)

    def action_show(self):
        """Compute the P&L and show it, one line per store and scope."""
        if len(self) != 1:
            raise UserError(_("Run one store P&L at a time."))
        self._chain_compute_lines()
        return {
            "type": "ir.actions.act_window",
            "name": _("Store P&L up to %s", self.date_to),
            "res_model": "chain.store.pnl.line",
            "view_mode": "list,pivot,form",
            "domain": [("wizard_id", "=", self.id)],
            "context": {"search_default_scope_month": 1, "search_default_group_region": 1},
        }

    def action_export_xlsx(self):
        """The P&L as an Excel workbook."""
        if len(self) != 1:
            raise UserError(_("Run one store P&L at a time."))
        self._chain_compute_lines()
        return self.env.ref("chain_account_store.chain_store_pnl_xlsx_report").report_action(self)

    @api.constrains("date_to")
    def _check_date_to(self):
        for wizard in self:
            if wizard.date_to and wizard.date_to.year < 1900:
                raise UserError(_("Choose a date after 1900."))
