import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"
    _chain_guarded_fields = {}  # the guide is set at the till; the check below holds for every caller

    chain_guide_id = fields.Many2one(
        "hr.employee",
        string="Guide",
        index="btree_not_null",
        help="The shopping guide (导购) who sold this line and earns its commission: by default the "
        "employee logged in at the till.",
    )

    @api.model
    def _chain_guide_allowed(self, employee, store):
        """Whether ``employee`` may be the guide of a line sold in ``store`` (an active employee of
        that store; any active employee on a till that has no store)."""
        # sudo: a cashier may not read the employee's store, only the check needs it
        employee = employee.sudo()
        if not employee.active:
            return False
        return not store or employee.chain_store_id == store

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["pos.order"].browse({vals["order_id"] for vals in vals_list if vals.get("order_id")})
        defaults = {order.id: order._chain_guide_default().id for order in orders}
        for vals in vals_list:
            if "chain_guide_id" not in vals and vals.get("order_id"):
                vals["chain_guide_id"] = defaults.get(vals["order_id"]) or False
        lines = super().create(vals_list)
        lines._chain_check_guide()
        return lines

    def write(self, vals):
        if "chain_guide_id" in vals and not self.env.su:
            self._chain_check_guide_change()
        result = super().write(vals)
        if "chain_guide_id" in vals or "order_id" in vals:
            self._chain_check_guide()
        return result

    def _chain_check_guide_change(self):
        """The guide of a sold line moves commission: only a store manager corrects it, and never in a
        month whose statement is approved (the till sets guides while the order is a draft)."""
        sold = self.filtered(lambda line: line.order_id.state != "draft")
        if not sold:
            return
        if not self.env.user.has_group("chain_store.group_chain_store_manager"):
            raise AccessError(_("Only a store manager may change the guide of a line already sold."))
        Statement = self.env["chain.commission.statement"].sudo()  # sudo: the lock decides, whoever asks
        for line in sold:
            store = line.order_id.config_id.chain_store_id
            tz = store._chain_tz() if store else pytz.timezone("Asia/Shanghai")
            month = pytz.utc.localize(line.order_id.date_order).astimezone(tz).date().replace(day=1)
            if Statement.search_count([("store_id", "=", store.id), ("month", "=", month), ("state", "=", "approved")]):
                raise UserError(
                    _(
                        "The commission of %(month)s is approved and locked: the guide of %(product)s can no "
                        "longer change.",
                        month=month.strftime("%Y-%m"),
                        product=line.full_product_name or "",
                    )
                )

    def _chain_check_guide(self):
        """A guide must be an active employee of the store of the line's till."""
        for line in self.filtered("chain_guide_id"):
            store = line.order_id.config_id.chain_store_id
            if not self._chain_guide_allowed(line.chain_guide_id, store):
                raise ValidationError(
                    _(
                        "%(guide)s is not an employee of %(store)s: choose a guide of this store for %(product)s.",
                        guide=line.chain_guide_id.sudo().name,
                        store=store.display_name,
                        product=line.full_product_name or line.product_id.display_name,
                    )
                )
