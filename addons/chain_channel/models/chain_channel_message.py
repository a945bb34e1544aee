# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import json
import logging
from collections import defaultdict

from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from ..lib import generic, payload
from ..lib.errors import ChannelPayloadError

_logger = logging.getLogger(__name__)

CREATE_EVENTS = ("order_created", "order_paid")
CANCEL_EVENTS = ("order_cancelled", "refund_requested")
# a channel order is made by the system: no "created" note, no tracking, and its buyer follows
# nothing (the platform talks to its buyers; Odoo must not mail them about the order)
IMPORT_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "chain_channel_import": True,
}


class ChainChannelMessage(models.Model):
    """One message of a channel, stored once (unique key per channel), processed by a job."""

    _name = "chain.channel.message"
    _description = "Channel Message"
    _order = "id desc"
    _rec_name = "key"
    # what became of a platform message: only its processing (and a manager's Retry) decides
    _chain_guarded_fields = {
        "state": ("action_retry", "_chain_process", "_chain_process_batch", "_chain_set_aside_unreadable"),
        "attempts": ("action_retry", "_chain_process", "_chain_process_batch", "_chain_set_aside_unreadable"),
        "sale_order_id": ("action_retry", "_chain_process", "_chain_process_batch"),
    }

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True, readonly=True)
    key = fields.Char(required=True, readonly=True)
    event = fields.Char(readonly=True)
    platform_order_id = fields.Char(string="Platform Order", index=True, readonly=True)
    raw_body = fields.Text(readonly=True)
    normalized = fields.Text(readonly=True)
    state = fields.Selection(
        [("received", "Received"), ("done", "Done"), ("attention", "Needs Attention"), ("failed", "Failed")],
        default="received",
        required=True,
        index=True,
        readonly=True,
    )
    reason = fields.Text(readonly=True)
    attempts = fields.Integer(readonly=True)
    sale_order_id = fields.Many2one("sale.order", readonly=True, index="btree_not_null")
    unknown_skus = fields.Char(
        string="Unknown SKUs", readonly=True, help="SKUs of the order not mapped on the channel."
    )

    _sql_constraints = [("channel_key_uniq", "unique(channel_id, key)", "A channel message is stored once.")]

    # ------------------------------------------------------------------ intake
    @api.model
    def _chain_ingest(self, channel, messages, raw_body):
        """Store the new ``messages`` (a redelivery is ignored) and make sure a job of the
        channel's inbox will read them (``chain.channel._chain_inbox_enqueue``)."""
        new_ids, refused_ids = [], []
        raw_text = raw_body.decode("utf-8", "replace") if isinstance(raw_body, bytes) else str(raw_body)
        raw_text = raw_text.replace("\x00", "\\u0000")  # a text column refuses NUL; the body is kept
        for message in messages:
            reason = self._chain_refusal(message)
            try:
                # a savepoint: a twin delivery committed since this transaction began makes the
                # insert fail to serialize; the message is stored already, which is all we need
                with self.env.cr.savepoint(flush=False):
                    row = self._chain_insert(channel, message, raw_text, refused=reason)
            except errors.SerializationFailure:
                row = None
            if row:
                (refused_ids if reason else new_ids).append(row[0])
        records = self.browse(new_ids)
        if records:
            channel._chain_inbox_enqueue()
        return records | self.browse(refused_ids)

    @api.model
    def _chain_refusal(self, message):
        """Why ``message`` (normalized) cannot be stored and processed as it is, translated; or
        False. Such a message is stored in attention with this reason (``_chain_insert``)."""
        if message.get("unreadable"):  # the adapter could tell the message apart, not read it
            return _("The message cannot be read: %s", payload.printable(message["unreadable"], 300))
        problem = payload.refusal(message)
        if not problem:
            return False
        code, field = problem
        reasons = {
            "type": _("Its %s is not text.", field),
            "length": _("Its %s is too long.", field),
            "nul": _("Its %s holds a NUL character, which the database cannot store.", field),
            "depth": _("Its %s is nested too deep.", field),
        }
        return _("The message cannot be read: %s", reasons[code])

    def _chain_insert(self, channel, message, raw_text, refused=False):
        """Insert ``message`` unless the channel has its key; its new id in a tuple, or None.

        ``refused`` (a reason): the message is stored in attention, never processed, with what
        can be read of it shown as text, and a key made from its content (a redelivery is
        stored once)."""
        state, normalized = "received", message
        if refused:
            state = "attention"
            normalized = {name: payload.printable(message.get(name)) for name in ("key", "event", "platform_order_id")}
            key = message.get("key")
            if not isinstance(key, str) or "\x00" in key or len(key) > payload.MAX_KEY - 10:
                key = hashlib.sha256(repr(sorted(normalized.items())).encode() + raw_text.encode()).hexdigest()
            message = dict(normalized, key=f"refused:{key}", event=normalized["event"][: payload.MAX_EVENT])
            normalized["unreadable"] = refused  # a retry finds it unreadable again
        self.env.cr.execute(
            SQL(
                "INSERT INTO chain_channel_message (channel_id, key, event, platform_order_id, raw_body,"
                " normalized, state, reason, attempts, create_uid, write_uid, create_date, write_date)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 0, %s, %s,"
                " now() at time zone 'UTC', now() at time zone 'UTC')"
                " ON CONFLICT (channel_id, key) DO NOTHING RETURNING id",
                channel.id,
                str(message["key"])[:500],
                message.get("event") or None,
                message.get("platform_order_id") or None,
                raw_text,
                json.dumps(normalized, default=str, ensure_ascii=False),
                state,
                refused or None,
                self.env.uid,
                self.env.uid,
            ),
            log_exceptions=False,  # a twin's serialization failure is expected, not an error
        )
        return self.env.cr.fetchone()

    @api.model
    def _chain_claim(self, channel, limit):
        """Up to ``limit`` received messages of ``channel``, oldest first, locked for this
        transaction; those another job holds are skipped (it processes them)."""
        self.flush_model(["state"])  # the messages this transaction processed are no longer received
        self.env.cr.execute(
            SQL(
                "SELECT id FROM chain_channel_message WHERE channel_id = %s AND state = 'received'"
                " ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED",
                channel.id,
                limit,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    # ------------------------------------------------------------------ processing
    def _chain_process(self):
        """Apply each message; an error leaves it in attention with the reason, never raises.

        Except a concurrency error of PostgreSQL (another job reserved the same stock since this
        transaction began): it is raised again, so that queue_job runs the job once more in a new
        transaction; the message stays received and its order is not lost.

        The new orders of several messages are made together (``_chain_process_batch``); the
        other messages (cancellations, an order's later events, a batch that failed) are then
        applied one at a time, in the order they arrived.
        """
        todo = self.filtered(lambda m: m.state != "done").sorted("id")
        todo -= todo._chain_set_aside_unreadable()
        if len(todo) > 1:
            todo -= todo._chain_process_batches()
        for message in todo:
            if message.state == "done":
                continue
            try:
                with self.env.cr.savepoint():
                    state, reason, order = message._chain_apply()
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                raise  # queue_job retries the job (its controller, or the bench's runner)
            except errors.UniqueViolation as error:
                raise self._chain_twin_order(error) from error
            except ChannelPayloadError as error:
                state, reason, order = "attention", _("The message cannot be read: %s", error.reason), False
            except Exception as error:  # one bad message must not stop the queue
                _logger.exception("Channel message %s failed", message.id)
                state, reason, order = "failed", _("Unexpected error: %s", payload.printable(str(error), 300)), False
            vals = {"state": state, "reason": reason or False, "attempts": message.attempts + 1}
            if order:
                vals["sale_order_id"] = order.id
            message.write(vals)
        return True

    def _chain_set_aside_unreadable(self):
        """The messages stored before the intake's checks (``_chain_refusal``) that fail them,
        set in attention with the reason: a NUL character in a SKU made every batch of its
        channel fail, and the inbox stalled behind it."""
        unreadable = self.browse()
        for message in self:
            try:
                data = json.loads(message.normalized or "{}")
            except (ValueError, RecursionError):
                data = None
            reason = self._chain_refusal(data) if isinstance(data, dict) else _("The message cannot be read.")
            if reason:
                reason = message.reason if message.state == "attention" and message.reason else reason
                message.write({"state": "attention", "reason": reason, "attempts": message.attempts + 1})
                unreadable |= message
        return unreadable

    def _chain_process_batches(self):
        """Make the new orders of these messages by batches (``_chain_process_batch``, one per
        channel); the messages handled. A poison message is isolated: if the batches fail for
        any reason (other than a concurrency error, which queue_job retries), nothing of them
        is kept and every message is applied on its own by the caller, where it gets its own
        outcome; the rest of the inbox goes on."""
        # imported here: the addon's lib tests import this package without Odoo's addons path
        from odoo.addons.queue_job.exception import RetryableJobError

        handled = self.browse()
        # not flushed when it ends: the messages' rows are written at commit, so that their
        # redeliveries never wait for the batch (see ``_chain_order_vals``); when it fails, what
        # it wrote is dropped with the cache (flushed first, nothing else is dropped)
        self.env.flush_all()
        try:
            with self.env.cr.savepoint(flush=False):
                batchable = self._chain_batchable()
                for channel in batchable.channel_id:
                    handled |= batchable.filtered(lambda m, c=channel: m.channel_id == c)._chain_process_batch()
        except (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, RetryableJobError):
            raise
        except Exception:  # the poison is found one message at a time
            self.env.cr.clear()
            _logger.warning("Channel messages %s: batches failed, applied one at a time", self.ids, exc_info=True)
            return self.browse()
        return handled

    def _chain_batchable(self):
        """The messages that each create a new order: the first order event of a platform order
        that has no order yet."""
        creates = self.filtered(lambda m: m.event in CREATE_EVENTS and m.platform_order_id)
        if not creates:
            return creates
        existing = self.env["sale.order"].search_fetch(
            [
                ("chain_channel_id", "in", creates.channel_id.ids),
                ("chain_platform_order_id", "in", list(set(creates.mapped("platform_order_id")))),
            ],
            ["chain_channel_id", "chain_platform_order_id"],
        )
        seen = {(order.chain_channel_id.id, order.chain_platform_order_id) for order in existing}
        batch = self.browse()
        for message in creates:
            key = (message.channel_id.id, message.platform_order_id)
            if key not in seen:
                seen.add(key)
                batch |= message
        return batch

    def _chain_process_batch(self):
        """Make the new orders of these messages together: each message is read, mapped and
        routed on its own (a bad one is set aside with its reason), then the orders are created
        in one call and the paid ones confirmed in one call, which reserves their stock under
        the products' locks at once. Returns the messages handled; if the batch fails, none
        (the caller applies them one at a time and each gets its own outcome)."""
        handled = self.browse()
        prepared = []
        taken = defaultdict(float)  # what the orders before in this batch take from each store
        prefetch = self._chain_batch_prefetch()
        for message in self:
            try:
                with self.env.cr.savepoint():
                    vals, reason = message._chain_order_vals(
                        json.loads(message.normalized or "{}"), taken, prefetch=prefetch
                    )
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                raise
            except ChannelPayloadError as error:
                vals, reason = None, _("The message cannot be read: %s", error.reason)
            except Exception:  # this message goes the one-at-a-time way, where its error is recorded
                _logger.warning("Channel message %s cannot join the batch", message.id, exc_info=True)
                continue
            if vals is None:
                reason = message.reason if message.state == "attention" and message.reason else reason
                message.write({"state": "attention", "reason": reason, "attempts": message.attempts + 1})
            else:
                prepared.append((message, vals))
            handled |= message
        if not prepared:
            return handled
        channel = prepared[0][0].channel_id
        try:
            with self.env.cr.savepoint():
                orders = self._chain_make_orders(
                    channel, [vals for _m, vals in prepared], [m.event == "order_paid" for m, _vals in prepared]
                )
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise
        except errors.UniqueViolation as error:
            raise self._chain_twin_order(error) from error
        except Exception:  # one at a time instead: each message gets its own outcome
            _logger.warning("Channel messages %s: batch failed, applied one at a time", self.ids, exc_info=True)
            return handled - self.browse([message.id for message, _vals in prepared])
        for order, (message, _vals) in zip(orders, prepared, strict=True):
            message.write(
                {"state": "done", "reason": False, "attempts": message.attempts + 1, "sale_order_id": order.id}
            )
        return handled

    def _chain_batch_prefetch(self):
        """What the orders of a batch (messages of one channel) look up, read once for all: the
        channel's products of their SKUs, and the sellable stock of those products in the
        channel's stores. A message that cannot be read is left out here (its own processing
        records why)."""
        channel = self.channel_id
        skus = set()
        for message in self:
            try:
                skus.update(
                    sku
                    for sku, _qty, _price in generic.order_lines(json.loads(message.normalized or "{}").get("order"))
                )
            except (ChannelPayloadError, ValueError, TypeError, AttributeError):
                continue
        mapping = self.env["chain.channel.product"].search(
            [("channel_id", "=", channel.id), ("sku", "in", sorted(skus))]
        )
        products = {m.sku: m.product_id for m in mapping}
        stores = channel.store_ids.filtered("warehouse_id")
        return {
            "products": products,
            "sellable": mapping.product_id._chain_sellable_qty(stores),
        }

    def _chain_apply(self):
        self.ensure_one()
        data = json.loads(self.normalized or "{}")
        order = self.env["sale.order"].search(
            [("chain_channel_id", "=", self.channel_id.id), ("chain_platform_order_id", "=", self.platform_order_id)],
            limit=1,
        )
        if self.event in CREATE_EVENTS:
            return self._chain_apply_create(data, order)
        if self.event in CANCEL_EVENTS:
            return self._chain_apply_cancel(order)
        return "done", _("Nothing to do for event %s.", self.event), order

    def _chain_apply_create(self, data, order):
        paid = self.event == "order_paid"
        if order:
            if order.state == "draft" and paid:
                order.with_context(**IMPORT_CONTEXT).action_confirm()
            return "done", False, order
        vals, reason = self._chain_order_vals(data)
        if vals is None:
            return "attention", reason, False
        return "done", False, self._chain_make_orders(self.channel_id, [vals], [paid])

    @api.model
    def _chain_make_orders(self, channel, vals_list, paid):
        """Create the orders of ``vals_list`` for ``channel`` (as the system: see
        ``IMPORT_CONTEXT``) and confirm those whose ``paid`` flag is set, in one call."""
        SaleOrder = self.env["sale.order"].with_company(channel.company_id).with_context(**IMPORT_CONTEXT)
        orders = SaleOrder.create(vals_list)
        orders.browse([order.id for order, flag in zip(orders, paid, strict=True) if flag]).action_confirm()
        return orders

    @api.model
    def _chain_twin_order(self, error):
        """The error to raise when another job made the same platform order since this
        transaction began: queue_job runs the job again, in a transaction that sees that order."""
        # imported here: the addon's lib tests import this package without Odoo's addons path
        from odoo.addons.queue_job.exception import RetryableJobError

        return RetryableJobError(str(error)[:200], seconds=1)

    def _chain_order_vals(self, data, taken=None, prefetch=None):
        """``(vals, False)`` of the order of this message, or ``(None, reason)`` when it needs
        attention (unknown SKU, no store to ship from). ``taken`` (``{(product id, warehouse id):
        qty}``) is what earlier orders of the same batch take: the routing counts it as sold,
        and this order's lines are added to it. ``prefetch`` is the batch's
        ``_chain_batch_prefetch``."""
        channel = self.channel_id
        lines = generic.order_lines(data.get("order"))
        if prefetch is not None:
            products = prefetch["products"]
        else:
            # only the order's SKUs: a channel maps thousands
            mapping = self.env["chain.channel.product"].search(
                [("channel_id", "=", channel.id), ("sku", "in", sorted({sku for sku, _qty, _price in lines}))]
            )
            products = {m.sku: m.product_id for m in mapping}
        unknown = sorted({sku for sku, _qty, _price in lines if sku not in products})
        # written only when it changes: a job that updates a message row early in its batch makes
        # every redelivery of that message wait for the batch to commit (the unique key's check
        # waits for a row being updated), so the webhooks of the platform would queue behind it
        unknown_skus = ",".join(unknown) or False
        if (self.unknown_skus or False) != unknown_skus:
            self.unknown_skus = unknown_skus
        if unknown:
            return None, _("Unknown SKU on this channel: %s", ", ".join(unknown))
        address = generic.address(data.get("order"))
        province = self._chain_province(address)
        product_qtys = [(products[sku], qty) for sku, qty, _price in lines]
        warehouse, route_reason = channel._chain_route(
            product_qtys, province, taken=taken, sellable=prefetch and prefetch["sellable"]
        )
        if not warehouse:
            return None, route_reason
        if taken is not None:
            for product, qty in product_qtys:
                taken[(product.id, warehouse.id)] += qty
        partner = self._chain_partner(address, province)
        vals = {
            "partner_id": partner.id,
            "company_id": channel.company_id.id,
            "warehouse_id": warehouse.id,
            "pricelist_id": channel.pricelist_id.id or False,
            "chain_channel_id": channel.id,
            "chain_platform_order_id": self.platform_order_id,
            "client_order_ref": self.platform_order_id,
            "chain_route_reason": route_reason,
            "order_line": [
                (0, 0, {"product_id": products[sku].id, "product_uom_qty": qty, "price_unit": price})
                for sku, qty, price in lines
            ],
        }
        return vals, False

    def _chain_apply_cancel(self, order):
        if not order:
            return "done", _("No order to cancel for platform order %s.", self.platform_order_id), False
        if order.state == "cancel":
            return "done", False, order
        shipped = order.picking_ids.filtered(lambda p: p.state == "done" and p.picking_type_code == "outgoing")
        if shipped:
            return self._chain_return(order, shipped)
        order._action_cancel()
        return "done", False, order

    def _chain_return(self, order, shipped):
        """After shipping, a cancellation or refund becomes a return of what was shipped, that
        the store receives when the parcel comes back; what was not shipped yet is cancelled."""
        returns = self.env["stock.picking"].search([("return_id", "in", shipped.ids), ("state", "!=", "cancel")])
        if not returns:
            order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel")).action_cancel()
            for picking in shipped:
                wizard = (
                    self.env["stock.return.picking"]
                    .with_context(active_id=picking.id, active_model="stock.picking")
                    .create({"picking_id": picking.id})
                )
                wizard.action_create_returns_all()
            returns = self.env["stock.picking"].search([("return_id", "in", shipped.ids), ("state", "!=", "cancel")])
            for picking in returns:
                picking.message_post(
                    body=_("Return of channel order %(order)s (%(event)s).", order=order.name, event=self.event)
                )
        reason = _(
            "Order %(order)s was already shipped: return %(returns)s waits for the parcel.",
            order=order.name,
            returns=", ".join(returns.mapped("name")),
        )
        return "done", reason, order

    def _chain_province(self, address):
        """The Chinese province of an address, by name (empty when unknown)."""
        state = self.env["res.country.state"]
        if address["state"]:
            state = state.search([("country_id.code", "=", "CN"), ("name", "ilike", address["state"])], limit=1)
        return state

    def _chain_partner(self, address, state=None):
        """The customer of ``address``: an existing partner with its phone, name and street, else a
        new one; ``state`` is the address's province when the caller already looked it up."""
        Partner = self.env["res.partner"]
        state = self._chain_province(address) if state is None else state
        vals = {
            "name": address["name"],
            "phone": address["phone"] or False,
            "street": address["street"],
            "city": address["city"] or False,
            "zip": address["zip"] or False,
            "state_id": state.id or False,
            "country_id": self.env.ref("base.cn").id,
            "company_id": self.channel_id.company_id.id,
        }
        if address["phone"]:
            partner = Partner.search(
                [("phone", "=", address["phone"]), ("name", "=", address["name"]), ("street", "=", address["street"])],
                limit=1,
            )
            if partner:
                return partner
        return Partner.create(vals)

    def action_retry(self):
        """Process again (after fixing the SKU mapping, say)."""
        self.filtered(lambda m: m.state in ("attention", "failed"))._chain_process()
        return True
