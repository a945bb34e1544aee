from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import fapiao_number

KINDS = [
    ("digital_normal", "Digital Fapiao, Ordinary (数电票 普票)"),
    ("digital_special", "Digital Fapiao, Special (数电票 专票)"),
    ("paper_normal", "Paper Fapiao, Ordinary (纸质普票)"),
    ("paper_special", "Paper Fapiao, Special (纸质专票)"),
]


class ChainFapiao(models.Model):
    """An entry of the fapiao register (发票登记): one fapiao issued (or to issue) for an
    invoice or, red-letter (红字), for the credit note that reverses it."""

    _name = "chain.fapiao"
    _description = "Fapiao"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_name = "display_number"
    _chain_guarded_fields = {
        "state": ("action_issue", "action_cancel", "action_red_reverse", "_chain_issue"),
        "origin_id": (),
    }
    _chain_store_field = "store_id"

    move_id = fields.Many2one(
        "account.move",
        string="Invoice / Credit Note",
        required=True,
        ondelete="restrict",
        index=True,
        domain=[("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
    )
    request_id = fields.Many2one("chain.fapiao.request", string="Request", readonly=True, index="btree_not_null")
    company_id = fields.Many2one("res.company", related="move_id.company_id", store=True, index=True)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id")
    store_id = fields.Many2one(
        "chain.store", compute="_compute_store_id", store=True, index=True, string="Store", recursive=True
    )
    kind = fields.Selection(KINDS, string="Type", required=True, default="digital_normal", tracking=True)
    number = fields.Char(tracking=True, copy=False, help="20 digits for a digital fapiao, 8 for a paper one")
    code = fields.Char(string="Fapiao Code", copy=False, help="发票代码: 10 or 12 digits, paper fapiao only")
    number_key = fields.Char(compute="_compute_number_key", store=True, index=True)
    display_number = fields.Char(compute="_compute_display_number", string="Fapiao")
    issue_date = fields.Date(tracking=True, copy=False)
    partner_id = fields.Many2one("res.partner", string="Buyer", related="move_id.partner_id", store=True)
    buyer_vat = fields.Char(string="Buyer Tax ID", related="move_id.partner_id.vat")
    amount_untaxed = fields.Monetary(string="Untaxed Amount")
    amount_tax = fields.Monetary(string="Tax")
    amount_total = fields.Monetary(string="Total")
    state = fields.Selection(
        [("to_issue", "To Issue"), ("issued", "Issued"), ("reversed", "Red-Letter Reversed"), ("cancel", "Cancelled")],
        default="to_issue",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    origin_id = fields.Many2one("chain.fapiao", string="Reverses", readonly=True, index="btree_not_null")
    red_ids = fields.One2many("chain.fapiao", "origin_id", string="Red-Letter Fapiao")
    is_red = fields.Boolean(string="Red-Letter", compute="_compute_is_red", store=True)

    _sql_constraints = [
        ("number_company_uniq", "unique(company_id, number_key)", "This fapiao number is already in the register."),
    ]

    @api.depends("request_id.store_id", "move_id.pos_order_ids.config_id.chain_store_id", "origin_id.store_id")
    def _compute_store_id(self):
        for fapiao in self:
            fapiao.store_id = (
                fapiao.request_id.store_id
                or fapiao.move_id.pos_order_ids[:1].config_id.chain_store_id
                or fapiao.origin_id.store_id
            )

    @api.depends("code", "number")
    def _compute_number_key(self):
        for fapiao in self:
            number = (fapiao.number or "").strip()
            fapiao.number_key = f"{fapiao.code.strip()}-{number}" if fapiao.code and number else number or False

    @api.depends("number_key")
    def _compute_display_number(self):
        for fapiao in self:
            fapiao.display_number = fapiao.number_key or _("Draft fapiao")

    @api.depends("origin_id")
    def _compute_is_red(self):
        for fapiao in self:
            fapiao.is_red = bool(fapiao.origin_id)

    @api.constrains("kind", "number", "code", "issue_date")
    def _check_number(self):
        for fapiao in self.filtered("number"):
            message = fapiao._chain_number_error(fapiao.number, fapiao.code, fapiao.issue_date)
            if message:
                raise ValidationError(message)

    def _chain_number_error(self, number, code=None, issue_date=None):
        """A translated reason why ``number`` (``code``) is wrong for this entry's type, or ``None``."""
        self.ensure_one()
        if self.kind in fapiao_number.DIGITAL_KINDS:
            reason = fapiao_number.digital_number_error(number, issue_date.year if issue_date else None)
            messages = {
                "length": _("A digital fapiao number has 20 digits, not %(n)s (%(number)s)."),
                "digits": _("A digital fapiao number has digits only (%(number)s)."),
                "year": _("The digital fapiao number %(number)s does not start with the year of issue."),
                "province": _("The digital fapiao number %(number)s has no valid province code (digits 3-4)."),
            }
        else:
            reason = fapiao_number.legacy_number_error(code, number)
            messages = {
                "code": _("A paper fapiao code has 10 or 12 digits (%(code)s)."),
                "number": _("A paper fapiao number has 8 digits (%(number)s)."),
            }
        if not reason:
            return None
        return messages[reason] % {"n": len((number or "").strip()), "number": number, "code": code or ""}

    @api.constrains("amount_untaxed", "amount_tax", "amount_total", "move_id")
    def _check_amounts(self):
        for fapiao in self:
            expected = fapiao._chain_move_amounts(fapiao.move_id)
            currency = fapiao.company_id.currency_id
            for field, amount in expected.items():
                if currency.compare_amounts(fapiao[field], amount):
                    raise ValidationError(
                        _(
                            "The fapiao's amounts must tie to %(move)s: %(field)s is %(expected)s, not %(given)s.",
                            move=fapiao.move_id.display_name,
                            field=fapiao._fields[field]._description_string(self.env),
                            expected=amount,
                            given=fapiao[field],
                        )
                    )

    @api.model
    def _chain_move_amounts(self, move):
        """The amounts a fapiao of ``move`` carries (company currency; negative for a credit note)."""
        return {
            "amount_untaxed": move.amount_untaxed_signed,
            "amount_tax": move.amount_tax_signed,
            "amount_total": move.amount_total_signed,
        }

    @api.model_create_multi
    def create(self, vals_list):
        self._chain_check_accountant()
        for vals in vals_list:
            if vals.get("move_id"):
                move = self.env["account.move"].browse(vals["move_id"])
                if move.move_type not in ("out_invoice", "out_refund") or move.state != "posted":
                    raise UserError(_("A fapiao is registered for a posted customer invoice or credit note."))
                for field, amount in self._chain_move_amounts(move).items():
                    vals.setdefault(field, amount)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._chain_check_accountant()
            if "move_id" in vals:
                raise UserError(_("The invoice of a fapiao cannot be changed."))
            if set(vals) & {"number", "code", "issue_date", "kind"} and any(f.state != "to_issue" for f in self):
                raise UserError(_("The number of an issued fapiao cannot be changed: reverse it (红冲) instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_to_issue(self):
        if any(f.state != "to_issue" or f.number for f in self):
            raise UserError(_("Only a fapiao not issued yet can be deleted."))

    def _chain_check_accountant(self):
        if not self.env.su and not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accountants manage the fapiao register."))

    @api.model
    def _chain_create_for_move(self, move, request=None):
        """The register entry "to issue" of an invoice (hook; one per invoice)."""
        existing = move.chain_fapiao_ids.filtered(lambda f: f.state in ("to_issue", "issued"))
        if existing:
            return existing[:1]
        kind = "digital_special" if request and request.fapiao_type == "special" else "digital_normal"
        return self.create({"move_id": move.id, "request_id": request.id if request else False, "kind": kind})

    def action_issue(self):
        """Mark as issued the entries whose number is filled (the date defaults to today)."""
        self._chain_check_accountant()
        for fapiao in self:
            if fapiao.state != "to_issue":
                raise UserError(_("Only a fapiao to issue can be issued."))
            if not fapiao.number:
                raise UserError(_("Enter the fapiao number before marking it issued."))
            fapiao._chain_issue(fapiao.number, fapiao.code, fapiao.issue_date or fields.Date.context_today(fapiao))
        return True

    def _chain_issue(self, number, code=None, issue_date=None):
        self.ensure_one()
        message = self._chain_number_error(number, code, issue_date)
        if message:
            raise ValidationError(message)
        self.write({"number": number, "code": code or False, "issue_date": issue_date, "state": "issued"})

    def action_cancel(self):
        """Cancel an entry not issued yet, or a paper fapiao issued this month (作废)."""
        self._chain_check_accountant()
        today = fields.Date.context_today(self)
        for fapiao in self:
            if fapiao.state == "issued" and (
                fapiao.kind in fapiao_number.DIGITAL_KINDS
                or (fapiao.issue_date.year, fapiao.issue_date.month) != (today.year, today.month)
            ):
                raise UserError(
                    _("An issued digital fapiao, or a paper one of a past month, is not cancelled: reverse it (红冲).")
                )
            if fapiao.state not in ("to_issue", "issued"):
                raise UserError(_("Only a fapiao to issue or issued can be cancelled."))
        self.write({"state": "cancel"})
        return True

    def action_red_reverse(self):
        """Red-letter reversal (红冲): a credit note reverses the invoice (Odoo's reversal) and a
        red fapiao "to issue", with negative amounts, is linked to this one."""
        self._chain_check_accountant()
        reds = self.browse()
        for fapiao in self:
            if fapiao.state != "issued" or fapiao.is_red:
                raise UserError(_("Only an issued fapiao (not a red one) can be reversed."))
            invoice = fapiao.move_id
            if invoice.move_type != "out_invoice":
                raise UserError(_("Only the fapiao of an invoice can be reversed."))
            credit_note = invoice._reverse_moves(
                [
                    {
                        "ref": _("Red-letter reversal of fapiao %s", fapiao.display_number),
                        "invoice_date": fields.Date.context_today(fapiao),
                    }
                ],
                cancel=True,
            )
            red = self.create({"move_id": credit_note.id, "kind": fapiao.kind, "request_id": fapiao.request_id.id})
            # sudo: the link to the original is set by the server only (a guarded field)
            red.sudo().origin_id = fapiao
            fapiao.write({"state": "reversed"})
            reds |= red
        if len(reds) == 1:
            return {
                "type": "ir.actions.act_window",
                "res_model": "chain.fapiao",
                "res_id": reds.id,
                "view_mode": "form",
            }
        return True
