from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero

from ..lib import deposit as deposit_lib


class PosOrder(models.Model):
    """Formula deposits sold and picked up at the till, checked and recorded when the order is paid.

    Selling: a line of the company's deposit product (``chain_prepaid_kind`` ``deposit``)
    naming the formula (``chain_deposit_product_id``) for N units. Picking up ``k`` units of
    deposit ``d``: a line of the formula for ``k`` units and a negative deposit line for ``-k``,
    both with ``chain_deposit_ref = d``, worth ``k`` x the deposit's unit price each way.
    """

    _inherit = "pos.order"
    _chain_guarded_fields = {}  # no field of its own

    def _process_saved_order(self, draft):
        # before Odoo's payment, which logs and swallows its errors: a refused deposit refuses the sync
        if not draft and self.state != "cancel":
            self._chain_deposit_plan()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._chain_deposit_apply()  # what an earlier payment recorded is not recorded again
        return result

    def _chain_deposit_lines(self):
        """The order's lines of deposit products."""
        self.ensure_one()
        return self.lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "deposit")

    def _chain_deposit_plan(self):
        """Check the order's deposit lines; return ``(sales, pickups, refunds)`` still to record.

        ``sales``: deposit lines sold; ``pickups``: ``[(deposit, qty, product lines, deposit
        lines)]`` (deposits locked); ``refunds``: ``[(deposit, qty, refund line)]``. Raises ``UserError``
        (nothing recorded) on any pickup the member may not make.
        """
        self.ensure_one()
        Deposit = self.env["chain.member.deposit"].sudo()  # sudo: a member's deposit is picked up in any store
        deposit_lines = self._chain_deposit_lines()
        claimed = self.lines.filtered("chain_deposit_ref")
        if not deposit_lines and not claimed:
            return [], [], []
        currency = self.currency_id
        member = self._chain_member()
        recorded = Deposit.search([("pos_order_line_id", "in", deposit_lines.ids)]).pos_order_line_id
        picked = self.env["chain.member.deposit.pickup"].sudo().search([("pos_order_id", "=", self.id)])
        sales = deposit_lines.filtered(lambda line: line.qty > 0 and not line.chain_deposit_ref) - recorded
        if sales and not member:
            raise UserError(_("A formula deposit is sold to a member: attach the member to the order."))
        for line in sales:
            if not line.chain_deposit_product_id or line.chain_deposit_product_id.chain_prepaid_kind:
                raise UserError(_("The deposit line does not say which product is deposited."))
            if float_compare(line.price_subtotal_incl, 0.0, precision_rounding=currency.rounding) <= 0:
                raise UserError(_("A formula deposit is paid for: its price cannot be zero."))
        refunds = []
        refund_lines = deposit_lines.filtered(lambda line: line.qty < 0 and not line.chain_deposit_ref)
        refund_lines -= Deposit.search([("refund_line_ids", "in", refund_lines.ids)]).refund_line_ids
        for line in refund_lines:
            sold = Deposit.search([("pos_order_line_id", "=", line.refunded_orderline_id.id)], limit=1)
            if not sold:
                raise UserError(_("A deposit line taken back must refund the sale of a deposit."))
            sold._chain_lock()
            if -line.qty > sold.qty_remaining + 1e-6:
                raise UserError(
                    _(
                        "Deposit %(deposit)s has %(left)s units left: %(qty)s cannot be refunded.",
                        deposit=sold.name,
                        left=sold.qty_remaining,
                        qty=-line.qty,
                    )
                )
            refunds.append((sold, -line.qty, line))
        pickups = []
        by_ref = defaultdict(lambda: self.env["pos.order.line"])
        for line in claimed.filtered(lambda line: line.chain_deposit_ref not in picked.deposit_id.ids):
            by_ref[line.chain_deposit_ref] |= line
        date = fields.Date.context_today(self, self.date_order)
        for ref, lines in by_ref.items():
            deposit = Deposit.browse(ref).exists()
            if not deposit or deposit.company_id != self.company_id:
                raise UserError(_("The deposit picked up does not exist."))
            deposit._chain_lock()
            products = lines.filtered(lambda line, d=deposit: line.product_id == d.product_id and line.qty > 0)
            negatives = lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "deposit" and line.qty < 0)
            if lines - products - negatives:
                raise UserError(_("Deposit %s is picked up with its own product only.", deposit.name))
            qty = sum(products.mapped("qty"))
            problem = (
                deposit._chain_pickup_problem(member, qty, date)
                if member
                else _("A deposit is picked up by its member: attach the member to the order.")
            )
            if problem:
                raise UserError(problem)
            value = qty * deposit.unit_price
            if not (
                deposit_lib.same_amount(sum(products.mapped("price_subtotal_incl")), value, currency.decimal_places)
                and deposit_lib.same_amount(
                    sum(negatives.mapped("price_subtotal_incl")), -value, currency.decimal_places
                )
                and float_is_zero(sum(negatives.mapped("qty")) + qty, precision_digits=6)
            ):
                raise UserError(
                    _(
                        "The pickup of deposit %(deposit)s must be %(qty)s units at %(price)s, "
                        "balanced by the deposit line.",
                        deposit=deposit.name,
                        qty=qty,
                        price=deposit.unit_price,
                    )
                )
            self._chain_deposit_check_stock(
                deposit.product_id,
                sum(
                    self.lines.filtered(
                        lambda line, d=deposit: line.product_id == d.product_id and line.qty > 0
                    ).mapped("qty")
                ),
            )
            pickups.append((deposit, qty, products, negatives))
        return sales, pickups, refunds

    def _chain_deposit_check_stock(self, product, qty):
        """Refuse a pickup of more units of ``product`` than the store has."""
        if not product.is_storable:
            return
        location = self.config_id.picking_type_id.default_location_src_id
        # sudo: the stock of the caller's own store, whatever their inventory rights
        available = self.env["stock.quant"].sudo()._get_available_quantity(product, location)
        if float_compare(available, qty, precision_rounding=product.uom_id.rounding) < 0:
            raise UserError(
                _(
                    "%(product)s is out of stock in this store (%(available)s left, %(qty)s to pick up): "
                    "the member picks it up in another store or later.",
                    product=product.display_name,
                    available=available,
                    qty=qty,
                )
            )

    def _chain_deposit_apply(self):
        """Record the deposits sold, picked up and refunded by these paid orders (once)."""
        # sudo: deposits and pickups are written by the server only (no role writes them)
        Deposit = self.env["chain.member.deposit"].sudo()
        for order in self.filtered(lambda o: o.state in ("paid", "done", "invoiced")):
            sales, pickups, refunds = order._chain_deposit_plan()
            store = order.config_id.chain_store_id
            member = order._chain_member()
            date = fields.Date.context_today(order, order.date_order)
            months = order.company_id.chain_deposit_expiry_months or 12
            Deposit.create(
                [
                    {
                        "member_id": member.id,
                        "product_id": line.chain_deposit_product_id.id,
                        "company_id": order.company_id.id,
                        "store_id": store.id,
                        "date": date,
                        "expiry_date": deposit_lib.add_months(date, months),
                        "unit_price": deposit_lib.unit_price(
                            line.price_subtotal_incl, line.qty, order.currency_id.decimal_places
                        ),
                        "qty_deposited": line.qty,
                        "pos_order_line_id": line.id,
                    }
                    for line in sales
                ]
            )
            for deposit, qty, products, _negatives in pickups:
                lot_name = products.pack_lot_ids[:1].lot_name
                lot = (
                    self.env["stock.lot"]
                    .sudo()
                    .search([("name", "=", lot_name), ("product_id", "=", deposit.product_id.id)], limit=1)
                    if lot_name
                    else self.env["stock.lot"]
                )
                deposit._chain_record_pickup(
                    {
                        "qty": qty,
                        "amount": order.currency_id.round(qty * deposit.unit_price),
                        "store_id": store.id,
                        "date": order.date_order,
                        "pos_order_id": order.id,
                        "pos_order_line_id": products[:1].id,
                        "lot_id": lot.id,
                        "employee_id": (order.user_id.employee_id or self.env.user.employee_id).id,
                    }
                )
            for deposit, qty, line in refunds:
                deposit._chain_record_refund(qty, line)
