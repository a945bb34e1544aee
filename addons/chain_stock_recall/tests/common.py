from odoo import Command

from odoo.addons.chain_stock_expiry.tests.common import ChainExpiryCase


class ChainRecallCase(ChainExpiryCase):
    """Lot F-BAD of infant formula: received from the supplier into store A, sold at the tills of
    A (to a named member and anonymously) and B (anonymously), delivered on a sale order; some
    left on the shelves of A and B. Lot F-GOOD is not recalled."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.recall_manager = cls._user("t_recall", "chain_stock_recall.group_chain_recall_manager")
        cls.member = cls.env["res.partner"].create({"name": "Member Wang Fang", "phone": "+86 138 0000 0001"})
        cls.buyer = cls.env["res.partner"].create({"name": "Buyer Li Lei", "email": "li.lei@example.com"})
        cls.bad = cls._lot("F-BAD", 500)
        cls.good = cls._lot("F-GOOD", 500)
        # supplier receipt of the bad lot into A
        receipt = cls._receipt(cls.wh_a, [(cls.formula, 20)])
        receipt.move_ids.move_line_ids.write({"lot_id": cls.bad.id, "quantity": 20, "picked": True})
        receipt.button_validate()
        cls.receipt = receipt
        cls._put(cls.bad, cls.shelf_b, 6)
        cls._put(cls.good, cls.shelf_a, 9)
        # till sales
        cls.pos_a = cls._pos_config(cls.store_a)
        cls.pos_b = cls._pos_config(cls.store_b)
        cls.order_member = cls._pos_lot_order(cls.pos_a, cls.bad, 2, partner=cls.member)
        cls.order_anon_a = cls._pos_lot_order(cls.pos_a, cls.bad, 1)
        cls.order_anon_b = cls._pos_lot_order(cls.pos_b, cls.bad, 3)
        cls.order_good = cls._pos_lot_order(cls.pos_a, cls.good, 1, partner=cls.buyer)
        # a sale order delivered from A
        cls.sale = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "warehouse_id": cls.wh_a.id,
                "order_line": [Command.create({"product_id": cls.formula.id, "product_uom_qty": 4})],
            }
        )
        cls.sale.action_confirm()
        delivery = cls.sale.picking_ids
        delivery.move_ids.move_line_ids.unlink()
        delivery.move_ids.write(
            {
                "move_line_ids": [
                    Command.create(
                        {**delivery.move_ids._prepare_move_line_vals(quantity=4), "lot_id": cls.bad.id, "picked": True}
                    )
                ]
            }
        )
        delivery.move_ids.picked = True
        delivery.button_validate()
        cls.delivery = delivery

    @classmethod
    def _pos_lot_order(cls, config, lot, qty, partner=None):
        order = cls._pos_order(config, amount=100.0 * qty)
        order.lines.write(
            {"product_id": lot.product_id.id, "qty": qty, "pack_lot_ids": [Command.create({"lot_name": lot.name})]}
        )
        order.write({"partner_id": partner.id if partner else False, "state": "paid"})
        return order

    def _recall(self, **vals):
        return (
            self.env["chain.recall"]
            .with_user(self.recall_manager)
            .create(
                {
                    "product_id": self.formula.id,
                    "lot_ids": [Command.set(self.bad.ids)],
                    "reason": "Supplier notice 2026-11",
                    **vals,
                }
            )
        )
