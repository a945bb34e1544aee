from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare


class StockScrap(models.Model):
    _inherit = "stock.scrap"
    # a scrap is done only by its validation, which moves the stock (and passes the rules' gate)
    _chain_guarded_fields = {"state": ("do_scrap",), "date_done": ("do_scrap",)}
    _chain_store_field = "location_id.warehouse_id.chain_store_id"
    # ``do_scrap`` is what *Validate* runs: a rule on the button holds it too (chain.approval.rule)
    _chain_approval_gate_aliases = {"do_scrap": "action_validate"}

    chain_value = fields.Monetary(
        string="Scrap Value",
        compute="_compute_chain_value",
        search="_search_chain_value",
        currency_field="chain_currency_id",
        help="Quantity scrapped at the product's cost: what an approval rule on scrap compares.",
    )
    chain_currency_id = fields.Many2one(related="company_id.currency_id", string="Scrap Currency")

    @api.depends("scrap_qty", "product_id", "product_uom_id", "company_id")
    def _compute_chain_value(self):
        for scrap in self:
            product = scrap.product_id.with_company(scrap.company_id)
            qty = scrap.product_uom_id._compute_quantity(scrap.scrap_qty, product.uom_id) if product else 0.0
            scrap.chain_value = qty * product.standard_price

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: a withdrawn approval leaves the scrap a draft, as it was."""
        if request.state == "cancel":
            self.message_post(body=_("The approval was withdrawn: the scrap stays a draft."))

    def do_scrap(self):
        self._chain_check_scrap_available()
        return super().do_scrap()

    def _chain_check_scrap_available(self):
        """Refuse a store user's scrap of more than the location holds (Odoo only warns).

        The quants the scrap takes from are locked first: of two users scrapping the last units
        at once, the second waits, then fails to serialize (its request is retried) or sees
        what is left, and never drives the stock below zero. Chain managers keep Odoo's warning.
        """
        if self.env.su or self.env.user.has_group("chain_store.group_chain_manager"):
            return
        # sudo: the quants are read and locked whatever the user's rules show of them
        Quant = self.env["stock.quant"].sudo()
        for scrap in self.filtered(lambda s: s._should_check_available_qty()):
            product = scrap.product_id
            quants = Quant._gather(
                product, scrap.location_id, lot_id=scrap.lot_id, package_id=scrap.package_id,
                owner_id=scrap.owner_id, strict=True,
            )  # fmt: skip
            if quants:
                self.env.cr.execute(SQL("SELECT id FROM stock_quant WHERE id IN %s FOR UPDATE", tuple(quants.ids)))
                quants.invalidate_recordset(["quantity"])
            available = sum(quants.mapped("quantity"))
            qty = scrap.product_uom_id._compute_quantity(scrap.scrap_qty, product.uom_id)
            if float_compare(qty, available, precision_rounding=product.uom_id.rounding) > 0:
                raise UserError(
                    _("You cannot scrap %(qty)s %(unit)s of %(product)s: %(location)s holds %(available)s.",
                      qty=qty, unit=product.uom_id.name, product=product.display_name,
                      location=scrap.location_id.display_name, available=max(available, 0.0))
                )  # fmt: skip

    def _search_chain_value(self, operator, value):
        # the cost is company-dependent, so the value is not stored: compare on the scraps still
        # to validate (rules are checked on those), few at any time
        return [("id", "in", _matching(self.search([("state", "=", "draft")]), "chain_value", operator, value))]


def _matching(records, field, operator, value):
    """Ids of ``records`` whose ``field`` compares to ``value`` with ``operator``."""
    compare = {
        ">": lambda c: c > 0,
        ">=": lambda c: c >= 0,
        "<": lambda c: c < 0,
        "<=": lambda c: c <= 0,
        "=": lambda c: c == 0,
        "!=": lambda c: c != 0,
    }.get(operator)
    if compare is None:
        return []
    return [rec.id for rec in records if compare(float_compare(rec[field] or 0.0, value or 0.0, precision_digits=2))]
