import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from ..lib import shelf_life


class StockLot(models.Model):
    _inherit = "stock.lot"

    # Odoo's alert_date is the near-expiry date; the worklist filters on it and sorts by expiry.
    alert_date = fields.Datetime(index=True)
    expiration_date = fields.Datetime(index=True)
    chain_production_date = fields.Date(string="Production Date", tracking=True)
    chain_supplier_id = fields.Many2one("res.partner", string="Supplier", index=True, readonly=True)
    chain_policy_id = fields.Many2one(
        "chain.shelf.life.policy",
        string="Shelf-Life Policy",
        compute="_compute_chain_policy_id",
        store=True,
        readonly=False,
        index=True,
    )
    chain_last_sale_date = fields.Datetime(
        string="Last Sale Date",
        compute="_compute_dates",
        store=True,
        readonly=False,
        help="From this date the lot may no longer be sold.",
    )
    # a copy is another lot: it inherits neither the block nor the short-dated acceptance
    chain_blocked = fields.Boolean(string="Blocked", readonly=True, copy=False, index=True, tracking=True)
    chain_block_reason = fields.Char(string="Block Reason", readonly=True, copy=False)
    chain_blocked_by_id = fields.Many2one("res.users", string="Blocked By", readonly=True, copy=False)
    chain_blocked_date = fields.Datetime(string="Blocked On", readonly=True, copy=False)
    chain_receipt_exception = fields.Text(
        string="Short-Dated Receipt Reason",
        readonly=True,
        copy=False,
        help="Why this lot was accepted with less remaining shelf life than the policy requires.",
    )
    chain_pos_lot_ids = fields.One2many("pos.pack.operation.lot", "chain_lot_id", string="POS Sales")
    chain_pos_order_count = fields.Integer(string="POS Orders", compute="_compute_chain_pos_order_count")

    # A block (a quality hold, a recall) is lifted only by an expiry control manager's Unblock,
    # and a short-dated reason, which lets the lot through the receipt gate, is recorded only by
    # the gate's own paths (see _chain_record_receipt_exception).
    _chain_guarded_fields = {
        "chain_blocked": ("_chain_block", "_chain_unblock"),
        "chain_block_reason": ("_chain_block", "_chain_unblock"),
        "chain_blocked_by_id": ("_chain_block", "_chain_unblock"),
        "chain_blocked_date": ("_chain_block", "_chain_unblock"),
        "chain_receipt_exception": ("_chain_record_receipt_exception",),
    }

    @api.depends("product_id", "chain_supplier_id")
    def _compute_chain_policy_id(self):
        Policy = self.env["chain.shelf.life.policy"]
        for lot in self:
            if lot.product_id:
                lot.chain_policy_id = Policy._chain_find(lot.product_id, lot.chain_supplier_id, lot.company_id)
            else:
                lot.chain_policy_id = False

    @api.depends("product_id", "chain_production_date")
    def _compute_expiration_date(self):
        # Replaces product_expiry's compute, which resets every date it recomputes: a known
        # expiry date is kept, and a printed production date gives expiry = production + life.
        now = fields.Datetime.now()
        for lot in self:
            product = lot.product_id
            if not product.use_expiration_date:
                lot.expiration_date = False
            elif lot.chain_production_date:
                days = lot.chain_policy_id._total_days(product) or 0
                lot.expiration_date = datetime.datetime.combine(
                    shelf_life.expiry_from_production(lot.chain_production_date, days), datetime.time()
                )
            elif not lot.expiration_date:
                lot.expiration_date = now + datetime.timedelta(days=product.expiration_time)

    @api.depends("product_id", "expiration_date", "chain_policy_id", "chain_production_date")
    def _compute_dates(self):
        with_policy = self.filtered(lambda lot: lot.chain_policy_id and lot.expiration_date)
        super(StockLot, self - with_policy)._compute_dates()
        for lot in self - with_policy:
            lot.chain_last_sale_date = False
        for lot in with_policy:
            dates = lot._chain_stage_dates()
            tmpl = lot.product_id.product_tmpl_id
            # a threshold the policy leaves empty keeps Odoo's per-product one
            lot.alert_date = dates["near"] or lot.expiration_date - datetime.timedelta(days=tmpl.alert_time)
            lot.removal_date = dates["removal"] or lot.expiration_date - datetime.timedelta(days=tmpl.removal_time)
            lot.chain_last_sale_date = dates["last_sale"]
            lot.use_date = lot.expiration_date - datetime.timedelta(days=tmpl.use_time)
        return None

    def _chain_total_days(self):
        self.ensure_one()
        return self.chain_policy_id._total_days(self.product_id, self.chain_production_date, self.expiration_date)

    def _chain_stage_dates(self):
        """Dates at which this lot enters each stage of its policy (see ``lib.shelf_life.stage_dates``)."""
        self.ensure_one()
        policy = self.chain_policy_id
        return shelf_life.stage_dates(
            self.expiration_date,
            self._chain_total_days(),
            near=policy._threshold("near"),
            last_sale=policy._threshold("last_sale"),
            removal=policy._threshold("removal"),
        )

    def _chain_stage(self, on=None):
        """Stage of this lot on ``on`` (default now): one of ``lib.shelf_life.STAGES``."""
        self.ensure_one()
        if not self.expiration_date:
            return "ok"
        dates = {"near": self.alert_date, "last_sale": self.chain_last_sale_date, "removal": self.removal_date}
        return shelf_life.stage_on(on or fields.Datetime.now(), self.expiration_date, dates)

    @api.depends("quant_ids", "quant_ids.quantity")
    def _compute_single_location(self):
        # Same result as Odoo's, from one grouped query: Odoo loads every quant of every lot,
        # and a lot of a chain sits in hundreds of store locations (this was a third of the
        # time of moving a store's expired stock to quarantine).
        stored = self.filtered(lambda lot: isinstance(lot.id, int))
        super(StockLot, self - stored)._compute_single_location()
        if not stored:
            return
        self.env["stock.quant"].flush_model(["lot_id", "location_id", "quantity"])
        self.env.cr.execute(
            SQL(
                """
                SELECT lot_id, MIN(location_id), COUNT(DISTINCT location_id)
                  FROM stock_quant WHERE lot_id IN %s AND quantity > 0 GROUP BY lot_id
                """,
                tuple(stored.ids),
            )
        )
        single = {lot_id: location_id for lot_id, location_id, count in self.env.cr.fetchall() if count == 1}
        for lot in stored:
            lot.location_id = single.get(lot.id, False)

    @api.depends("chain_pos_lot_ids")
    def _compute_chain_pos_order_count(self):
        groups = self.env["pos.pack.operation.lot"]._read_group(
            [("chain_lot_id", "in", self.ids)], ["chain_lot_id"], ["order_id:count_distinct"]
        )
        counts = {lot.id: count for lot, count in groups}
        for lot in self:
            lot.chain_pos_order_count = counts.get(lot.id, 0)

    def action_chain_pos_orders(self):
        """Every POS order that sold this lot."""
        self.ensure_one()
        orders = self.env["pos.pack.operation.lot"].search([("chain_lot_id", "=", self.id)]).order_id
        return {
            "type": "ir.actions.act_window",
            "name": _("POS Orders of Lot %s", self.name),
            "res_model": "pos.order",
            "view_mode": "list,form",
            "domain": [("id", "in", orders.ids)],
            "context": {"create": False},
        }

    def _chain_record_receipt_exception(self, reason):
        """Record why these lots were accepted short-dated: by the short-dated goods wizard, or
        when a receipt line carrying a reason (given by a user with the right, see
        ``stock.move.line.write``) creates its lot. The lot then passes the receipt gate."""
        # sudo: a readonly audit field; the right was checked where the reason was given
        self.sudo().write({"chain_receipt_exception": reason})
        return True

    def _chain_check_block_right(self):
        if not self.env.user.has_group("chain_stock_expiry.group_chain_expiry_manager"):
            raise AccessError(_("Only expiry control managers may block or unblock lots."))

    def _chain_block(self, reason):
        """Block the lots chain-wide: none of their stock is sellable or reservable any more.

        Requires the expiry control manager group (checked here, whatever the caller).
        """
        self._chain_check_block_right()
        vals = {
            "chain_blocked": True,
            "chain_block_reason": reason,
            "chain_blocked_by_id": self.env.uid,
            "chain_blocked_date": fields.Datetime.now(),
        }
        # sudo: lots are not writable by every user who may block (checked above)
        self.sudo().write(vals)
        for lot in self:
            lot.message_post(body=_("Lot blocked: %s", reason))
        return True

    def _chain_unblock(self):
        """Lift the block: the stock becomes sellable again (unless expired or in quarantine)."""
        self._chain_check_block_right()
        blocked = self.filtered("chain_blocked")
        vals = {"chain_blocked": False, "chain_block_reason": False, "chain_blocked_by_id": False,
                "chain_blocked_date": False}  # fmt: skip
        blocked.sudo().write(vals)  # sudo: same as _chain_block
        for lot in blocked:
            lot.message_post(body=_("Lot unblocked."))
        return True

    def action_chain_unblock(self):
        return self._chain_unblock()

    def action_chain_block(self):
        self._chain_check_block_right()
        return {
            "type": "ir.actions.act_window",
            "name": _("Block Lots"),
            "res_model": "chain.lot.block.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_lot_ids": self.ids},
        }
