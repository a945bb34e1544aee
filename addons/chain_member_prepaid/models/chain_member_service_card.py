from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import deposit as deposit_lib


class ChainMemberServiceCard(models.Model):
    """A service count card of a member (次卡): ``uses_total`` uses of a service until ``valid_until``.

    Created by the server when the POS order selling it is paid (one card per unit sold);
    each use at the till (``chain.member.service.card.use``) debits the service-card
    liability account by the use's price and books the service's revenue.
    """

    _name = "chain.member.service.card"
    _description = "Service Count Card"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _chain_store_field = "store_id"
    _chain_guarded_fields = {
        "state": ("_chain_record_use", "_cron_expire", "action_forfeit"),
        "uses_left": ("_chain_record_use", "action_forfeit"),
        "forfeit_move_id": ("action_forfeit",),
    }

    name = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    member_id = fields.Many2one("chain.member", required=True, readonly=True, index=True, ondelete="restrict")
    card_product_id = fields.Many2one("product.product", string="Card", required=True, readonly=True)
    service_product_id = fields.Many2one("product.product", string="Service", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    store_id = fields.Many2one(
        "chain.store", string="Selling Store", required=True, readonly=True, index=True, check_company=True
    )
    store_ids = fields.Many2many("chain.store", string="Usable in Stores", readonly=True, help="Empty: every store.")
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    valid_until = fields.Date(required=True, readonly=True)
    price = fields.Monetary(required=True, readonly=True, help="Paid for the card, taxes included.")
    uses_total = fields.Integer(required=True, readonly=True)
    uses_left = fields.Integer(required=True, readonly=True)
    amount_remaining = fields.Monetary(string="Outstanding Liability", compute="_compute_amount_remaining", store=True)
    state = fields.Selection(
        [("active", "Active"), ("used", "Used Up"), ("expired", "Expired"), ("forfeited", "Forfeited")],
        default="active",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    pos_order_line_id = fields.Many2one("pos.order.line", string="Sold on", readonly=True, index="btree_not_null")
    use_ids = fields.One2many("chain.member.service.card.use", "card_id", string="Uses", readonly=True)
    forfeit_move_id = fields.Many2one("account.move", string="Forfeit Entry", readonly=True, copy=False)

    _sql_constraints = [
        ("uses_within", "CHECK(uses_left >= 0 AND uses_left <= uses_total)", "A card has no uses left."),
    ]

    @api.depends("price", "uses_total", "uses_left")
    def _compute_amount_remaining(self):
        for card in self:
            used = card.uses_total - card.uses_left
            spent = sum(deposit_lib.use_prices(card.price, card.uses_total, card.uses_total, used)) if used else 0.0
            card.amount_remaining = card.currency_id.round(card.price - spent) if card.uses_left else 0.0

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.member.service.card") or "/"
        return super().create(vals_list)

    def _compute_display_name(self):
        for card in self:
            card.display_name = f"{card.name} {card.card_product_id.display_name}"

    def _chain_lock(self):
        """Lock the cards' rows until the transaction ends and read them afresh (see the deposit's)."""
        if self:
            self.env.cr.execute(
                SQL("SELECT id FROM chain_member_service_card WHERE id IN %s FOR NO KEY UPDATE", tuple(self.ids))
            )
            self.invalidate_recordset()
        return self

    def _chain_use_prices(self, uses):
        """The prices of this card's next ``uses`` uses (the last use takes the rounding rest)."""
        self.ensure_one()
        return deposit_lib.use_prices(
            self.price, self.uses_total, self.uses_left, uses, self.currency_id.decimal_places
        )

    def _chain_use_problem(self, member, store, uses, date):
        """Why ``member`` may not use this card ``uses`` times in ``store`` on ``date`` (False if she may)."""
        self.ensure_one()
        if self.member_id != member:
            return _("Card %s belongs to another member.", self.name)
        if self.state in ("expired", "forfeited") or self.valid_until < date:
            return _("Card %(card)s expired on %(date)s.", card=self.name, date=self.valid_until)
        if self.state != "active" or uses > self.uses_left:
            return _("Card %(card)s has %(left)s uses left.", card=self.name, left=self.uses_left)
        if self.store_ids and store not in self.store_ids:
            return _("Card %(card)s is not usable in store %(store)s.", card=self.name, store=store.display_name)
        if uses <= 0 or uses != int(uses):
            return _("A card is used a whole number of times.")
        return False

    def _chain_record_use(self, vals, uses):
        """Record ``uses`` uses (``chain.member.service.card.use`` values); the card is locked and checked."""
        self.ensure_one()
        # sudo: the use rows are written by the server only, in any store
        use = self.env["chain.member.service.card.use"].sudo().create(dict(vals, card_id=self.id, uses=uses))
        left = self.uses_left - uses
        self.write({"uses_left": left, "state": "active" if left else "used"})
        return use

    @api.model
    def _cron_expire(self):
        """Mark active cards past their validity as expired (the liability stays until forfeited)."""
        expired = self.search([("state", "=", "active"), ("valid_until", "<", fields.Date.context_today(self))])
        expired.write({"state": "expired"})
        return expired

    def action_forfeit(self):
        """Close an expired card: the value of its uses left becomes income (an account move)."""
        if not self.env.user.has_group("chain_store.group_chain_manager"):
            raise UserError(_("Only a chain manager decides on expired cards."))
        for card in self:
            if card.state != "expired":
                raise UserError(_("Only an expired card is forfeited (%s is not).", card.name))
            move = card.company_id._chain_prepaid_forfeit_move(
                "service_card",
                card.amount_remaining,
                _("Forfeited card %(card)s of %(member)s", card=card.name, member=card.member_id.code),
            )
            card.write({"uses_left": 0, "state": "forfeited", "forfeit_move_id": move.id})
        return True
