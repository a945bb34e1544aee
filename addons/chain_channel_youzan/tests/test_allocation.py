# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
import random

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.chain_channel.lib import allocation
from odoo.addons.chain_channel.models.stock_move import RESERVATION_LOCK_NAMESPACE

from .common import YouzanCommon


@tagged("post_install", "-at_install")
class TestChannelAllocation(YouzanCommon):
    """Two Youzan shops (the simulator's SKUs 36001 and 36002) selling one store's diapers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store = cls.env["chain.store"].create({"name": "Allocation Store (test)", "code": "AL-T"})
        cls.other_store = cls.env["chain.store"].create({"name": "Allocation Store 2 (test)", "code": "AL-U"})
        cls.diapers = cls.env["product.product"].create({"name": "Diapers S (alloc test)", "is_storable": True})
        cls.channel.write(
            {
                "store_ids": [Command.set(cls.store.ids)],
                "stock_share": 0.8,
                "product_ids": [Command.create({"sku": "36001", "product_id": cls.diapers.id})],
            }
        )
        cls.second = cls.env["chain.channel"].create(
            dict(
                cls._channel_vals(),
                name="Youzan Second Shop",
                store_ids=[Command.set(cls.store.ids)],
                stock_share=0.8,
                product_ids=[Command.create({"sku": "36002", "product_id": cls.diapers.id})],
            )
        )
        cls._set_stock(cls.diapers, cls.store, 10)

    @classmethod
    def _set_stock(cls, product, store, qty):
        Quant = cls.env["stock.quant"]
        location = store.warehouse_id.lot_stock_id
        Quant._update_available_quantity(product, location, qty - Quant._get_available_quantity(product, location))

    def _push_all(self):
        Outbox = self.env["chain.channel.outbox"]
        Outbox._chain_mark(self.diapers, self.store.warehouse_id)
        Outbox._chain_push_pending()

    def _ledger(self, channel):
        return self.env["chain.channel.allocation"].search(
            [("channel_id", "=", channel.id), ("product_id", "=", self.diapers.id)]
        )

    def test_two_channels_on_one_store_never_show_more_than_the_stock(self):
        self._push_all()
        # each wants floor(10 * 0.8) = 8: together 16 > 10, so both are scaled down to 5
        self.assertEqual((self.sim.quantity(36001), self.sim.quantity(36002)), (5, 5))
        self.assertRecordValues(
            self._ledger(self.channel) | self._ledger(self.second),
            [{"sellable_qty": 10.0, "allocated_qty": 5, "pending_qty": 0.0}] * 2,
        )
        rows = self.env["chain.channel.outbox"].search([("product_id", "=", self.diapers.id)])
        self.assertEqual(rows.mapped("state"), ["done", "done"])

    def test_pushing_one_channel_reallocates_the_others(self):
        self._push_all()
        version = self._ledger(self.second).version
        self._set_stock(self.diapers, self.store, 6)
        # only the first shop's update is due: the second shop's allocation changes as well
        self.env["chain.channel.allocation"]._chain_queue(self.channel, self.diapers)
        self.env["chain.channel.outbox"]._chain_push_pending()
        self.assertEqual((self.sim.quantity(36001), self.sim.quantity(36002)), (3, 3))
        self.assertEqual(self._ledger(self.second).version, version + 1)

    def test_exclusive_pool_is_set_aside_first(self):
        with Form(self.second) as form:
            form.stock_exclusive = True
            form.stock_share = 0.3
        self._push_all()
        # the exclusive shop keeps 3; the other shows floor(7 * 0.8) = 5 of the 7 left
        self.assertEqual((self.sim.quantity(36002), self.sim.quantity(36001)), (3, 5))

    def test_quotation_of_a_channel_is_held_back_from_the_pool(self):
        partner = self.env["res.partner"].create({"name": "Buyer (alloc test)"})
        self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "chain_channel_id": self.channel.id,
                "chain_platform_order_id": "ALLOC-1",
                "warehouse_id": self.store.warehouse_id.id,
                "order_line": [Command.create({"product_id": self.diapers.id, "product_uom_qty": 4})],
            }
        )
        self._push_all()
        self.assertEqual(self._ledger(self.channel).pending_qty, 4.0)
        # 10 - 4 sold on the platform, not paid yet: 6 left, the first shop capped at 10 - 4
        self.assertLessEqual(self.sim.quantity(36001) + self.sim.quantity(36002) + 4, 10)
        self.assertEqual(self.sim.quantity(36001) + self.sim.quantity(36002), 6)

    def test_invariant_with_three_channels_one_exclusive(self):
        third = self.env["chain.channel"].create(
            {
                "name": "Mini Shop (alloc test)",
                "store_ids": [Command.set((self.store | self.other_store).ids)],
                "stock_exclusive": True,
                "product_ids": [Command.create({"sku": "MINI-1", "product_id": self.diapers.id})],
            }
        )
        channels = self.channel | self.second | third
        Ledger = self.env["chain.channel.allocation"]
        rng = random.Random(20261123)
        for _round in range(12):
            self._set_stock(self.diapers, self.store, rng.randint(0, 60))
            self._set_stock(self.diapers, self.other_store, rng.randint(0, 20))
            for channel in channels:
                channel.write({"stock_share": round(rng.uniform(0.0, 1.0), 2), "stock_buffer": rng.randint(0, 3)})
            Ledger._chain_recompute(self.diapers)
            sellable = sum(self.diapers._chain_sellable_qty(self.store | self.other_store).values())
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT SUM(allocated_qty), COUNT(*) FROM chain_channel_allocation WHERE product_id = %s",
                    self.diapers.id,
                )
            )
            total, count = self.env.cr.fetchone()
            self.assertEqual(count, 3)
            self.assertLessEqual(total, sellable, f"round {_round}: {total} allocated of {sellable}")
            for channel in channels:
                own = sum(self.diapers._chain_sellable_qty(channel.store_ids).values())
                row = self._ledger(channel)
                wanted = allocation.offered_qty(own, share=channel.stock_share, buffer=channel.stock_buffer)
                self.assertLessEqual(row.allocated_qty, wanted, "never more than the channel's own offer")
                self.assertEqual(row.allocated_qty, math.floor(row.allocated_qty))

    def test_ledger_is_written_under_the_reservation_lock(self):
        self.env["chain.channel.allocation"]._chain_recompute(self.diapers)
        self.env.cr.execute(
            SQL(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
                " AND classid = %s AND objid = %s AND granted",
                RESERVATION_LOCK_NAMESPACE,
                self.diapers.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1, "held until the transaction ends, as reservations")

    def test_user_of_another_store_cannot_read_the_ledger(self):
        self._push_all()
        own = new_test_user(
            self.env,
            login="alloc_staff_own",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(self.store.ids)],
            chain_store_id=self.store.id,
        )
        other = new_test_user(
            self.env,
            login="alloc_staff_other",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(self.other_store.ids)],
            chain_store_id=self.other_store.id,
        )
        row = self._ledger(self.channel)
        self.assertEqual(row.with_user(own).read(["allocated_qty"])[0]["allocated_qty"], 5)
        with self.assertRaises(AccessError):
            row.with_user(other).read(["allocated_qty"])
        with self.assertRaises(AccessError):
            row.with_user(own).write({"allocated_qty": 99})
        self.assertFalse(self.env["chain.channel.allocation"].with_user(other).search([]))
