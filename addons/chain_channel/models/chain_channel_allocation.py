# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from collections import defaultdict

from markupsafe import Markup

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import allocation
from ..lib.errors import ChannelRateLimited
from .chain_channel import MANAGER
from .stock_move import RESERVATION_LOCK_NAMESPACE

_logger = logging.getLogger(__name__)

MAX_LISTED_SKUS = 20


class ChainChannelAllocation(models.Model):
    """The allocation ledger: how much of a product each channel may still sell.

    One row per channel and product, recomputed for every active channel offering the product
    whenever one of them pushes it, under the per-product advisory lock that reservations take
    (``stock.move._chain_lock_products``). The channels offering a product share one pool: the
    sellable stock of the union of their fulfilling stores, less what they sold and have not
    reserved yet; exclusive channels take their part first (``lib.allocation.pool_split``). So
    the allocations of a product, summed over the channels, never exceed its sellable stock.
    """

    _name = "chain.channel.allocation"
    _description = "Channel Stock Allocation"
    _order = "product_id, channel_id"
    _rec_name = "product_id"
    _chain_guarded_fields = {}  # read-only for every user (access rights): the allocation engine writes it

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="channel_id.company_id", store=True)
    sellable_qty = fields.Float(
        string="Pool Sellable",
        readonly=True,
        digits="Product Unit of Measure",
        help="Sellable stock of the stores of all channels offering the product, when last computed.",
    )
    pending_qty = fields.Float(
        string="Sold, Not Reserved",
        readonly=True,
        digits="Product Unit of Measure",
        help="Quantity of this channel's orders that holds no reservation yet (quotations, waiting deliveries).",
    )
    allocated_qty = fields.Integer(
        string="Allocated", readonly=True, help="Quantity this channel may still sell: the quantity it shows."
    )
    version = fields.Integer(default=1, readonly=True, help="Increases each time the allocated quantity changes.")
    changed_at = fields.Datetime(string="Last Change", readonly=True, help="When the allocation last changed.")
    platform_qty = fields.Integer(string="Platform Quantity", readonly=True, help="Quantity the platform showed.")
    reconciled_at = fields.Datetime(string="Last Reconciled", readonly=True)

    _sql_constraints = [
        ("channel_product_uniq", "unique(channel_id, product_id)", "One allocation per channel and product."),
    ]

    @api.model
    def _chain_lock(self, products):
        """Take the reservation lock of ``products`` (product id order, until commit)."""
        for product_id in sorted(set(products.ids)):
            self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", RESERVATION_LOCK_NAMESPACE, product_id))

    @api.model
    def _chain_pending_qty(self, channels, products):
        """``{(channel_id, product_id): qty}`` the channels sold that is not reserved yet.

        Quotations of the channel (the platform took the order, it is not paid) and the
        unreserved part of its confirmed deliveries, in the unit of the order line.
        """
        if not channels or not products:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT so.chain_channel_id, sol.product_id, SUM(sol.product_uom_qty)
                     FROM sale_order_line sol JOIN sale_order so ON so.id = sol.order_id
                    WHERE so.state IN ('draft', 'sent') AND so.chain_channel_id = ANY(%(channels)s)
                      AND sol.product_id = ANY(%(products)s)
                    GROUP BY 1, 2
                UNION ALL
                   SELECT so.chain_channel_id, m.product_id, SUM(GREATEST(m.product_uom_qty - m.quantity, 0))
                     FROM stock_move m
                     JOIN sale_order_line sol ON sol.id = m.sale_line_id
                     JOIN sale_order so ON so.id = sol.order_id
                    WHERE m.state IN ('waiting', 'confirmed', 'partially_available')
                      AND so.chain_channel_id = ANY(%(channels)s) AND m.product_id = ANY(%(products)s)
                    GROUP BY 1, 2""",
                channels=channels.ids,
                products=products.ids,
            )
        )
        pending = defaultdict(float)
        for channel_id, product_id, qty in self.env.cr.fetchall():
            pending[(channel_id, product_id)] += qty or 0.0
        return dict(pending)

    @api.model
    def _chain_recompute(self, products):
        """Recompute the ledger of ``products`` for every active channel that maps them.

        Takes the products' reservation lock first, so that no reservation changes their
        sellable stock between the reading and the writing. Returns the ledger rows.
        """
        # sudo: the ledger is kept by the system; the push cron or a channel manager triggers it
        ledger = self.sudo()
        if not products:
            return ledger
        self._chain_lock(products)
        # the quants may have changed while this transaction waited for the lock
        self.env["stock.quant"].invalidate_model(["quantity", "reserved_quantity"])
        mappings = (
            self.env["chain.channel.product"]
            .sudo()
            .search([("product_id", "in", products.ids), ("channel_id.active", "=", True)])
        )
        channels = self.env["chain.channel"].sudo().search([("id", "in", mappings.channel_id.ids)])
        offering = defaultdict(set)
        for mapping in mappings:
            offering[mapping.product_id.id].add(mapping.channel_id.id)
        stores = {channel.id: channel.store_ids.filtered("warehouse_id").ids for channel in channels}
        sellable = products._chain_sellable_qty(channels.store_ids.filtered("warehouse_id"))
        by_product = defaultdict(dict)
        for (product_id, store_id), qty in sellable.items():
            by_product[product_id][store_id] = qty
        pending = self._chain_pending_qty(channels, products)
        existing = {
            (row.channel_id.id, row.product_id.id): row
            for row in ledger.search([("product_id", "in", products.ids), ("channel_id", "in", channels.ids)])
        }
        to_create, kept = [], []
        now = fields.Datetime.now()
        for product in products:
            ordered = channels.filtered(lambda c, p=product: c.id in offering[p.id])
            if not ordered:
                continue
            rows = [
                (
                    channel.id,
                    stores[channel.id],
                    pending.get((channel.id, product.id), 0.0),
                    dict(channel._allocation_params(), exclusive=channel.stock_exclusive),
                )
                for channel in ordered
            ]
            union = {store for channel in ordered for store in stores[channel.id]}
            pool_sellable = sum(by_product[product.id].get(store, 0.0) for store in union)
            _pool, allocated = allocation.pool_split(by_product[product.id], rows)
            for channel in ordered:
                vals = {
                    "sellable_qty": pool_sellable,
                    "pending_qty": pending.get((channel.id, product.id), 0.0),
                    "allocated_qty": allocated[channel.id],
                }
                row = existing.get((channel.id, product.id))
                if row:
                    if row.allocated_qty != vals["allocated_qty"]:
                        vals["version"] = row.version + 1
                    if any(row[name] != value for name, value in vals.items()):
                        row.write(dict(vals, changed_at=now))
                    kept.append(row.id)
                else:
                    to_create.append(dict(vals, channel_id=channel.id, product_id=product.id, changed_at=now))
        result = ledger.browse(kept)
        if to_create:
            result |= ledger.create(to_create)
        # a channel archived or no longer offering the product keeps no allocation
        ledger.search([("product_id", "in", products.ids), ("id", "not in", result.ids)]).unlink()
        return result

    @api.model
    def _chain_allocate(self, products):
        """Recompute the ledger of ``products`` and queue a stock update for every channel
        whose allocation differs from the quantity it was last sent. Returns the ledger rows."""
        rows = self._chain_recompute(products)
        # sudo: the outbox is written by the system for every channel (see stock.move)
        outbox = self.env["chain.channel.outbox"].sudo()
        sent = {
            (row.channel_id.id, row.product_id.id): row
            for row in outbox.search([("product_id", "in", products.ids), ("channel_id", "in", rows.channel_id.ids)])
        }
        stale = rows.filtered(
            lambda r: (r.channel_id.id, r.product_id.id) not in sent
            or (sent[(r.channel_id.id, r.product_id.id)].state != "pending"
                and sent[(r.channel_id.id, r.product_id.id)].last_qty != r.allocated_qty)
        )  # fmt: skip
        self._chain_queue(stale.channel_id, stale.product_id, only=stale)
        return rows

    @api.model
    def _chain_queue(self, channels, products, only=None):
        """Mark the stock update of each (channel, product) pending, creating it if needed.

        ``only`` (ledger rows) restricts the pairs to those of the rows.
        """
        pairs = {(r.channel_id.id, r.product_id.id) for r in only} if only is not None else None
        mappings = (
            self.env["chain.channel.product"]
            .sudo()
            .search([("channel_id", "in", channels.ids), ("product_id", "in", products.ids)])
        )
        # sudo: the outbox is written by the system for every channel (see stock.move)
        outbox = self.env["chain.channel.outbox"].sudo()
        now = fields.Datetime.now()
        existing = {
            (row.channel_id.id, row.product_id.id): row
            for row in outbox.search([("channel_id", "in", channels.ids), ("product_id", "in", products.ids)])
        }
        done = set()
        for mapping in mappings:
            key = (mapping.channel_id.id, mapping.product_id.id)
            if key in done or (pairs is not None and key not in pairs):
                continue
            done.add(key)
            row = existing.get(key)
            if row:
                row.write(
                    {"state": "pending", "version": row.version + 1, "sku": mapping.sku, "attempts": 0,
                     "next_try": now, "error": False}
                )  # fmt: skip
            else:
                outbox.create({"channel_id": key[0], "product_id": key[1], "sku": mapping.sku})


class ChainChannel(models.Model):
    _name = "chain.channel"
    _inherit = ["chain.channel", "mail.activity.mixin"]
    _chain_guarded_fields = {}  # stock policy: channel managers; reconciliation figures by the hourly job

    stock_exclusive = fields.Boolean(
        string="Exclusive Pool",
        help="This channel's share is set aside first; the other channels offering the same products "
        "share what is left.",
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Channel Manager",
        domain=[("share", "=", False)],
        help="Receives this channel's to-dos (stock that differs on the platform, orders to check); "
        "empty: the first user of the Channel Manager group.",
    )
    stock_reconcile_tolerance = fields.Integer(
        string="Stock Drift Tolerance",
        default=2,
        help="Units a platform's quantity may differ from the allocation and be corrected silently; "
        "a larger difference is also given to the channel manager as a to-do.",
    )
    stock_reconciled_at = fields.Datetime(string="Stock Last Reconciled", readonly=True, copy=False)
    stock_reconcile_checked = fields.Integer(string="SKUs Checked", readonly=True, copy=False)
    stock_reconcile_healed = fields.Integer(string="SKUs Corrected", readonly=True, copy=False)
    stock_reconcile_alerted = fields.Integer(string="SKUs Over Tolerance", readonly=True, copy=False)
    stock_reconcile_error = fields.Char(string="Reconciliation Error", readonly=True, copy=False)

    @api.constrains("stock_reconcile_tolerance")
    def _check_stock_reconcile_tolerance(self):
        for channel in self:
            if channel.stock_reconcile_tolerance < 0:
                raise ValidationError(_("The stock drift tolerance of channel %s cannot be negative.", channel.name))

    @api.model
    def _chain_reconcile_stock_cron(self):
        """Cron: reconcile the stock of every active channel."""
        self.search([("active", "=", True)])._chain_reconcile_stock()
        return True

    def action_reconcile_stock(self):
        """Compare the platform's quantities with the allocations now."""
        self._chain_reconcile_stock()
        return True

    def _chain_reconcile_stock(self):
        """Compare each channel's allocations with the platform's quantities, per mapped SKU.

        Drift within ``stock_reconcile_tolerance`` is corrected by queuing a stock update; a larger
        drift (or a SKU unknown to the platform) is queued too and listed in one to-do for the
        channel manager. SKUs with an update on its way are not compared. A channel whose
        adapter cannot read stock is skipped; a platform error is recorded on the channel and
        the other channels go on.
        """
        for channel in self:
            try:
                with self.env.cr.savepoint():
                    channel._chain_reconcile_stock_one()
            except NotImplementedError:
                continue
            except Exception as error:  # a platform failure must not stop the other channels
                reason = getattr(error, "reason", None) or str(error)[:300] or type(error).__name__
                _logger.warning("Channel %s: stock reconciliation failed: %s", channel.id, reason)
                channel.write(
                    {
                        "stock_reconciled_at": fields.Datetime.now(),
                        "stock_reconcile_error": _("The platform's stock could not be read: %s", reason),
                    }
                )

    def _chain_reconcile_stock_one(self):
        self.ensure_one()
        # sudo: the mappings and update rows are read for the system's comparison
        mappings = self.sudo().product_ids
        skus = sorted({mapping.sku for mapping in mappings})
        platform = self._chain_fetch_stock(skus)
        Ledger = self.env["chain.channel.allocation"]
        products = mappings.product_id
        ledger = {row.product_id.id: row for row in Ledger.sudo().search([("channel_id", "=", self.id)])}
        missing = products.filtered(lambda p: p.id not in ledger)
        if missing:
            for row in Ledger._chain_allocate(missing).filtered(lambda r: r.channel_id == self):
                ledger[row.product_id.id] = row
        pending = set(
            self.env["chain.channel.outbox"]
            .sudo()
            .search([("channel_id", "=", self.id), ("state", "=", "pending")])
            .product_id.ids
        )
        expected, product_of = {}, {}
        for mapping in mappings:
            row = ledger.get(mapping.product_id.id)
            if row and mapping.product_id.id not in pending:
                expected[mapping.sku] = row.allocated_qty
                product_of[mapping.sku] = mapping.product_id
        drift = allocation.classify_drift(expected, platform, self.stock_reconcile_tolerance)
        now = fields.Datetime.now()
        for sku in expected:
            ledger[product_of[sku].id].write({"platform_qty": platform.get(sku) or 0, "reconciled_at": now})
        wrong = drift["heal"] + drift["alert"]
        if wrong:
            products = self.env["product.product"].union(*(product_of[sku] for sku, _w, _g in wrong))
            Ledger._chain_queue(self, products)
        if drift["alert"]:
            self._chain_drift_activity(drift["alert"])
        self.write(
            {
                "stock_reconciled_at": now,
                "stock_reconcile_checked": len(expected),
                "stock_reconcile_healed": len(drift["heal"]),
                "stock_reconcile_alerted": len(drift["alert"]),
                "stock_reconcile_error": False,
            }
        )
        return drift

    def _chain_fetch_stock(self, skus):
        """``{sku: qty}`` of the platform, asked in the adapter's batches at the pushes' pace.

        Raises ``NotImplementedError`` when the adapter cannot read stock; a rate-limited batch
        is asked once more after the wait the platform gave (at most 10 s).
        """
        adapter = self._adapter()
        if not hasattr(adapter, "fetch_stock"):  # an adapter older than the stock contract
            raise NotImplementedError
        size = max(1, int(adapter.max_push_batch(self) or 1))
        pause = 1.0 / max(0.1, float(adapter.rate_limit(self) or 1.0) * (self.push_rate_share or 1.0))
        stock = {}
        for start in range(0, len(skus), size):
            if start:
                time.sleep(pause)  # the platform's published rate
            batch = skus[start : start + size]
            try:
                answer = adapter.fetch_stock(self, batch)
            except ChannelRateLimited as error:
                time.sleep(min(10.0, max(pause, error.retry_after)))
                answer = adapter.fetch_stock(self, batch)
            stock.update({str(sku): qty for sku, qty in (answer or {}).items()})
        return stock

    def _chain_stock_drift_user(self):
        """Who gets the stock drift to-do: the channel's manager, else the first channel manager."""
        if self.manager_id:
            return self.manager_id
        users = self.env.ref(MANAGER).users.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
        return users.sorted("id")[:1]

    def _chain_drift_activity(self, alerts):
        """One open to-do per channel lists the SKUs over tolerance (the first 20)."""
        self.ensure_one()
        summary = _("Stock differs on the platform")
        items = Markup("").join(
            Markup("<li>%s</li>")
            % _(
                "SKU %(sku)s: %(expected)s allocated, %(platform)s on the platform",
                sku=sku,
                expected=expected,
                platform=_("not found") if platform is None else platform,
            )
            for sku, expected, platform in alerts[:MAX_LISTED_SKUS]
        )
        more = len(alerts) - MAX_LISTED_SKUS
        tail = Markup("<p>%s</p>") % _("... and %s more SKUs.", more) if more > 0 else Markup("")
        intro = _("The correct quantities are being sent again; check why the platform's stock changed.")
        note = Markup("<p>%s</p><ul>%s</ul>%s") % (intro, items, tail)
        user = self._chain_stock_drift_user()
        if not user:
            _logger.warning("Channel %s: stock drift and no channel manager to tell", self.id)
            return self.env["mail.activity"]
        todo = self.env.ref("mail.mail_activity_data_todo")
        activity = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "=", self.id),
                ("activity_type_id", "=", todo.id),
                ("summary", "=", summary),
                ("user_id", "=", user.id),
            ],
            limit=1,
        )
        if activity:
            activity.write({"note": note, "date_deadline": fields.Date.context_today(self)})
        else:
            activity = self.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, note=note, user_id=user.id
            )
        return activity
