import uuid

from odoo import Command, fields

from odoo.addons.chain_pos_member.tests.common import ChainPosMemberCase


class ChainDepositCase(ChainPosMemberCase):
    """chain_pos_member's two open tills (store A: ``cashier_a``; store B: ``cashier_b``) and
    members (Wang of store A, Li of store B); a formula at 300 CNY (10 units in store A, 7 in
    store B), the company's deposit product, and a bath card: 3 baths for 100 CNY, valid 30
    days, usable in store A only; an employee for each cashier."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.formula = cls.product
        cls.formula.write({"lst_price": 300.0, "available_in_pos": True, "taxes_id": [Command.clear()]})
        cls.deposit_product = company._chain_deposit_product()
        cls.deposit_account = company._chain_prepaid_account("deposit")
        cls.card_account = company._chain_prepaid_account("service_card")
        cls.bath = cls.env["product.product"].create(
            {"name": "Baby bath (test)", "type": "service", "lst_price": 60.0, "available_in_pos": True,
             "taxes_id": [Command.clear()]}
        )  # fmt: skip
        cls.bath_card = cls.env["product.product"].create(
            {
                "name": "Bath card 3 times (test)",
                "chain_prepaid_kind": "service_card",
                "lst_price": 100.0,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                "chain_card_uses": 3,
                "chain_card_validity_days": 30,
                "chain_card_service_product_id": cls.bath.id,
                "chain_card_store_ids": [Command.set(cls.store_a.ids)],
            }
        )
        Employee = cls.env["hr.employee"]
        cls.employee_a = Employee.create({"name": "Bath nurse A (test)", "user_id": cls.cashier_a.id})
        cls.employee_b = Employee.create({"name": "Cashier B (test)", "user_id": cls.cashier_b.id})
        cls.store_a.user_ids |= cls.cashier_a
        cls.store_b.user_ids |= cls.cashier_b

    # -- orders as the till sends them --------------------------------------------------
    def lines_vals(self, *lines):
        """Order line commands from ``(product, qty, price, extra values)`` tuples."""
        commands = []
        for product, qty, price, *extra in lines:
            command = self._line(product, qty, price)
            command[2].update(extra[0] if extra else {})
            commands.append(command)
        return commands

    def till_order(self, lines, session=None, member=None):
        """A paid order of ``lines`` (see ``lines_vals``) for ``member``, paid in cash."""
        session = session or self.session_a
        vals = self.order_vals(session=session, partner=member.partner_id if member else None)
        vals["lines"] = self.lines_vals(*lines)
        total = sum(line[2]["price_subtotal_incl"] for line in vals["lines"])
        vals.update(amount_total=total, amount_paid=total)
        if total:
            vals["payment_ids"][0][2]["amount"] = total
        else:
            vals["payment_ids"] = []
        return vals

    def sync(self, vals, user=None):
        """Sync one order as ``user`` (the cashier of store A by default), who took it."""
        user = user or self.cashier_a
        return super().sync(dict(vals, user_id=user.id), user=user)

    def sell_deposit(self, member=None, qty=12, price=300.0, session=None, user=None):
        """Sell ``qty`` units of the formula as a deposit; the deposit created."""
        member = member or self.member_a
        line = (self.deposit_product, qty, price, {"chain_deposit_product_id": self.formula.id})
        order = self.sync(self.till_order([line], session=session, member=member), user=user)
        return self.env["chain.member.deposit"].search([("pos_order_id", "=", order.id)])

    def pickup_vals(self, deposit, qty, session=None, member=None, price=None, lot=None):
        price = deposit.unit_price if price is None else price
        extra = {"chain_deposit_ref": deposit.id}
        formula = dict(extra, pack_lot_ids=[(0, 0, {"lot_name": lot})] if lot else [])
        return self.till_order(
            [(deposit.product_id, qty, price, formula), (self.deposit_product, -qty, price, extra)],
            session=session,
            member=member or deposit.member_id,
        )

    def pick_up(self, deposit, qty, session=None, user=None, **kwargs):
        order = self.sync(self.pickup_vals(deposit, qty, session=session, **kwargs), user=user)
        return order, self.env["chain.member.deposit.pickup"].search([("pos_order_id", "=", order.id)])

    def sell_card(self, member=None, session=None, user=None):
        member = member or self.member_a
        order = self.sync(self.till_order([(self.bath_card, 1, 100.0)], session=session, member=member), user=user)
        return self.env["chain.member.service.card"].search([("pos_order_line_id.order_id", "=", order.id)])

    def use_vals(self, card, session=None, member=None, employee=None, price=None, uses=1):
        price = sum(card._chain_use_prices(uses)) / uses if price is None else price
        ref = {"chain_card_ref": card.id}
        service = dict(ref, chain_employee_ref=(employee or self.employee_a).id)
        return self.till_order(
            [(card.service_product_id, uses, price, service), (card.card_product_id, -uses, price, ref)],
            session=session,
            member=member or card.member_id,
        )

    def use_card(self, card, session=None, user=None, **kwargs):
        order = self.sync(self.use_vals(card, session=session, **kwargs), user=user)
        return order, self.env["chain.member.service.card.use"].search([("pos_order_id", "=", order.id)])

    def stock(self, product, store):
        return self.env["stock.quant"]._get_available_quantity(product, store.warehouse_id.lot_stock_id)

    def today(self):
        return fields.Date.context_today(self.env.user)

    @staticmethod
    def new_uuid():
        return str(uuid.uuid4())
