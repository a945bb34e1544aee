from odoo import Command

from odoo.addons.chain_stock_transfer.tests.common import ChainTransferCase


class ChainAccountStoreCase(ChainTransferCase):
    """The transfer fixture (stores A and B, lot-tracked formula at 150) with real-time (AVCO)
    valuation on accounts of our own, whatever the company's chart:

    - ``acc_stock`` stock valuation, ``acc_input``/``acc_output`` stock interim accounts;
    - ``acc_sales`` income, ``acc_cogs`` cost of goods (direct cost), ``acc_loss`` stock losses
      (the inventory-loss and scrap locations'), ``acc_rent`` a store expense;
    - a stock journal and a miscellaneous journal.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        Account = cls.env["account.account"]

        def account(code, name, account_type, **vals):
            return Account.create(
                {"code": code, "name": name, "account_type": account_type,
                 "company_ids": [Command.set(company.ids)], **vals}
            )  # fmt: skip

        cls.acc_stock = account("CAS1401", "Stock (test)", "asset_current")
        cls.acc_input = account("CAS1402", "Stock input (test)", "asset_current", reconcile=True)
        cls.acc_output = account("CAS1403", "Stock output (test)", "asset_current", reconcile=True)
        cls.acc_payable = account("CAS2202", "Payable (test)", "liability_payable", reconcile=True)
        cls.acc_sales = account("CAS6001", "Sales (test)", "income")
        cls.acc_cogs = account("CAS6401", "Cost of goods (test)", "expense_direct_cost")
        cls.acc_loss = account("CAS6711", "Stock losses (test)", "expense")
        cls.acc_rent = account("CAS6602", "Store rent (test)", "expense")
        cls.acc_other_income = account("CAS6051", "Other income (test)", "income_other")
        cls.stock_journal = cls.env["account.journal"].create(
            {"name": "Stock (test)", "code": "CSTK", "type": "general", "company_id": company.id}
        )
        cls.misc_journal = cls.env["account.journal"].create(
            {"name": "Misc (test)", "code": "CMSC", "type": "general", "company_id": company.id}
        )
        cls.categ_stage1.write(
            {
                "property_cost_method": "average",
                "property_valuation": "real_time",
                "property_stock_valuation_account_id": cls.acc_stock.id,
                "property_stock_account_input_categ_id": cls.acc_input.id,
                "property_stock_account_output_categ_id": cls.acc_output.id,
                "property_stock_journal": cls.stock_journal.id,
                "property_account_income_categ_id": cls.acc_sales.id,
                "property_account_expense_categ_id": cls.acc_cogs.id,
            }
        )
        losses = cls.env["stock.location"].search(
            [("usage", "=", "inventory"), ("company_id", "in", [company.id, False])]
        )
        losses.write({"valuation_in_account_id": cls.acc_loss.id, "valuation_out_account_id": cls.acc_loss.id})
        company.chain_shrinkage_account_ids = cls.acc_loss
        cls.transit_account = company._chain_transit_account()
        cls.analytic_a = cls.store_a.analytic_account_id
        cls.analytic_b = cls.store_b.analytic_account_id
        cls.accountant = cls._user("t_accountant", "account.group_account_user")

    def _balance(self, account, analytic=None, **domain):
        lines = self.env["account.move.line"].search(
            [("account_id", "=", account.id), ("parent_state", "=", "posted")]
            + [(k, "=", v) for k, v in domain.items()]
        )
        if analytic is not None:
            lines = lines.filtered(lambda line: str(analytic.id) in (line.analytic_distribution or {}))
        return round(sum(lines.mapped("balance")), 2)

    def _entry(self, lines, store=None, date=None, journal=None):
        """A posted entry: ``lines`` = [(account, balance, store or None)]."""
        move = self.env["account.move"].create(
            {
                "journal_id": (journal or self.misc_journal).id,
                "date": date or "2026-03-10",
                "chain_store_id": store.id if store else False,
                "line_ids": [
                    Command.create(
                        {
                            "account_id": account.id,
                            "balance": balance,
                            "name": account.name,
                            "analytic_distribution": s._chain_analytic_distribution() if s else False,
                        }
                    )
                    for account, balance, s in lines
                ],
            }
        )
        move.action_post()
        return move
