# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The inbox: batches of new orders made together (the job itself, committed, in test_crash.py)."""

import json
from unittest.mock import patch

from psycopg2 import errors

from odoo import Command, fields
from odoo.tests import tagged

from ..models.chain_channel import INBOX_BATCH
from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelInbox(ChannelCommon):
    def _messages(self, count, prefix, qty=1, sku="SKU-D"):
        messages = []
        for n in range(count):
            order_id = f"{prefix}{n:03d}"
            raw = self._body(order_id=order_id, lines=[{"sku": sku, "qty": qty, "price_unit": 10.0}])
            (parsed,) = self.channel._adapter().parse_messages(self.channel, {}, raw)
            messages.append(parsed)
        return messages

    def test_more_than_a_batch_all_become_orders_routed_on_what_the_batch_took(self):
        self._put(self.diapers, self.store_a, 5)
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        count = INBOX_BATCH + 3
        records = Message._chain_ingest(self.channel, self._messages(count, "B"), "batch")
        self.assertEqual(len(records), count)
        self.assertEqual(set(records.mapped("state")), {"done"})
        orders = records.sale_order_id
        self.assertEqual(len(orders), count)
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        # store A had 5 units, store B 10: the batch routed 5 orders to A, 10 to B, the rest
        # wait for stock in A (first store) and reserve nothing
        by_store = {wh: len(orders.filtered(lambda o, w=wh: o.warehouse_id == w)) for wh in orders.warehouse_id}
        self.assertEqual(by_store[self.store_b.warehouse_id], 10)
        self.assertEqual(by_store[self.store_a.warehouse_id], count - 10)
        reserved = sum(orders.picking_ids.move_ids.mapped("quantity"))
        self.assertEqual(reserved, 15, "every sellable unit reserved, none twice")
        # the batch's buyers follow nothing: Odoo never mails a platform's buyer
        self.assertFalse(orders.message_partner_ids & orders.partner_id)

    def test_a_bad_message_in_a_batch_waits_with_its_reason_the_others_go_on(self):
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        messages = self._messages(3, "G") + self._messages(1, "U", sku="SKU-NOPE")
        records = Message._chain_ingest(self.channel, messages, "batch")
        bad = records.filtered(lambda m: m.platform_order_id == "U000")
        self.assertEqual(bad.state, "attention")
        self.assertIn("SKU-NOPE", bad.reason)
        self.assertFalse(bad.sale_order_id)
        self.assertEqual((records - bad).mapped("state"), ["done"] * 3)

    def test_an_order_paid_twice_in_one_batch_is_one_order(self):
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        (first,) = self._messages(1, "D")
        second = dict(first, key=first["key"] + ":again")
        records = Message._chain_ingest(self.channel, [first, second], json.dumps([first, second]))
        self.assertEqual(records.mapped("state"), ["done", "done"])
        self.assertEqual(len(records.sale_order_id), 1)

    def test_an_order_another_job_made_meanwhile_retries_the_job(self):
        # imported here: the addon's lib tests import this package without Odoo's addons path
        from odoo.addons.queue_job.exception import RetryableJobError

        Message = self.env["chain.channel.message"]
        messages = Message.browse([Message._chain_insert(self.channel, m, "twin")[0] for m in self._messages(2, "T")])

        def twin(*_args, **_kwargs):
            raise errors.UniqueViolation("duplicate key value violates chain_platform_order_uniq")

        # both ways (a batch of two, one message alone): queue_job runs the job again, nothing failed
        for todo in (messages, messages[:1]):
            with patch.object(type(Message), "_chain_make_orders", twin), self.assertRaises(RetryableJobError):
                todo._chain_process()
            self.assertEqual(messages.mapped("state"), ["received", "received"])

    def test_a_channel_delivery_has_no_buyer_follower_nor_origin_note_a_manual_one_keeps_them(self):
        self._put(self.diapers, self.store_a, 5)
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        records = Message._chain_ingest(self.channel, self._messages(2, "N"), "batch")
        pickings = records.sale_order_id.picking_ids
        self.assertEqual(len(pickings), 2)
        self.assertFalse(pickings.message_partner_ids & records.sale_order_id.partner_id)
        for picking in pickings:
            self.assertFalse(picking.message_ids.filtered(lambda m, p=picking: p.sale_id.name in (m.body or "")))
        # the same store, an order keyed in by hand: Odoo's note and follower are there
        buyer = self.env["res.partner"].create({"name": "Walk-in buyer"})
        manual = self.env["sale.order"].create(
            {
                "partner_id": buyer.id,
                "warehouse_id": self.store_a.warehouse_id.id,
                "order_line": [(0, 0, {"product_id": self.diapers.id, "product_uom_qty": 1})],
            }
        )
        manual.action_confirm()
        self.assertIn(buyer, manual.picking_ids.message_partner_ids)
        self.assertTrue(manual.picking_ids.message_ids.filtered(lambda m: manual.name in (m.body or "")))

    def test_a_reordering_rule_of_a_sold_product_still_runs_at_confirmation(self):
        # the rule looks at the forecast: 5 on hand, a channel order of 4 leaves 1, below the minimum
        self._put(self.wipes, self.store_a, 5)
        location = self.store_a.warehouse_id.lot_stock_id
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.wipes.id,
                "location_id": location.id,
                "warehouse_id": self.store_a.warehouse_id.id,
                "trigger": "auto",
                "product_min_qty": 3,
                "product_max_qty": 10,
            }
        )
        before = self.env["mail.activity"].search_count([("res_model", "=", "product.template")])
        moves_before = self.env["stock.move"].search([("location_dest_id", "=", location.id)])
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        raw = self._body(order_id="RULE1", lines=[{"sku": "SKU-W", "qty": 4, "price_unit": 10.0}])
        (parsed,) = self.channel._adapter().parse_messages(self.channel, {}, raw)
        (record,) = Message._chain_ingest(self.channel, [parsed], raw)
        self.assertEqual(record.state, "done")
        self.assertEqual(record.sale_order_id.warehouse_id, self.store_a.warehouse_id)
        # the rule ran: a resupply into the store, or (no route to resupply it) Odoo's exception
        # activity on the product
        resupply = self.env["stock.move"].search([("location_dest_id", "=", location.id)]) - moves_before
        activities = self.env["mail.activity"].search_count([("res_model", "=", "product.template")]) - before
        self.assertTrue(resupply.filtered(lambda m: m.product_id == self.wipes) or activities, rule)

    def test_an_analytic_distribution_model_still_applies_to_channel_order_lines(self):
        """The batch skips Odoo's per-line lookup of analytic distribution models only when the
        database has none: an accountant's model for a product still lands on its channel lines."""
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        (plain,) = Message._chain_ingest(self.channel, self._messages(1, "AN0"), "no model")
        self.assertEqual(plain.state, "done")
        self.assertFalse(plain.sale_order_id.order_line.analytic_distribution)

        plan = self.env["account.analytic.plan"].create({"name": "Channels (test)"})
        account = self.env["account.analytic.account"].create({"name": "Mini Shop (test)", "plan_id": plan.id})
        self.env["account.analytic.distribution.model"].create(
            {"product_id": self.diapers.id, "analytic_distribution": {str(account.id): 100}}
        )
        raw = self._body(
            order_id="AN1",
            lines=[{"sku": "SKU-D", "qty": 1, "price_unit": 10.0}, {"sku": "SKU-W", "qty": 1, "price_unit": 5.0}],
        )
        (parsed,) = self.channel._adapter().parse_messages(self.channel, {}, raw)
        (record,) = Message._chain_ingest(self.channel, [parsed], raw)
        self.assertEqual(record.state, "done")
        lines = {line.product_id: line.analytic_distribution for line in record.sale_order_id.order_line}
        self.assertEqual(lines[self.diapers], {str(account.id): 100})
        self.assertFalse(lines[self.wipes])

    def test_a_batch_reserves_the_first_expiring_lots_never_a_blocked_one_each_unit_once(self):
        """The batch reserves through Odoo's quant cache (each line's exact quant is looked up in
        it, not searched again): what it reserves is still first expiry first out, lot by lot,
        never a blocked lot, and no unit twice."""
        category = self.env["product.category"].create(
            {"name": "Formula (test)", "removal_strategy_id": self.env.ref("product_expiry.removal_fefo").id}
        )
        formula = self.env["product.product"].create(
            {
                "name": "Formula 1 (test)",
                "categ_id": category.id,
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
            }
        )
        self.channel.product_ids = [Command.create({"sku": "SKU-F", "product_id": formula.id})]
        location = self.store_b.warehouse_id.lot_stock_id
        now = fields.Datetime.now()
        lots = self.env["stock.lot"].create(
            [
                {"name": name, "product_id": formula.id, "expiration_date": fields.Datetime.add(now, days=days)}
                for name, days in (("F-LATE", 300), ("F-SOON", 100), ("F-BLOCKED", 50))
            ]
        )
        for lot in lots:
            self.env["stock.quant"]._update_available_quantity(formula, location, 3, lot_id=lot)
        lots.filtered(lambda lot: lot.name == "F-BLOCKED").chain_blocked = True
        Message = self.env["chain.channel.message"].with_context(queue_job__no_delay=True)
        messages = self._messages(4, "FEFO", sku="SKU-F")
        records = Message._chain_ingest(self.channel, messages, "batch")
        self.assertEqual(records.mapped("state"), ["done"] * 4)
        lines = records.sale_order_id.picking_ids.move_ids.move_line_ids
        by_lot = {}
        for line in lines:
            by_lot[line.lot_id.name] = by_lot.get(line.lot_id.name, 0) + line.quantity
        self.assertEqual(by_lot, {"F-SOON": 3, "F-LATE": 1})
        quants = self.env["stock.quant"].search([("product_id", "=", formula.id), ("location_id", "=", location.id)])
        self.assertEqual(
            sorted((q.lot_id.name, q.quantity, q.reserved_quantity) for q in quants),
            [("F-BLOCKED", 3, 0), ("F-LATE", 3, 1), ("F-SOON", 3, 3)],
        )
