from odoo import Command, _, api, models

DEMO_NOTE = "Demo"


class ChainStockTransfer(models.Model):
    _inherit = "chain.stock.transfer"

    @api.model
    def _chain_demo_transfers(self, dc, receiver, sender, other, products):
        """Three inter-store transfers to ``receiver`` at every stage a store meets:

        - from the distribution centre ``dc``: shipped, received with one damaged and two missing
          units of its first lot; the missing units are written off, the damaged one waits for
          the store managers;
        - from ``sender``: approved, to ship today;
        - from ``other``: shipped, in transit.

        ``products`` are the candidates (product ids); those with sellable stock in the sending
        store are used. Idempotent: does nothing when the demo transfers exist.
        """
        if self.search_count([("note", "=", DEMO_NOTE)]):
            return self.browse()
        Store = self.env["chain.store"]
        dc, receiver, sender, other = (Store.browse(i) for i in (dc, receiver, sender, other))
        products = self.env["product.product"].browse(products)
        transfers = self.browse()
        for source, count in ((dc, 3), (sender, 2), (other, 2)):
            transfer = self.create(
                {
                    "source_store_id": source.id,
                    "dest_store_id": receiver.id,
                    "reason": "replenish" if source == dc else "rebalance",
                    "note": DEMO_NOTE,
                    "line_ids": [Command.create({"product_id": p.id, "product_qty": 4}) for p in products],
                }
            )
            transfer.line_ids.filtered(lambda line: line.available_qty < 4).unlink()
            transfer.line_ids[count:].unlink()
            transfer.action_submit()
            transfers |= transfer
        first, _to_ship, in_transit = transfers
        for transfer in (first, in_transit):
            transfer.action_ship()
        wizard = self.env["chain.stock.transfer.receive.wizard"].with_context(default_transfer_id=first.id).create({})
        line = wizard.line_ids[:1]
        line.write({"received_qty": max(line.shipped_qty - 2, 0), "damaged_qty": 1 if line.shipped_qty > 2 else 0})
        wizard.note = _("Carton crushed in the van; two tins missing.")
        wizard.action_confirm()
        first.discrepancy_ids.filtered(lambda d: d.kind == "missing")._chain_settle(
            "write_off", _("Lost in delivery: written off at cost.")
        )
        return transfers
