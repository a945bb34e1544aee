import uuid

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.chain_stock_expiry.tests.common import ChainExpiryCase

PIN = "2468"


class ChainPosExpiryCase(ChainExpiryCase):
    """Store A sells infant formula (lot required) at its till. Lots on its shelf: FRESH
    (400 days left), NEAR (100 days: under 1/3 of the life), LATE (5 days: past the removal
    date, 7 days before expiry), OLD (expired 3 days ago) and HELD (blocked for a recall).
    ``manager_a`` runs store A and has an override PIN; ``cashier_a`` works its till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ_formula.chain_pos_lot_required = True
        cls.formula.write({"available_in_pos": True, "lst_price": 200.0, "taxes_id": [Command.clear()]})
        cls.lots = {
            name: cls._lot(name, days)
            for name, days in (("FRESH", 400), ("NEAR", 100), ("LATE", 5), ("OLD", -3), ("HELD", 300))
        }
        cls.lots["HELD"]._chain_block("Recall R-1 (test)")
        for lot in cls.lots.values():
            cls._put(lot, cls.shelf_a, 10)
        cls.lot_b = cls._lot("B-ONLY", 400)
        cls._put(cls.lot_b, cls.shelf_b, 10)
        cls.manager_a.sudo().chain_pos_pin = PIN
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.manager_b.sudo().chain_pos_pin = "1357"
        cls.cashier_a = new_test_user(
            cls.env,
            login="t_cashier_a",
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        cls.config = cls._pos_config(cls.store_a)
        cls.config.open_ui()
        cls.pos_session = cls.config.current_session_id
        methods = cls.pos_session.payment_method_ids
        cls.cash = methods.filtered("is_cash_count")[:1] or methods[:1]

    # -- the order the till sends -----------------------------------------------------

    def _line(self, lot_name=None, qty=1, product=None, scanned=None, override=None):
        """``(0, 0, vals)`` of a POS line as the till serializes it; ``override`` is
        ``(manager, pin, reason)`` as typed in the override popup (checked by the server in
        ``_order``, which puts the token it gives on the line)."""
        product = product or self.formula
        line_uuid = str(uuid.uuid4())
        vals = {
            "uuid": line_uuid,
            "product_id": product.id,
            "qty": qty,
            "price_unit": product.lst_price,
            "price_subtotal": product.lst_price * qty,
            "price_subtotal_incl": product.lst_price * qty,
            "tax_ids": [(6, 0, [])],
            "discount": 0,
            "pack_lot_ids": [],
        }
        if lot_name:
            vals["pack_lot_ids"] = [(0, 0, {"lot_name": lot_name, "chain_scanned_expiry": scanned or False})]
        if override:
            manager, _pin, reason = override
            vals.update(chain_override_uid=manager.id, chain_override_reason=reason, chain_override_token=False)
            vals["_override"] = override  # the PIN is checked once the order's uuid is known (_order)
        return (0, 0, vals)

    def _verify_pin(self, order_uuid, line_vals, manager, pin, reason="date_error", user=None):
        """What the till asks the server when the manager types ``pin`` for this line."""
        lot_name = line_vals["pack_lot_ids"][0][2]["lot_name"] if line_vals["pack_lot_ids"] else "-"
        session = self.pos_session.with_user(user or self.cashier_a)
        return session.chain_verify_override_pin(
            manager.id, pin, order_uuid, line_vals["uuid"], lot_name, reason or "other"
        )

    def _order(self, *lines, order_uuid=None, date=None):
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        order_uuid = order_uuid or str(uuid.uuid4())
        for line in lines:
            override = line[2].pop("_override", None)
            if override:
                manager, pin, reason = override
                line[2]["chain_override_token"] = self._verify_pin(order_uuid, line[2], manager, pin, reason).get(
                    "token", False
                )
        now = fields.Datetime.to_string(date or fields.Datetime.now())
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": self.pos_session.id,
            "sequence_number": 1,
            "user_id": self.cashier_a.id,
            "pricelist_id": self.config.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": False,
            "to_invoice": False,
            "date_order": now,
            "last_order_preparation_change": "{}",
            "state": "paid",  # as the till sends a paid order
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_paid": total,
            "amount_return": 0.0,
            "lines": list(lines),
            "access_token": str(uuid.uuid4()),
            "payment_ids": [
                (0, 0, {"uuid": str(uuid.uuid4()), "amount": total, "name": now, "payment_method_id": self.cash.id})
            ],
        }

    def _sync(self, *orders, user=None):
        """Sync ``orders`` as the cashier, as the till does; return (orders, response)."""
        PosOrder = self.env["pos.order"].with_user(user or self.cashier_a)
        response = PosOrder.sync_from_ui([dict(order) for order in orders])
        records = self.env["pos.order"].search([("uuid", "in", [order["uuid"] for order in orders])])
        return records, response
