# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class SettlementCommon(AccountTestInvoicingCommon):
    """A channel shop set up for settlements (platform partner, wallet journal, fee accounts,
    analytic account, 5% commission) on a store with stock, and a helper making shipped (hence
    invoiced) channel orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the common class runs as an accountant; the fixture (stores, channels) is made as the system
        cls.env = cls.env(su=True, context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.store = cls.env["chain.store"].create({"name": "Settlement Store", "code": "STL-1"})
        cls.other_store = cls.env["chain.store"].create({"name": "Settlement Other Store", "code": "STL-2"})
        cls.product = cls.env["product.product"].create(
            {
                "name": "Formula stage 1 (settlement test)",
                "is_storable": True,
                "list_price": 100.0,
                "invoice_policy": "delivery",
                "taxes_id": [Command.clear()],
                "property_account_income_id": cls.company_data["default_account_revenue"].id,
            }
        )
        cls.env["stock.quant"]._update_available_quantity(cls.product, cls.store.warehouse_id.lot_stock_id, 1000)
        cls.channel = cls.env["chain.channel"].create(
            {
                "name": "Youzan Flagship (settlement test)",
                "platform": "generic",
                "company_id": cls.company.id,
                "store_ids": [Command.set(cls.store.ids)],
                "chain_commission_rate": 5.0,
            }
        )
        cls.channel.action_chain_settlement_setup()
        cls.buyer = cls.env["res.partner"].create({"name": "王小明 (buyer)"})
        cls.bank_journal = cls.company_data["default_journal_bank"]
        cls.mapping = cls.env.ref("chain_channel_settlement.chain_channel_settlement_mapping_youzan")
        # the platforms settle in CNY; the test company's chart may be in another currency
        cls.currency = cls.company.currency_id.name
        cls.mapping.default_currency = cls.currency
        cls.accountant = new_test_user(
            cls.env, login="stl_accountant", groups="account.group_account_manager,base.group_user",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
        )  # fmt: skip
        cls.channel_manager = new_test_user(
            cls.env, login="stl_channel_manager", groups="chain_channel.group_channel_manager",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
        )  # fmt: skip
        cls.store_user = new_test_user(
            cls.env, login="stl_store_user", groups="chain_store.group_chain_store_user",
            company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)],
            chain_store_ids=[Command.set(cls.store.ids)], chain_store_id=cls.store.id,
        )  # fmt: skip

    @classmethod
    def _order(cls, platform_order_id, qty=1, price=100.0, ship=True, channel=None):
        """A confirmed channel order (shipped when ``ship``)."""
        channel = channel or cls.channel
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "company_id": cls.company.id,
                "warehouse_id": cls.store.warehouse_id.id,
                "chain_channel_id": channel.id,
                "chain_platform_order_id": platform_order_id,
                "order_line": [
                    Command.create({"product_id": cls.product.id, "product_uom_qty": qty, "price_unit": price})
                ],
            }
        )
        order.action_confirm()
        if ship:
            cls._ship(order)
        return order

    @classmethod
    def _ship(cls, order):
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        picking.move_ids.quantity = picking.move_ids.product_uom_qty
        picking.move_ids.picked = True
        picking.button_validate()

    @staticmethod
    def _csv(rows):
        """A Youzan fund-flow file: a title line, the header, ``rows`` (key, order, type, income,
        expense, date, remark)."""
        header = "流水号,关联订单号,业务类型,收入(元),支出(元),入账时间,备注"
        lines = ["有赞资金流水 2026-11", header] + [",".join(str(v) for v in row) for row in rows]
        return "\n".join(lines).encode("utf-8-sig")

    def _import(self, raw, user=None, filename="youzan-2026-11.csv"):
        wizard = (
            self.env["chain.channel.settlement.import"]
            .with_user(user or self.accountant)
            .create(
                {
                    "channel_id": self.channel.id,
                    "mapping_id": self.mapping.id,
                    "data_file": base64.b64encode(raw),
                    "filename": filename,
                    "date": "2026-11-30",
                }
            )
        )
        return wizard.action_import()
