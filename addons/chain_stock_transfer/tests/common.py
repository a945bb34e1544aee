from odoo import Command

from odoo.addons.chain_stock_expiry.tests.common import ChainExpiryCase


class ChainTransferCase(ChainExpiryCase):
    """Store A holds three lots of formula (720-day life, transfer minimum 1/2 of the life):

    - ``lot_short``: 200 days left (28%), too short to transfer, expires first;
    - ``lot_mid``: 400 days left (56%), 6 units;
    - ``lot_long``: 700 days left, 10 units.

    Store B asks A for formula.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.formula.standard_price = 150.0
        cls.lot_short = cls._lot("T-SHORT", 200)
        cls.lot_mid = cls._lot("T-MID", 400)
        cls.lot_long = cls._lot("T-LONG", 700)
        cls._put(cls.lot_short, cls.shelf_a, 5)
        cls._put(cls.lot_mid, cls.shelf_a, 6)
        cls._put(cls.lot_long, cls.shelf_a, 10)
        cls.store_b.manager_id = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.manager_b = cls.store_b.manager_id
        cls.transit = cls.env.company._chain_transit_location()

    def _transfer(self, qty=8, user=None, **vals):
        Transfer = self.env["chain.stock.transfer"].with_user(user or self.staff_b)
        return Transfer.create(
            {
                "source_store_id": self.store_a.id,
                "dest_store_id": self.store_b.id,
                "line_ids": [Command.create({"product_id": self.formula.id, "product_qty": qty})],
                **vals,
            }
        )

    def _shipped(self, qty=8):
        transfer = self._transfer(qty)
        transfer.action_submit()
        transfer.with_user(self.staff_a).action_ship()
        return transfer

    def _receive(self, transfer, counts=None, extras=(), user=None):
        """Receive ``transfer`` as ``user`` (staff of B); ``counts`` = {lot: (received, damaged)},
        ``extras`` = [(product, lot name, qty)]."""
        transfer = transfer.with_user(user or self.staff_b)
        action = transfer.action_receive()
        Wizard = self.env["chain.stock.transfer.receive.wizard"].with_user(user or self.staff_b)
        wizard = Wizard.with_context(**action["context"]).create({})
        for line in wizard.line_ids:
            if counts and line.lot_id in counts:
                line.received_qty, line.damaged_qty = counts[line.lot_id]
        for product, lot_name, qty in extras:
            wizard.line_ids = [Command.create({"product_id": product.id, "lot_name": lot_name, "received_qty": qty})]
        wizard.action_confirm()
        return wizard

    def _qty(self, location, lot):
        quants = self.env["stock.quant"].search([("location_id", "=", location.id), ("lot_id", "=", lot.id)])
        return sum(quants.mapped("quantity"))
