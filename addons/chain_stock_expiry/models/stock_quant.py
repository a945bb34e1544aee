import time
from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

# A cron batch stops taking new warehouses after this many seconds (each batch stays under 30 s).
QUARANTINE_BATCH_SECONDS = 20
# Warehouses are moved together until their quants reach this many (one create and one
# validation for all their transfers).
QUARANTINE_CHUNK_QUANTS = 1000


class StockQuant(models.Model):
    _inherit = "stock.quant"
    _chain_guarded_fields = {}  # no field of its own

    # -- never reserve what may not be sold ---------------------------------

    def _chain_unsellable(self, now=None):
        """The quants of ``self`` that may not be reserved or sold: in quarantine, blocked lot,
        or past the lot's removal date."""
        now = now or fields.Datetime.now()
        return self.filtered(
            lambda q: (
                q.location_id.chain_quarantine or q.lot_id.chain_blocked or (q.removal_date and q.removal_date <= now)
            )
        )

    @api.model
    def _chain_unsellable_domain(self, now=None):
        """Domain of the quants that may not be reserved or sold (see ``_chain_unsellable``)."""
        return [
            "|",
            "|",
            ("location_id.chain_quarantine", "=", True),
            ("lot_id.chain_blocked", "=", True),
            ("removal_date", "<=", now or fields.Datetime.now()),
        ]

    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None, strict=False, qty=0):
        quants = super()._gather(product_id, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id,
                                 strict=strict, qty=qty)  # fmt: skip
        if self.env.context.get("chain_reserving"):
            quants -= quants._chain_unsellable()
        return quants

    @api.model
    def _get_reserve_quantity(self, product_id, location_id, quantity, product_packaging_id=None, uom_id=None,
                              lot_id=None, package_id=None, owner_id=None, strict=False):  # fmt: skip
        # ``chain_reserve_any``: the goods already left (a POS sale of a given lot), record it as it was
        reserving = quantity > 0 and not self.env.context.get("chain_reserve_any")
        quants = self.with_context(chain_reserving=True) if reserving else self
        return super(StockQuant, quants)._get_reserve_quantity(
            product_id, location_id, quantity, product_packaging_id=product_packaging_id, uom_id=uom_id,
            lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict,
        )  # fmt: skip

    @api.model
    def _get_quants_by_products_locations(self, product_ids, location_ids, extra_domain=False):
        if self.env.context.get("chain_skip_quants_cache"):
            return defaultdict(lambda: self.env["stock.quant"])  # see stock.move.line._action_done
        return super()._get_quants_by_products_locations(product_ids, location_ids, extra_domain=extra_domain)

    # -- quarantine ----------------------------------------------------------

    def _chain_move_to_quarantine(self, reason):
        """Move the quants in ``self`` to their warehouse's quarantine location.

        One validated internal transfer per warehouse, one move line per quant:
        lots, packages and quantities are kept. Quants already in quarantine, empty
        or outside a store warehouse are ignored, so running it twice moves nothing
        twice. The transfers of all warehouses are created and validated together (the
        ORM's batches). Returns the transfers.
        """
        quants = self.filtered(
            lambda q: (
                q.quantity > 0
                and not q.location_id.chain_quarantine
                and q.location_id.usage == "internal"
                and q.location_id.warehouse_id.chain_store_id
            )
        )
        if not quants:
            return self.env["stock.picking"]
        by_warehouse = quants.grouped(lambda quant: quant.location_id.warehouse_id)
        quarantines = {warehouse: warehouse._chain_quarantine_location() for warehouse in by_warehouse}
        # Unreserve first: a reservation on expired stock must not block the move (and it will be
        # served again, from sellable stock, by the next reservation run).
        moves_to_reassign = quants._chain_reserving_moves()
        moves_to_reassign._do_unreserve()
        name = self.env._("Quarantine: %s", reason)
        pickings = (
            self.env["stock.picking"]
            .with_context(tracking_disable=True)
            .create(
                [
                    {
                        "picking_type_id": warehouse.int_type_id.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": quarantines[warehouse].id,
                        "origin": reason,
                        "move_ids": [
                            Command.create(
                                {
                                    "name": name,
                                    "product_id": product.id,
                                    "product_uom": product.uom_id.id,
                                    "product_uom_qty": sum(product_quants.mapped("quantity")),
                                    "location_id": warehouse.lot_stock_id.id,
                                    "location_dest_id": quarantines[warehouse].id,
                                    "picked": True,
                                    # its move lines (below) are the very quants it moves: nothing
                                    # to confirm (merge, procurement) nor reserve
                                    "state": "assigned",
                                }
                            )
                            for product, product_quants in wh_quants.grouped("product_id").items()
                        ],
                    }
                    for warehouse, wh_quants in by_warehouse.items()
                ]
            )
        )
        # The quants themselves are moved, whole and unreserved: reserving them first (what a
        # move line normally does) would only be undone at validation, at twice the cost.
        pickings = pickings.with_context(chain_bypass_reservation_move_ids=tuple(pickings.move_ids.ids))
        picking_by_warehouse = dict(zip(by_warehouse, pickings, strict=True))
        move_by_key = {(move.picking_id, move.product_id): move for move in pickings.move_ids}
        lines_vals = []
        for warehouse, wh_quants in by_warehouse.items():
            picking = picking_by_warehouse[warehouse]
            lines_vals += [
                {
                    "move_id": move_by_key[picking, quant.product_id].id,
                    "picking_id": picking.id,
                    "product_id": quant.product_id.id,
                    "product_uom_id": quant.product_id.uom_id.id,
                    "location_id": quant.location_id.id,
                    "location_dest_id": quarantines[warehouse].id,
                    "lot_id": quant.lot_id.id,
                    "package_id": quant.package_id.id,
                    "result_package_id": quant.package_id.id,
                    "owner_id": quant.owner_id.id,
                    "quantity": quant.quantity,
                    "picked": True,
                }
                for quant in wh_quants
            ]
        lines = pickings.env["stock.move.line"].create(lines_vals)
        # the quants move whole: relocate them in bulk, and let _action_done do the rest
        # (states, dates, ledger, other modules' hooks) without its per-line quant bookkeeping
        # (a quant still reserved by something else, or being counted, is left to Odoo's bookkeeping:
        # its reservation or count stays where it is)
        ordered = [quant for wh_quants in by_warehouse.values() for quant in wh_quants]
        whole = [
            (quant, line)
            for quant, line in zip(ordered, lines, strict=True)
            if not quant.reserved_quantity and not quant.inventory_quantity_set
        ]
        if self.env.context.get("chain_quarantine_standard"):
            whole = []  # Odoo's own per-line quant bookkeeping (the benchmark's baseline)
        relocated = self.browse([quant.id for quant, __ in whole])
        for warehouse, wh_relocated in relocated.grouped(lambda quant: quant.location_id.warehouse_id).items():
            wh_relocated._chain_relocate(quarantines[warehouse])
        relocated_line_ids = frozenset(line.id for __, line in whole)
        pickings.with_context(skip_expired=True, chain_relocated_line_ids=relocated_line_ids)._action_done()
        pickings = pickings.with_context(chain_bypass_reservation_move_ids=())
        not_done = pickings.filtered(lambda picking: picking.state != "done")
        if not_done:
            raise UserError(_("The quarantine transfer %s could not be completed.", not_done[0].name))
        moves_to_reassign._action_assign()
        return pickings

    def _chain_reserving_moves(self):
        """The moves holding a reservation on the quants of ``self``."""
        reserved_quants = self.filtered("reserved_quantity")
        if not reserved_quants:
            return self.env["stock.move"]
        reserved = self.env["stock.move.line"].search(
            [
                ("state", "not in", ("done", "cancel")),
                ("product_id", "in", reserved_quants.product_id.ids),
                ("location_id", "in", reserved_quants.location_id.ids),
                ("lot_id", "in", reserved_quants.lot_id.ids),
            ]
        )
        keys = {(q.product_id, q.location_id, q.lot_id, q.package_id, q.owner_id) for q in reserved_quants}
        return reserved.filtered(
            lambda ml: (ml.product_id, ml.location_id, ml.lot_id, ml.package_id, ml.owner_id) in keys
        ).move_id

    def _chain_relocate(self, destination):
        """Move the whole, unreserved quants of ``self`` to ``destination``: a quant whose product,
        lot, package and owner are already there adds its quantity to that quant; any other quant
        changes location. What Odoo's per-line bookkeeping would give, in a few queries."""
        # sudo: quants are the stock engine's records; the caller's right to move them was checked
        quants = self.sudo()
        there = quants.search([("location_id", "=", destination.id), ("product_id", "in", quants.product_id.ids)])
        by_key = {(q.product_id.id, q.lot_id.id, q.package_id.id, q.owner_id.id): q for q in there}
        relocated, merged = quants.browse(), quants.browse()
        for quant in quants:
            key = (quant.product_id.id, quant.lot_id.id, quant.package_id.id, quant.owner_id.id)
            target = by_key.get(key)
            if target:
                target.write(
                    {"quantity": target.quantity + quant.quantity, "in_date": min(target.in_date, quant.in_date)}
                )
                merged |= quant
            else:
                relocated |= quant
                by_key[key] = quant
        relocated.write({"location_id": destination.id})
        # what depends on where a quantity is (the lot's single location) follows, as it would
        # after Odoo's quantity updates
        relocated.modified(["quantity"])
        # emptied quants are left to Odoo's quant cleanup (stock.quant._quant_tasks), as its own
        # quantity updates leave them
        merged.write({"quantity": 0})

    @api.model
    def _chain_quarantine_domain(self, now=None):
        """Quants the daily job moves: in a store warehouse, outside quarantine, past removal."""
        return [
            ("quantity", ">", 0),
            ("location_id.usage", "=", "internal"),
            ("location_id.chain_quarantine", "=", False),
            ("location_id.warehouse_id.chain_store_id", "!=", False),
            ("removal_date", "<=", now or fields.Datetime.now()),
        ]

    @api.model
    def _chain_cron_quarantine(self, batch_seconds=QUARANTINE_BATCH_SECONDS, chunk_quants=QUARANTINE_CHUNK_QUANTS):
        """Daily job: move stock past its removal date to quarantine, one transfer per store.

        Works by chunks of warehouses (``chunk_quants`` quants or more) and stops taking new
        ones after ``batch_seconds``;
        it then reports its progress to the cron (``_notify_progress``), which commits and
        calls it again for the rest. A warehouse that fails is logged in its store's chatter
        and skipped: it never stops the others.
        """
        started = time.monotonic()
        now = fields.Datetime.now()
        # one search for every store (a search per warehouse costs a scan of the quants each time)
        by_warehouse = self.search(self._chain_quarantine_domain(now)).grouped(
            lambda quant: quant.location_id.warehouse_id
        )
        warehouses = sorted(by_warehouse, key=lambda warehouse: warehouse.id)
        chunks, chunk, size = [], [], 0
        for warehouse in warehouses:
            chunk.append(warehouse)
            size += len(by_warehouse[warehouse])
            if size >= chunk_quants:
                chunks.append(chunk)
                chunk, size = [], 0
        if chunk:
            chunks.append(chunk)
        reason = _("past removal date")
        done = 0
        for chunk in chunks:
            if done and time.monotonic() - started > batch_seconds:
                break
            try:
                with self.env.cr.savepoint():
                    self.browse().union(*(by_warehouse[w] for w in chunk))._chain_move_to_quarantine(reason)
            except UserError:
                # one warehouse failed: move the others one by one, and tell the failing store
                for warehouse in chunk:
                    try:
                        with self.env.cr.savepoint():
                            by_warehouse[warehouse]._chain_move_to_quarantine(reason)
                    except UserError as error:
                        warehouse.chain_store_id.message_post(
                            body=_("Expired stock could not be quarantined: %s", error)
                        )
            done += len(chunk)
        self.env["ir.cron"]._notify_progress(done=done, remaining=len(warehouses) - done)
        return done

    # -- write-off -------------------------------------------------------------

    def action_chain_scrap_expired(self):
        """Write the quarantined quants in ``self`` off as expired goods.

        Each becomes a scrap into the company's expired-goods location, so that
        ``stock_account`` values it and, with automated valuation, posts it on that
        location's write-off account.
        """
        if not self.env.su and not self.env.user.has_group("chain_stock_expiry.group_chain_expiry_manager"):
            raise AccessError(_("Only an expiry control manager can write off quarantined stock."))
        quants = self.filtered(lambda q: q.location_id.chain_quarantine and q.quantity > 0)
        if not quants:
            raise UserError(_("Select stock in quarantine to write off."))
        location = self.env.ref("chain_stock_expiry.stock_location_expired_writeoff")
        scraps = self.env["stock.scrap"].create(
            [
                {
                    "product_id": quant.product_id.id,
                    "product_uom_id": quant.product_id.uom_id.id,
                    "lot_id": quant.lot_id.id,
                    "package_id": quant.package_id.id,
                    "owner_id": quant.owner_id.id,
                    "scrap_qty": quant.quantity,
                    "location_id": quant.location_id.id,
                    "scrap_location_id": location.id,
                    "company_id": quant.company_id.id,
                    "origin": self.env._("Expired"),
                }
                for quant in quants
            ]
        )
        for scrap in scraps:
            scrap.do_scrap()
        return scraps
