from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import deposit as deposit_lib


class ChainMemberDeposit(models.Model):
    """Units of a product a member paid for and leaves with the chain (奶粉寄存).

    Created by the server when a POS order selling the deposit is paid; picked up in any store
    before ``expiry_date`` (``chain.member.deposit.pickup``). The money stays on the
    formula-deposit liability account until the units are picked up (each pickup debits it
    through the till's negative deposit line) or a manager forfeits what an expired deposit has
    left (``action_forfeit``, an account move to the forfeit account).
    """

    _name = "chain.member.deposit"
    _description = "Formula Deposit"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _chain_store_field = "store_id"
    _chain_guarded_fields = {
        "state": ("_chain_record_pickup", "_chain_record_refund", "_cron_expire", "action_forfeit", "action_extend"),
        "qty_picked_up": ("_chain_record_pickup",),
        "qty_refunded": ("_chain_record_refund",),
        "refund_line_ids": ("_chain_record_refund",),
        "qty_forfeited": ("action_forfeit",),
        "expiry_date": ("action_extend",),
        "forfeit_move_id": ("action_forfeit",),
    }

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    member_id = fields.Many2one("chain.member", required=True, readonly=True, index=True, ondelete="restrict")
    product_id = fields.Many2one("product.product", required=True, readonly=True, index=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    store_id = fields.Many2one(
        "chain.store", string="Selling Store", required=True, readonly=True, index=True, check_company=True
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    expiry_date = fields.Date(required=True, readonly=True, tracking=True, help="Last day of pickup.")
    unit_price = fields.Monetary(required=True, readonly=True, help="Paid for one unit, taxes included.")
    qty_deposited = fields.Float(string="Deposited", required=True, readonly=True, digits="Product Unit of Measure")
    qty_picked_up = fields.Float(string="Picked Up", readonly=True, copy=False, digits="Product Unit of Measure")
    qty_refunded = fields.Float(string="Refunded", readonly=True, copy=False, digits="Product Unit of Measure")
    qty_forfeited = fields.Float(string="Forfeited", readonly=True, copy=False, digits="Product Unit of Measure")
    qty_remaining = fields.Float(
        string="Remaining", compute="_compute_remaining", store=True, digits="Product Unit of Measure"
    )
    amount_remaining = fields.Monetary(
        string="Outstanding Liability", compute="_compute_remaining", store=True, help="Remaining units x unit price."
    )
    state = fields.Selection(
        [("open", "Open"), ("done", "Picked Up"), ("expired", "Expired"), ("forfeited", "Forfeited")],
        default="open",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    pos_order_line_id = fields.Many2one(
        "pos.order.line", string="Sold on", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    pos_order_id = fields.Many2one(related="pos_order_line_id.order_id", string="POS Order")
    pickup_ids = fields.One2many("chain.member.deposit.pickup", "deposit_id", string="Pickups", readonly=True)
    refund_line_ids = fields.Many2many(
        "pos.order.line", string="Refunded on", readonly=True, copy=False, help="The till's refunds of the sale."
    )
    forfeit_move_id = fields.Many2one("account.move", string="Forfeit Entry", readonly=True, copy=False)

    _sql_constraints = [
        ("qty_positive", "CHECK(qty_deposited > 0)", "A deposit holds at least one unit."),
        (
            "qty_within",
            "CHECK(qty_picked_up + qty_refunded + qty_forfeited <= qty_deposited)",
            "More units were taken out of the deposit than it holds.",
        ),
        ("line_unique", "UNIQUE(pos_order_line_id)", "A POS order line sells one deposit."),
    ]

    @api.depends("qty_deposited", "qty_picked_up", "qty_refunded", "qty_forfeited", "unit_price")
    def _compute_remaining(self):
        for deposit in self:
            remaining = deposit.qty_deposited - deposit.qty_picked_up - deposit.qty_refunded - deposit.qty_forfeited
            deposit.qty_remaining = remaining
            deposit.amount_remaining = deposit.currency_id.round(remaining * deposit.unit_price)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.member.deposit") or "/"
        return super().create(vals_list)

    def _compute_display_name(self):
        for deposit in self:
            deposit.display_name = f"{deposit.name} {deposit.product_id.display_name}"

    # ------------------------------------------------------------------
    # Pickup
    # ------------------------------------------------------------------
    def _chain_lock(self):
        """Lock these deposits' rows until the transaction ends and read them afresh.

        Two tills picking up the last units at once: the second waits, then (Odoo's
        repeatable-read transactions) fails to serialize and is retried, and sees what
        the first took.
        """
        if self:
            self.env.cr.execute(
                SQL("SELECT id FROM chain_member_deposit WHERE id IN %s FOR NO KEY UPDATE", tuple(self.ids))
            )
            self.invalidate_recordset()
        return self

    def _chain_pickup_problem(self, member, qty, date):
        """Why ``member`` may not pick up ``qty`` units of this deposit on ``date`` (False if she may)."""
        self.ensure_one()
        if self.member_id != member:
            return _("Deposit %s belongs to another member.", self.name)
        if self.state in ("expired", "forfeited") or self.expiry_date < date:
            return _("Deposit %(deposit)s expired on %(date)s.", deposit=self.name, date=self.expiry_date)
        if self.state != "open" or qty > self.qty_remaining + 1e-6:
            return _(
                "Deposit %(deposit)s has %(left)s units of %(product)s left; %(qty)s cannot be picked up.",
                deposit=self.name,
                left=self.qty_remaining,
                product=self.product_id.display_name,
                qty=qty,
            )
        if qty <= 0:
            return _("A pickup takes at least one unit.")
        return False

    def _chain_record_pickup(self, vals):
        """Record a pickup (``chain.member.deposit.pickup`` values) and take its units out.

        The caller has locked the deposit (``_chain_lock``) and checked the pickup.
        """
        self.ensure_one()
        # sudo: the pickup rows are written by the server only, in any store
        pickup = self.env["chain.member.deposit.pickup"].sudo().create(dict(vals, deposit_id=self.id))
        picked = self.qty_picked_up + pickup.qty
        self.write({"qty_picked_up": picked})
        if self.qty_remaining <= 1e-6:
            self.state = "done"
        return pickup

    def _chain_record_refund(self, qty, line):
        """Give back ``qty`` units of the deposit's money (a refund of its sale at the till, ``line``)."""
        self.ensure_one()
        self.write({"qty_refunded": self.qty_refunded + qty, "refund_line_ids": [Command.link(line.id)]})
        if self.qty_remaining <= 1e-6 and self.state == "open":
            self.state = "done"
        return True

    # ------------------------------------------------------------------
    # Expiry
    # ------------------------------------------------------------------
    @api.model
    def _cron_expire(self):
        """Mark the open deposits past their expiry date as expired.

        Their liability stays on the account: a chain manager decides (forfeit it, or
        extend the deposit; a refund is the sale's refund at the till).
        """
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "open"), ("expiry_date", "<", today)])
        expired.write({"state": "expired"})
        return expired

    def _chain_check_manager(self):
        if not self.env.user.has_group("chain_store.group_chain_manager"):
            raise UserError(_("Only a chain manager decides on expired deposits."))

    def action_extend(self, months=None):
        """Give an expired deposit more time: open until ``months`` (the company's rule) from today."""
        self._chain_check_manager()
        today = fields.Date.context_today(self)
        for deposit in self:
            if deposit.state not in ("open", "expired"):
                raise UserError(_("Deposit %s has nothing left to pick up.", deposit.name))
            rule = months or deposit.company_id.chain_deposit_expiry_months
            deposit.write({"state": "open", "expiry_date": deposit_lib.add_months(today, rule)})
        return True

    def action_forfeit(self):
        """Close an expired deposit: what is left becomes income, by an account move
        (debit the deposit liability account, credit the company's forfeit account)."""
        self._chain_check_manager()
        for deposit in self:
            if deposit.state != "expired":
                raise UserError(_("Only an expired deposit is forfeited (%s is not).", deposit.name))
            move = deposit.company_id._chain_prepaid_forfeit_move(
                "deposit",
                deposit.amount_remaining,
                _("Forfeited deposit %(deposit)s of %(member)s", deposit=deposit.name, member=deposit.member_id.code),
            )
            deposit.write({"qty_forfeited": deposit.qty_remaining, "state": "forfeited", "forfeit_move_id": move.id})
        return True

    # ------------------------------------------------------------------
    # Reports
    # ------------------------------------------------------------------
    @api.model
    def _chain_outstanding(self, domain=None, groupby=("store_id", "product_id")):
        """``{(store, product): (units, liability)}`` of the deposits not yet picked up
        (open and expired: the liability of an expired deposit stays until forfeited)."""
        domain = [("state", "in", ("open", "expired"))] + list(domain or [])
        groups = self._read_group(domain, list(groupby), ["qty_remaining:sum", "amount_remaining:sum"])
        return {tuple(group[: len(groupby)]): (group[-2], group[-1]) for group in groups}
