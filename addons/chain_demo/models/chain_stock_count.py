from odoo import api, models

DEMO_NOTE = "Demo"


class ChainStockCount(models.Model):
    _inherit = "chain.stock.count"

    @api.model
    def _chain_demo_counts(self, done_store, open_store, categ):
        """Two blind counts of the products of category ``categ``:

        - in ``done_store``: counted, one line 3 units short so that it is sent back for a
          recount, recounted 1 short, approved and applied (the stock is adjusted by -1);
        - in ``open_store``: started, waiting for its counters (try it on a phone).

        Idempotent: does nothing when the demo counts exist.
        """
        if self.search_count([("note", "=", DEMO_NOTE)]):
            return self.browse()
        counts = self.create(
            [
                {"store_id": store, "kind": "category", "categ_ids": [(6, 0, [categ])], "note": DEMO_NOTE}
                for store in (done_store, open_store)
            ]
        )
        counts.action_start()
        done = counts[0]
        lines = done.line_ids.sorted(lambda line: -line.expected_qty)
        for line in lines:
            line.counted_qty = line.expected_qty
        short = lines[:1]
        short.counted_qty = short.expected_qty - 3
        done.action_submit()
        for line in done.line_ids.filtered("recount_required"):
            line.recount_qty = line.expected_qty - 1
        done.action_submit()
        if done.state == "to_approve":
            done.action_approve()
        done.action_apply()
        return counts
