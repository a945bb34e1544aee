# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..lib.kingdee_simulator import KingdeeSimulator

USER, PASSWORD = "odoo-feed", "Kd-s3cret-pw!"
COMPANY_NUMBER = "01.001"
KINGDEE_ACCOUNTS = {"1001": None, "1122": None, "6001": "门店", "6401": "门店", "1405": None, "2221": None}


class KingdeeCommon(AccountTestInvoicingCommon):
    """A company with its own accounts, two stores, posted entries, and a local Kingdee EAS server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sim = KingdeeSimulator(
            users={USER: PASSWORD}, companies=[COMPANY_NUMBER], accounts=KINGDEE_ACCOUNTS, dc_name="dc01"
        ).start()
        cls.addClassCleanup(cls.sim.stop)
        cls.company = cls.company_data["company"]
        cls.journal = cls.company_data["default_journal_misc"]
        Account = cls.env["account.account"]
        accounts = {
            "cash": ("KD1001", "Store Cash", "asset_cash"),
            "receivable": ("KD1122", "Receivable", "asset_receivable"),
            "sales": ("KD6001", "Store Sales", "income"),
            "cogs": ("KD6401", "Cost of Goods", "expense_direct_cost"),
            "stock": ("KD1405", "Goods", "asset_current"),
            "vat": ("KD2221", "Output VAT", "liability_current"),
            "other": ("KD6711", "Unmapped Losses", "expense"),
        }
        cls.acc = {
            key: Account.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": kind,
                    "reconcile": kind == "asset_receivable",
                    "company_ids": [Command.set(cls.company.ids)],
                }
            )
            for key, (code, name, kind) in accounts.items()
        }
        cls.region = cls.env["chain.store.region"].create({"name": "East", "code": "R-E"})
        Store = cls.env["chain.store"]
        cls.store_a = Store.create({"name": "Kingdee Store A", "code": "KA", "company_id": cls.company.id,
                                    "region_id": cls.region.id})  # fmt: skip
        cls.store_b = Store.create({"name": "Kingdee Store B", "code": "KB", "company_id": cls.company.id,
                                    "region_id": cls.region.id})  # fmt: skip
        cls.connection = cls.env["chain.kingdee.connection"].create(
            {
                "name": "Group ledger",
                "company_id": cls.company.id,
                "url": cls.sim.url,
                "user_name": USER,
                "password": PASSWORD,
                "dc_name": "dc01",
                "company_number": COMPANY_NUMBER,
                "voucher_prefix": "OD",
                "timeout": 5,
            }
        )
        Map = cls.env["chain.kingdee.account.map"]
        for key, number, aux in (
            ("cash", "1001", "none"),
            ("receivable", "1122", "none"),
            ("sales", "6001", "store"),
            ("cogs", "6401", "store"),
            ("stock", "1405", "none"),
            ("vat", "2221", "none"),
        ):
            Map.create({"company_id": cls.company.id, "account_id": cls.acc[key].id, "kingdee_account": number,
                        "auxiliary": aux, "asst_act_type": "门店" if aux != "none" else False})  # fmt: skip
        cls.today = cls.connection._chain_today()
        cls.day1 = cls.today - timedelta(days=3)
        cls.day2 = cls.today - timedelta(days=2)
        cls.accountant = new_test_user(
            cls.env, login="kd_accountant", groups="base.group_user,account.group_account_user",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
        )  # fmt: skip
        cls.store_user = new_test_user(
            cls.env, login="kd_store_user", groups="base.group_user,chain_store.group_chain_store_user",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
        )  # fmt: skip

    def setUp(self):
        super().setUp()
        self.sim.reset()

    @classmethod
    def _sale(cls, day, store, amount, tax, cost=0.0, store_b=None, share=100):
        """A posted store sale: cash against sales and VAT (and cost of goods), the store's distribution."""
        distribution = {str(store.analytic_account_id.id): share}
        if store_b:
            distribution[str(store_b.analytic_account_id.id)] = 100 - share
        lines = [
            Command.create({"account_id": cls.acc["cash"].id, "debit": amount + tax, "name": "cash"}),
            Command.create(
                {
                    "account_id": cls.acc["sales"].id,
                    "credit": amount,
                    "name": "sale",
                    "analytic_distribution": distribution,
                }
            ),
            Command.create({"account_id": cls.acc["vat"].id, "credit": tax, "name": "vat"}),
        ]
        if cost:
            lines += [
                Command.create(
                    {
                        "account_id": cls.acc["cogs"].id,
                        "debit": cost,
                        "name": "cogs",
                        "analytic_distribution": distribution,
                    }
                ),
                Command.create({"account_id": cls.acc["stock"].id, "credit": cost, "name": "stock"}),
            ]
        move = cls.env["account.move"].create(
            {"move_type": "entry", "date": day, "journal_id": cls.journal.id, "line_ids": lines}
        )
        move.action_post()
        return move

    def _day(self, day):
        return self.env["chain.kingdee.day"]._chain_day(self.company, day)
