from collections import defaultdict
from datetime import timedelta

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..lib import deposit as deposit_lib


class PosOrder(models.Model):
    """Service cards sold and used at the till, checked and recorded when the order is paid.

    Selling: a line of a card product (``chain_prepaid_kind`` ``service_card``), one card per
    unit. Using card ``c`` ``u`` times: a line of the card's service for ``u`` units and a
    negative line of the card product for ``-u``, both with ``chain_card_ref = c``, each worth
    the next uses' prices (``chain.member.service.card._chain_use_prices``); the service line
    names the employee who served (``chain_employee_ref``).
    """

    _inherit = "pos.order"
    _chain_guarded_fields = {}  # no field of its own

    def _process_saved_order(self, draft):
        # before Odoo's payment, which logs and swallows its errors: a refused use refuses the sync
        if not draft and self.state != "cancel":
            self._chain_card_plan()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._chain_card_apply()  # what an earlier payment recorded is not recorded again
        return result

    def _chain_card_plan(self):
        """Check the order's card lines; return ``(sales, uses)`` to record.

        ``sales``: card lines sold; ``uses``: ``[(card, uses, service lines, employee)]``
        (cards locked). Raises ``UserError`` (nothing recorded) on a use the member may not make.
        """
        self.ensure_one()
        Card = self.env["chain.member.service.card"].sudo()  # sudo: a member's card is used in any store
        card_lines = self.lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "service_card")
        claimed = self.lines.filtered("chain_card_ref")
        if not card_lines and not claimed:
            return [], []
        member = self._chain_member()
        store = self.config_id.chain_store_id
        recorded = Card.search([("pos_order_line_id", "in", card_lines.ids)]).pos_order_line_id
        used = self.env["chain.member.service.card.use"].sudo().search([("pos_order_id", "=", self.id)])
        sales = card_lines.filtered(lambda line: line.qty > 0 and not line.chain_card_ref) - recorded
        if sales and not member:
            raise UserError(_("A service card is sold to a member: attach the member to the order."))
        for line in sales:
            if line.qty != int(line.qty):
                raise UserError(_("Service cards are sold by the unit."))
            if line.price_subtotal_incl <= 0:
                raise UserError(_("A service card is paid for: its price cannot be zero."))
        if card_lines.filtered(lambda line: line.qty < 0 and not line.chain_card_ref):
            raise UserError(_("A service card is not refunded at the till: a chain manager handles it."))
        by_ref = defaultdict(lambda: self.env["pos.order.line"])
        for line in claimed.filtered(lambda line: line.chain_card_ref not in used.card_id.ids):
            by_ref[line.chain_card_ref] |= line
        date = fields.Date.context_today(self, self.date_order)
        employees = self.session_id._chain_card_employees() if by_ref else self.env["hr.employee"]
        plan = []
        currency = self.currency_id
        for ref, lines in by_ref.items():
            card = Card.browse(ref).exists()
            if not card or card.company_id != self.company_id:
                raise UserError(_("The service card used does not exist."))
            card._chain_lock()
            services = lines.filtered(lambda line, c=card: line.product_id == c.service_product_id and line.qty > 0)
            negatives = lines.filtered(lambda line, c=card: line.product_id == c.card_product_id and line.qty < 0)
            if lines - services - negatives:
                raise UserError(_("Card %s pays for its own service only.", card.name))
            uses = sum(services.mapped("qty"))
            problem = (
                card._chain_use_problem(member, store, uses, date)
                if member
                else _("A service card is used by its member: attach the member to the order.")
            )
            if problem:
                raise UserError(problem)
            value = sum(card._chain_use_prices(int(uses)))
            digits = currency.decimal_places
            if not (
                deposit_lib.same_amount(sum(services.mapped("price_subtotal_incl")), value, digits)
                and deposit_lib.same_amount(sum(negatives.mapped("price_subtotal_incl")), -value, digits)
                and sum(negatives.mapped("qty")) == -uses
            ):
                raise UserError(
                    _(
                        "The use of card %(card)s must be %(uses)s use(s) worth %(value)s, balanced by the card line.",
                        card=card.name,
                        uses=int(uses),
                        value=value,
                    )
                )
            employee = employees.browse(services[:1].chain_employee_ref) if services[:1].chain_employee_ref else None
            if employee is not None and employee not in employees:
                raise UserError(_("The employee who served is not one of this store's."))
            plan.append((card, int(uses), services, employee or self.user_id.employee_id, value))
        return sales, plan

    def _chain_card_apply(self):
        """Record the cards sold and used by these paid orders (once)."""
        # sudo: cards and their uses are written by the server only (no role writes them)
        Card = self.env["chain.member.service.card"].sudo()
        for order in self.filtered(lambda o: o.state in ("paid", "done", "invoiced")):
            sales, plan = order._chain_card_plan()
            store = order.config_id.chain_store_id
            member = order._chain_member()
            date = fields.Date.context_today(order, order.date_order)
            vals_list = []
            for line in sales:
                template = line.product_id.product_tmpl_id
                price = deposit_lib.unit_price(line.price_subtotal_incl, line.qty, order.currency_id.decimal_places)
                vals_list += [
                    {
                        "member_id": member.id,
                        "card_product_id": line.product_id.id,
                        "service_product_id": template.chain_card_service_product_id.id,
                        "company_id": order.company_id.id,
                        "store_id": store.id,
                        "store_ids": [(6, 0, template.chain_card_store_ids.ids)],
                        "date": date,
                        "valid_until": date + timedelta(days=template.chain_card_validity_days),
                        "price": price,
                        "uses_total": template.chain_card_uses,
                        "uses_left": template.chain_card_uses,
                        "pos_order_line_id": line.id,
                    }
                ] * int(line.qty)
            Card.create(vals_list)
            for card, uses, services, employee, value in plan:
                card._chain_record_use(
                    {
                        "amount": value,
                        "uses_left": card.uses_left - uses,
                        "store_id": store.id,
                        "date": order.date_order,
                        "employee_id": employee.id,
                        "pos_order_id": order.id,
                        "pos_order_line_id": services[:1].id,
                    },
                    uses,
                )
