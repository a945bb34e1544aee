import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import tax_id

_logger = logging.getLogger(__name__)


class ChainFapiaoRequest(models.Model):
    """A customer's request for a fapiao (发票申请) on a POS order.

    Made at the till (the cashier), later from the receipt's QR code (the public
    page, within the company's deadline) or in the back office. Creating it
    invoices the order to the buyer (found by tax id or created) and opens the
    fapiao register entry "to issue".
    """

    _name = "chain.fapiao.request"
    _description = "Fapiao Request"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _chain_guarded_fields = {
        "state": ("action_invoice", "action_cancel", "_chain_invoice"),
        "move_id": ("action_invoice", "_chain_invoice"),
        "partner_id": ("action_invoice", "_chain_invoice"),
        "error": ("action_invoice", "_chain_invoice"),
    }
    _chain_store_field = "store_id"

    name = fields.Char(related="order_id.name", string="Order Ref")
    order_id = fields.Many2one("pos.order", string="POS Order", required=True, ondelete="restrict", index=True)
    store_id = fields.Many2one(
        "chain.store", related="order_id.config_id.chain_store_id", store=True, index=True, string="Store"
    )
    company_id = fields.Many2one("res.company", related="order_id.company_id", store=True, index=True)
    currency_id = fields.Many2one("res.currency", related="order_id.currency_id")
    date_order = fields.Datetime(related="order_id.date_order")
    amount_total = fields.Monetary(related="order_id.amount_total")
    buyer_name = fields.Char(string="Buyer Title", required=True, tracking=True, help="抬头")
    buyer_vat = fields.Char(string="Buyer Tax ID", tracking=True, help="税号: the unified social credit code")
    fapiao_type = fields.Selection(
        [("normal", "Ordinary (普通发票)"), ("special", "Special VAT (专用发票)")],
        string="Fapiao Type",
        required=True,
        default="normal",
    )
    email = fields.Char()
    mobile = fields.Char()
    source = fields.Selection(
        [("till", "Till"), ("qr", "Receipt QR Code"), ("backend", "Back Office")], default="backend", required=True
    )
    state = fields.Selection(
        [("requested", "Requested"), ("invoiced", "Invoiced"), ("cancel", "Cancelled")],
        default="requested",
        required=True,
        readonly=True,
        tracking=True,
    )
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    fapiao_ids = fields.One2many("chain.fapiao", "request_id", string="Fapiao")
    error = fields.Char(string="Invoicing Problem", readonly=True)

    @api.constrains("buyer_vat", "fapiao_type", "buyer_name")
    def _check_buyer(self):
        for request in self:
            if not (request.buyer_name or "").strip():
                raise ValidationError(_("The buyer title (抬头) is required."))
            if request.fapiao_type == "special" and not request.buyer_vat:
                raise ValidationError(_("A special VAT fapiao (专用发票) needs the buyer company's tax id."))
            if request.buyer_vat:
                reason = tax_id.uscc_error(request.buyer_vat)
                if reason:
                    raise ValidationError(self._chain_vat_message(request.buyer_vat, reason))

    @api.model
    def _chain_vat_message(self, vat, reason):
        messages = {
            "length": _("The tax id %s must have 18 characters (unified social credit code).", vat),
            "charset": _("The tax id %s contains characters a unified social credit code never has.", vat),
            "checksum": _("The tax id %s is mistyped: its check character is wrong.", vat),
        }
        return messages[reason]

    @api.constrains("order_id", "state")
    def _check_one_per_order(self):
        for request in self.filtered(lambda r: r.state != "cancel"):
            others = request.order_id.chain_fapiao_request_ids.filtered(
                lambda r, request=request: r.state != "cancel" and r != request
            )
            if others:
                raise ValidationError(_("A fapiao is already requested for order %s.", request.order_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "buyer_vat" in vals:
                vals["buyer_vat"] = tax_id.normalize(vals["buyer_vat"]) or False
        requests = super().create(vals_list)
        for request in requests:
            request._chain_check_order()
        for request in requests:
            request._chain_invoice()
        return requests

    def write(self, vals):
        if "order_id" in vals and not self.env.su:
            raise UserError(_("The order of a fapiao request cannot be changed."))
        if "buyer_vat" in vals:
            vals = dict(vals, buyer_vat=tax_id.normalize(vals["buyer_vat"]) or False)
        buyer_change = set(vals) & {"buyer_name", "buyer_vat", "fapiao_type"}
        if buyer_change and not self.env.su and any(r.state != "requested" for r in self):
            raise UserError(_("The buyer of an invoiced request cannot be changed: cancel the fapiao instead."))
        return super().write(vals)

    def _chain_check_order(self):
        """The caller may act on the order (its store), it is paid, and within the deadline."""
        self.ensure_one()
        order = self.order_id
        if not self.env.su:
            # the order is read as the caller: the store rules of the POS orders apply
            order.with_env(self.env).check_access("read")
            if order.company_id not in self.env.user.company_ids:
                raise AccessError(_("You cannot ask for a fapiao on an order of another company."))
        if order.state not in ("paid", "done", "invoiced") or order.amount_total <= 0:
            raise UserError(_("A fapiao can only be asked for a paid sale (order %s).", order.name))
        if self.source == "qr" and not order._chain_fapiao_within_deadline():
            raise UserError(_("The deadline to ask for a fapiao for this order is over."))
        if (
            self.source != "qr"
            and not self.env.su
            and not self.env.user.has_group("account.group_account_invoice")
            and not order._chain_fapiao_within_deadline()
        ):
            raise UserError(_("The deadline to ask for a fapiao for this order is over."))

    @api.model
    def create_from_pos(self, order_uuid=None, values=None):
        """The till's request: ``order_uuid`` of a synced order, ``values`` the buyer's
        (``buyer_name``, ``buyer_vat``, ``fapiao_type``, ``email``, ``mobile``).

        Returns ``{"id", "state", "invoice"}``. The order is looked up as the
        caller, so a cashier of another store finds nothing.
        """
        if not order_uuid or not isinstance(values, dict):
            raise UserError(_("Give the order and the buyer of the fapiao."))
        order = self.env["pos.order"].search([("uuid", "=", str(order_uuid))], limit=1)
        if not order:
            raise UserError(_("The order is not known yet: try again once it is synchronised."))
        allowed = {"buyer_name", "buyer_vat", "fapiao_type", "email", "mobile"}
        vals = {k: v for k, v in values.items() if k in allowed}
        vals.update(order_id=order.id, source="till")
        request = self.create(vals)
        # sudo: the cashier is told the invoice number, not given the invoice
        return {"id": request.id, "state": request.state, "invoice": request.sudo().move_id.name or False}

    def _chain_find_partner(self):
        """The buyer's partner: the company with this tax id, else a new one (hook)."""
        self.ensure_one()
        Partner = self.env["res.partner"].with_company(self.company_id)
        partner = Partner.browse()
        if self.buyer_vat:
            partner = Partner.search(
                [("vat", "=", self.buyer_vat), ("company_id", "in", [False, self.company_id.id])], limit=1
            )
        if not partner:
            partner = Partner.create(
                {
                    "name": self.buyer_name.strip(),
                    "vat": self.buyer_vat or False,
                    "is_company": bool(self.buyer_vat),
                    "email": self.email or False,
                    "mobile": self.mobile or False,
                    "company_id": self.company_id.id,
                }
            )
        return partner

    def _chain_invoice(self):
        """Invoice the order to the buyer and open the register entry; a failure is kept on the
        request (the accountant retries with *Invoice*) and nothing half-done stays."""
        self.ensure_one()
        if self.state != "requested":
            return False
        # sudo: the caller's right on the order was checked; invoicing is the accountant's job done for them
        request = self.sudo()
        try:
            with self.env.cr.savepoint():
                order = request.order_id
                partner = request._chain_find_partner()
                request.partner_id = partner
                if not order.partner_id:
                    order.partner_id = partner
                if not order.account_move:
                    order.with_company(order.company_id).with_context(generate_pdf=False).action_pos_order_invoice()
                invoice = order.account_move
                request.write({"move_id": invoice.id, "state": "invoiced", "error": False})
                # sudo: the register entry of the invoice just made for the request
                self.env["chain.fapiao"].sudo()._chain_create_for_move(invoice, request)
        except (UserError, ValidationError) as exc:
            _logger.info("Fapiao request %s: invoicing failed: %s", self.id, exc)
            request.error = str(exc.args[0] if exc.args else exc)
            return False
        request.message_post(body=_("Order invoiced: %s", request.move_id.name))
        return True

    def action_invoice(self):
        """Retry the invoicing of requests that failed (accountants)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accountants can invoice fapiao requests."))
        for request in self.filtered(lambda r: r.state == "requested"):
            request._chain_invoice()
        return True

    def action_cancel(self):
        """Cancel requests not invoiced yet (accountants)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accountants can cancel fapiao requests."))
        if any(r.state == "invoiced" for r in self):
            raise UserError(_("An invoiced request cannot be cancelled: reverse its fapiao (红冲) instead."))
        self.write({"state": "cancel"})
        return True
