import datetime

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import shelf_life


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"
    # the short-dated reason is a right, not a transition: any user allowed to accept short-dated
    # goods may give it (checked in create and write); the rest is receiving input
    _chain_guarded_fields = {}

    chain_production_date = fields.Date(
        string="Production Date",
        help="As printed on the pack. When only the production date is printed, the expiry date is computed "
        "from it and the shelf life.",
    )
    chain_receipt_exception = fields.Text(
        string="Short-Dated Reason",
        copy=False,
        help="Why this lot is accepted although its remaining shelf life is below the policy's minimum.",
    )
    chain_gs1_code = fields.Char(
        string="GS1 Scan", store=False, help="Scan a GS1-128 or GS1 DataMatrix code to fill the line."
    )

    @api.depends("chain_production_date")
    def _compute_expiration_date(self):
        super()._compute_expiration_date()
        for line in self:
            if line.chain_production_date and not line.lot_id.expiration_date and line.product_id.use_expiration_date:
                policy = line._chain_policy()
                days = policy._total_days(line.product_id) or 0
                line.expiration_date = datetime.datetime.combine(
                    shelf_life.expiry_from_production(line.chain_production_date, days), datetime.time()
                )
        return None

    def _chain_supplier(self):
        picking = self.picking_id
        return picking.partner_id.commercial_partner_id if picking.picking_type_code == "incoming" else None

    def _chain_policy(self):
        """The shelf-life policy of the line's lot, or the one it will get when created."""
        self.ensure_one()
        if self.lot_id.chain_policy_id:
            return self.lot_id.chain_policy_id
        return self.env["chain.shelf.life.policy"]._chain_find(self.product_id, self._chain_supplier(), self.company_id)

    def _chain_remaining_life(self, kind, on=None):
        """``(ok, days_left, fraction)`` of this line's lot against the policy's minimum ``kind``
        ("receipt" or "transfer") on ``on`` (default now); ``ok`` is True when nothing applies."""
        self.ensure_one()
        expiry = self.lot_id.expiration_date or self.expiration_date
        policy = self._chain_policy()
        if not (expiry and policy and self.product_id.use_expiration_date):
            return True, None, None
        production = self.chain_production_date or self.lot_id.chain_production_date
        total = policy._total_days(self.product_id, production, expiry)
        return shelf_life.check_remaining(expiry, on or fields.Datetime.now(), policy._threshold(kind), total)

    def _prepare_new_lot_vals(self):
        vals = super()._prepare_new_lot_vals()
        supplier = self._chain_supplier()
        if supplier:
            vals["chain_supplier_id"] = supplier.id
        if self.chain_production_date:
            vals["chain_production_date"] = self.chain_production_date
        return vals

    def _create_and_assign_production_lot(self):
        res = super()._create_and_assign_production_lot()
        # the reason given on a line goes to the lot it creates (see stock.lot._chain_record_receipt_exception)
        for line in self.filtered(lambda ml: ml.chain_receipt_exception and not ml.lot_id.chain_receipt_exception):
            line.lot_id._chain_record_receipt_exception(line.chain_receipt_exception)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("chain_receipt_exception") for vals in vals_list):
            self._chain_check_exception_right()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("chain_receipt_exception"):
            self._chain_check_exception_right()
        return super().write(vals)

    def _action_done(self):
        self._chain_check_quarantine_release()
        relocated = self.env.context.get("chain_relocated_line_ids")
        if relocated and set(self.ids) <= relocated:
            # every line's quant is already where it goes: Odoo's quant cache (a read of every
            # quant of these products in the warehouse) would serve nothing
            return super(StockMoveLine, self.with_context(chain_skip_quants_cache=True))._action_done()
        return super()._action_done()

    def _synchronize_quant(self, quantity, location, action="available", in_date=False, **quants_value):
        # a quarantine line moves its whole quant, relocated in bulk beforehand (see
        # stock.quant._chain_relocate): Odoo's per-line quant search and update would do it again
        if self.id and self.id in self.env.context.get("chain_relocated_line_ids", ()):
            return 0, in_date
        return super()._synchronize_quant(quantity, location, action=action, in_date=in_date, **quants_value)

    def _chain_check_quarantine_release(self):
        """Stock leaves a quarantine location for a sellable one only by an expiry control
        manager's hand: what the daily job or a recall took off the shelves does not go back
        by an ordinary transfer (a write-off, into a non-internal location, is not a release)."""
        if self.env.su or self.env.user.has_group("chain_stock_expiry.group_chain_expiry_manager"):
            return
        released = self.filtered(
            lambda ml: (
                ml.location_id.chain_quarantine
                and ml.location_dest_id.usage == "internal"
                and not ml.location_dest_id.chain_quarantine
            )
        )
        if released:
            raise AccessError(
                _(
                    "Only an expiry control manager can take stock out of quarantine (%(location)s, %(product)s).",
                    location=released[0].location_id.display_name,
                    product=released[0].product_id.display_name,
                )
            )

    def _chain_check_exception_right(self):
        if not self.env.user.has_group("chain_stock_expiry.group_chain_expiry_exception"):
            raise AccessError(_("Only users allowed to accept short-dated goods may give a short-dated reason."))

    @api.onchange("chain_gs1_code")
    def _onchange_chain_gs1_code(self):
        if not self.chain_gs1_code:
            return None
        try:
            values = self.env["stock.picking"]._chain_gs1_values(self.chain_gs1_code, self.company_id)
        except UserError as error:
            self.chain_gs1_code = False
            return {"warning": {"title": _("GS1 code not accepted"), "message": error.args[0]}}
        self.product_id = values["product"]
        self.lot_name = values.get("lot_name") or self.lot_name
        if values.get("production_date"):
            self.chain_production_date = values["production_date"]
        if values.get("expiration_date"):
            self.expiration_date = values["expiration_date"]
        if values.get("quantity"):
            self.quantity = values["quantity"]
        self.chain_gs1_code = False
        return None
