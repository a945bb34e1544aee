import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import pnl
from .chain_store_pnl_wizard import SCOPES


def _money(string, **kw):
    return fields.Monetary(string=string, currency_field="currency_id", readonly=True, aggregator="sum", **kw)


class ChainStorePnlLine(models.TransientModel):
    """A store's P&L for a scope (month or year to date), against the same period a year earlier."""

    _name = "chain.store.pnl.line"
    _description = "Store P&L Line"
    _order = "wizard_id, scope, region_id, store_id"
    _chain_guarded_fields = {}  # figures of a report request, computed by the wizard

    wizard_id = fields.Many2one("chain.store.pnl.wizard", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="wizard_id.company_id")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
    scope = fields.Selection(SCOPES, required=True, readonly=True)
    date_from = fields.Date(readonly=True)
    date_to = fields.Date(readonly=True)
    date_from_py = fields.Date(string="From (previous year)", readonly=True)
    date_to_py = fields.Date(string="To (previous year)", readonly=True)
    sales = _money("Sales")
    sales_py = _money("Sales (previous year)")
    cogs = _money("Cost of Goods")
    cogs_py = _money("Cost of Goods (previous year)")
    gross_margin = _money("Gross Margin")
    gross_margin_py = _money("Gross Margin (previous year)")
    margin_pct = fields.Float(string="Margin %", readonly=True, aggregator="avg")
    margin_pct_py = fields.Float(string="Margin % (previous year)", readonly=True, aggregator="avg")
    shrinkage = _money("Write-offs and Shrinkage")
    shrinkage_py = _money("Write-offs and Shrinkage (previous year)")
    expenses = _money("Store Expenses")
    expenses_py = _money("Store Expenses (previous year)")
    commission = _money("Commission")
    commission_py = _money("Commission (previous year)")
    contribution = _money("Contribution")
    contribution_py = _money("Contribution (previous year)")

    @api.model
    def _chain_insert(self, vals_list):
        """Insert the report's lines set-based (a thousand lines for 500 stores): one INSERT from a
        json array; the values are the report's own (ids, dates, amounts), owned by the user."""
        if not vals_list:
            return self.browse()
        self.check_access("create")
        self.env.flush_all()
        names = list(vals_list[0])
        # json null, not false, for empty links
        rows = [{k: (None if v is False and self._fields[k].type != "boolean" else v) for k, v in vals.items()}
                for vals in vals_list]  # fmt: skip
        columns = [(name, self._fields[name].column_type[1]) for name in names]
        now = fields.Datetime.now()
        audit = SQL("%s, %s, %s, %s", self.env.uid, now, self.env.uid, now)
        self.env.cr.execute(
            SQL(
                """INSERT INTO %(table)s (%(columns)s, create_uid, create_date, write_uid, write_date)
                   SELECT %(columns)s, %(audit)s FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(%(types)s)
                   RETURNING id""",
                table=SQL.identifier(self._table),
                columns=SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                audit=audit,
                rows=json.dumps(rows, default=str),
                types=SQL(", ").join(SQL("%s %s", SQL.identifier(name), SQL(kind)) for name, kind in columns),
            )
        )
        lines = self.browse([row[0] for row in self.env.cr.fetchall()])
        self.env["chain.store.pnl.wizard"].invalidate_model(["line_ids"])
        return lines

    def _compute_display_name(self):
        for line in self:
            line.display_name = line.store_id.display_name or _("Unassigned")

    def action_open_journal_items(self):
        """The journal items behind a figure of the line (the button's ``pnl_measure`` in the
        context: a category, or every P&L account without it; ``pnl_previous`` for the previous year)."""
        if len(self) != 1:
            raise UserError(_("Open the journal items of one line at a time."))
        if not self.env.user.has_group("account.group_account_readonly"):
            raise AccessError(_("Only accountants can open the journal items."))
        measure = self.env.context.get("pnl_measure")
        if measure and measure not in pnl.CATEGORIES:
            raise UserError(_("Unknown P&L figure: %s", measure))
        previous = bool(self.env.context.get("pnl_previous"))
        Report = self.env["chain.store.pnl"]
        accounts = Report._chain_pnl_accounts(self.company_id, measure)
        date_from, date_to = (self.date_from_py, self.date_to_py) if previous else (self.date_from, self.date_to)
        domain = [
            ("company_id", "=", self.company_id.id),
            ("parent_state", "=", "posted"),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
            ("account_id", "in", accounts.ids),
        ]
        if self.store_id:
            domain.append(("analytic_distribution", "in", self.store_id.analytic_account_id.ids))
        else:
            # sudo: the ids of the stores' analytic accounts
            store_accounts = self.env["account.analytic.account"].sudo().search([("chain_store_id", "!=", False)])
            domain.append(("analytic_distribution", "not in", store_accounts.ids))
        return {
            "type": "ir.actions.act_window",
            "name": _("%(store)s: journal items", store=self.display_name),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "views": [(self.env.ref("account.view_move_line_tree").id, "list"), (False, "form")],
            "domain": domain,
            "context": {"search_default_group_by_account": 1, "create": False},
        }
