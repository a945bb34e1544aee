import random
from collections import defaultdict

import pytz

from odoo import Command

from odoo.addons.chain_dashboard.tests.common import ChainDashboardCase
from odoo.addons.chain_dashboard_channel.lib.channel_rows import channel_key


class ChainDashboardChannelCase(ChainDashboardCase):
    """The POS history of ``ChainDashboardCase`` plus online channel orders over the same 60
    days: the Youzan shop ships from stores A and B, the mini shop from store B only.

    Besides the confirmed channel orders: one draft channel order, one cancelled channel order
    and one ordinary (not channel) sale order of store A, none of which count.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Channel = cls.env["chain.channel"]
        cls.youzan = Channel.create(
            {"name": "Youzan Shop (test)", "store_ids": [Command.set((cls.store_a | cls.store_b).ids)]}
        )
        cls.mini = Channel.create({"name": "Mini Shop (test)", "store_ids": [Command.set(cls.store_b.ids)]})
        cls.buyer = cls.env["res.partner"].create({"name": "Buyer Wang (test)"})
        cls.formula.standard_price = 150.0
        cls.serial = 0
        rng = random.Random(8)
        cls.channel_orders = cls.env["sale.order"]
        for channel, store, count in (
            (cls.youzan, cls.store_a, 12),
            (cls.youzan, cls.store_b, 8),
            (cls.mini, cls.store_b, 10),
        ):
            for _i in range(count):
                lines = [
                    (rng.choice((cls.formula, cls.diaper)), rng.choice((1, 2, 4)), rng.choice((0.9, 1.0)))
                    for _j in range(rng.randint(1, 3))
                ]
                cls.channel_orders |= cls._sale(
                    channel, store, cls._local(rng.randint(0, 45), rng.randint(0, 23)), lines
                )
        cls.draft_sale = cls._sale(cls.youzan, cls.store_a, cls._local(1, 10), [(cls.formula, 3, 1.0)], confirm=False)
        cls.cancelled_sale = cls._sale(cls.youzan, cls.store_a, cls._local(2, 10), [(cls.formula, 5, 1.0)])
        cls.cancelled_sale._action_cancel()
        cls.plain_sale = cls._sale(False, cls.store_a, cls._local(1, 11), [(cls.diaper, 7, 1.0)])

    @classmethod
    def _sale(cls, channel, store, when, lines, confirm=True):
        """A sale order of ``channel`` shipped by ``store``, dated ``when`` (UTC; else now), with
        ``lines`` = [(product, qty, share of the list price)], confirmed unless told."""
        cls.serial += 1
        order = cls.env["sale.order"].create(
            {
                "partner_id": cls.buyer.id,
                "warehouse_id": store.warehouse_id.id,
                "chain_channel_id": channel.id if channel else False,
                "chain_platform_order_id": f"P{cls.serial}" if channel else False,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "price_unit": product.list_price * share}
                    )
                    for product, qty, share in lines
                ],
            }
        )
        if confirm:
            order.action_confirm()
        if when:
            # confirming dates the order now: put it back on its day
            order.date_order = when
        return order

    def _raw_channel(self, stores, first, last, channels=None, categ=None, by=None):
        """Figures straight from the confirmed channel order lines with the ORM (the reference),
        summed, or per ``by`` ("store", "day", "cell") when given."""
        start, end = self.env["chain.dashboard"]._chain_utc_bounds(first, last, self.TZ)
        domain = [
            ("order_id.chain_channel_id", "!=", False),
            ("order_id.warehouse_id", "in", stores.warehouse_id.ids),
            ("order_id.date_order", ">=", start),
            ("order_id.date_order", "<", end),
            ("order_id.state", "=", "sale"),
        ]
        if channels is not None:
            domain.append(("order_id.chain_channel_id", "in", channels.ids))
        if categ:
            domain.append(("product_id.categ_id", "child_of", categ.id))
        lines = self.env["sale.order.line"].search(domain)
        if not by:
            return self._figures(lines)
        groups = defaultdict(lambda: self.env["sale.order.line"])
        for line in lines:
            groups[self._group_key(line, by)] |= line
        return {key: self._figures(group) for key, group in groups.items()}

    def _group_key(self, line, by):
        """The summary cell of a line: store, local day, or (store, day, channel)."""
        order = line.order_id
        store = self.env["chain.store"].search([("warehouse_id", "=", order.warehouse_id.id)])
        day = pytz.utc.localize(order.date_order).astimezone(pytz.timezone(self.TZ)).date()
        return {"store": store.id, "day": day, "cell": (store.id, day, order.chain_channel_id.id)}[by]

    @staticmethod
    def _figures(lines):
        cost = sum(line.product_id.standard_price * line.product_uom_qty for line in lines)
        return {
            "sales": sum(lines.mapped("price_total")),
            "sales_untaxed": sum(lines.mapped("price_subtotal")),
            "margin": sum(lines.mapped("price_subtotal")) - cost,
            "units": sum(lines.mapped("product_uom_qty")),
            "tickets": len(lines.order_id),
        }

    @staticmethod
    def _key(channel):
        return channel_key(channel.id)
