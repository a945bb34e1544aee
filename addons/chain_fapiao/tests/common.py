from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

VALID_VAT = "91350100M000100Y43"  # a unified social credit code with a right check character


class ChainFapiaoCase(TestPoSCommon):
    """A company with a chart (Odoo's test chart), VAT 13% included in prices, two stores with a
    till each, store staff of each store and an accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.config = cls.basic_config
        region = cls.env["chain.store.region"].create({"name": "Fapiao East", "code": "F-E"})
        cls.store_a, cls.store_b = cls.env["chain.store"].create(
            [
                {"code": "FA01", "name": "Fapiao Store A", "region_id": region.id, "company_id": cls.company.id},
                {"code": "FB01", "name": "Fapiao Store B", "region_id": region.id, "company_id": cls.company.id},
            ]
        )
        cls.basic_config.chain_store_id = cls.store_a
        cls.config_b = cls.env["pos.config"].create(
            {
                "name": "Till B",
                "chain_store_id": cls.store_b.id,
                "invoice_journal_id": cls.invoice_journal.id,
                "payment_method_ids": [Command.set(cls.bank_pm1.ids)],
            }
        )
        cls.vat13 = cls.company_data["default_tax_sale"].copy(
            {"name": "VAT 13% incl. (test)", "amount": 13, "price_include_override": "tax_included"}
        )
        cls.bottle = cls.create_product("Baby bottle (fapiao test)", cls.categ_basic, 113.0, 40.0, cls.vat13.ids)
        cls.staff_a = cls._user("f_staff_a", cls.store_a)
        cls.staff_b = cls._user("f_staff_b", cls.store_b)
        cls.accountant = new_test_user(
            cls.env,
            login="f_accountant",
            groups="account.group_account_invoice,point_of_sale.group_pos_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )

    @classmethod
    def _user(cls, login, store):
        return new_test_user(
            cls.env,
            login=login,
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
            chain_store_ids=[Command.set(store.ids)],
            chain_store_id=store.id,
        )

    def _sell(self, product=None, qty=1, payment=None, amount=None, customer=False, config=None):
        """A paid order in the open session of ``config`` (opened when needed)."""
        config = config or self.basic_config
        if self.config != config or not config.current_session_id:
            self.config = config
            if config.current_session_id:
                self.pos_session = config.current_session_id
                self.currency = self.pos_session.currency_id
                self.pricelist = config.pricelist_id
            else:
                self.open_new_session()
        product = product or self.bottle
        amount = product.lst_price * qty if amount is None else amount
        payment = payment or (self.cash_pm1 if config == self.basic_config else self.bank_pm1)
        data = self.create_ui_order_data([(product, qty)], customer=customer, payments=[(payment, amount)])
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _close(self, session=None):
        session = session or self.pos_session
        cash = sum(session.order_ids.payment_ids.filtered(lambda p: p.payment_method_id.is_cash_count).mapped("amount"))
        session.post_closing_cash_details(cash)
        session.close_session_from_ui()
        self.assertEqual(session.state, "closed")
        return session

    def _request(self, order, user=None, **vals):
        Request = self.env["chain.fapiao.request"]
        if user:
            Request = Request.with_user(user)
        return Request.create({"order_id": order.id, "buyer_name": "Shanghai Baby Care Co", **vals})

    def _balance(self, account, moves=None):
        domain = [("account_id", "=", account.id), ("parent_state", "=", "posted")]
        if moves is not None:
            domain.append(("move_id", "in", moves.ids))
        return sum(self.env["account.move.line"].search(domain).mapped("balance"))

    @staticmethod
    def _today():
        return fields.Date.today()
