import logging
from datetime import datetime, time, timedelta

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib.pricing import apply_percent
from .chain_price_history import SCOPES

_logger = logging.getLogger(__name__)


# what a submitted change keeps as it was submitted (and approved): where and when it applies
HEADER_FIELDS = {"company_id", "scope", "pricelist_target", "store_id", "region_id", "pricelist_id", "effective_date"}


class ChainPriceChange(models.Model):
    """A price change request (调价单): new prices for products, chain-wide (list price) or in the
    pricelist of a store or a region, from an effective date, with a reason.

    Flow: draft -> to approve (when the company approves price changes) -> approved -> done
    (the daily job, or *Apply Now*, wrote the prices on the effective date) / cancelled.
    An approved change that could not apply keeps its error in ``apply_error`` and stays approved.
    """

    _name = "chain.price.change"
    _description = "Price Change"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "effective_date desc, id desc"
    _chain_guarded_fields = {
        "state": ("action_submit", "action_approve", "action_reset_draft", "action_cancel", "_chain_apply_one"),
        "approved_by_id": ("action_approve", "action_reset_draft"),
        "applied_date": ("_chain_apply_one",),
        "apply_error": ("action_submit", "action_reset_draft", "_chain_apply_one", "_chain_record_apply_error"),
    }
    _chain_store_field = "store_id"

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    scope = fields.Selection(SCOPES, required=True, default="pricelist", tracking=True)
    pricelist_target = fields.Selection(
        [("store", "Store"), ("region", "Region")], string="Pricelist of", default="store",
    )  # fmt: skip
    store_id = fields.Many2one(
        "chain.store", string="Store", index=True, tracking=True, check_company=True,
        default=lambda self: self.env.user.chain_store_id,
    )  # fmt: skip
    region_id = fields.Many2one("chain.store.region", string="Region", index=True, tracking=True)
    pricelist_id = fields.Many2one(
        "product.pricelist", compute="_compute_pricelist_id", store=True, string="Pricelist",
        help="The pricelist of the store or region, where the new prices are written.",
    )  # fmt: skip
    effective_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True, index=True)
    reason = fields.Text(required=True)
    user_id = fields.Many2one("res.users", string="Requested by", default=lambda self: self.env.user, readonly=True)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    applied_date = fields.Datetime(readonly=True, copy=False)
    apply_error = fields.Text(readonly=True, copy=False, help="Why the last attempt to apply this change failed.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("done", "Applied"),
            ("cancel", "Cancelled"),
        ],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    line_ids = fields.One2many("chain.price.change.line", "change_id", string="Lines", copy=True)
    line_count = fields.Integer(compute="_compute_line_count")

    @api.depends("scope", "pricelist_target", "store_id.pricelist_id", "region_id.pricelist_id")
    def _compute_pricelist_id(self):
        for change in self:
            if change.scope != "pricelist":
                change.pricelist_id = False
            elif change.pricelist_target == "region":
                change.pricelist_id = change.region_id.pricelist_id
            else:
                change.pricelist_id = change.store_id.pricelist_id

    @api.depends("line_ids")
    def _compute_line_count(self):
        for change in self:
            change.line_count = len(change.line_ids)

    @api.constrains("scope", "pricelist_target", "store_id", "region_id")
    def _check_target(self):
        for change in self:
            if change.scope != "pricelist":
                continue
            if change.pricelist_target == "store" and not change.store_id:
                raise ValidationError(_("Price change %s changes a store pricelist: choose the store.", change.name))
            if change.pricelist_target == "region" and not change.region_id:
                raise ValidationError(_("Price change %s changes a region pricelist: choose the region.", change.name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("name") or vals["name"] == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("chain.price.change") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if HEADER_FIELDS & set(vals) and not self.env.su:
            self._chain_check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        if any(change.state not in ("draft", "cancel") for change in self):
            raise UserError(_("Only draft or cancelled price changes can be deleted."))

    # -- affected stores ------------------------------------------------------

    def _chain_affected_stores(self):
        """Hook: the stores whose prices this change moves (every store for a list price)."""
        self.ensure_one()
        # sudo: the stores of a region, to check who manages them all, whatever the user sees
        Store = self.env["chain.store"].sudo()
        if self.scope == "list_price":
            return Store.search([("company_id", "=", self.company_id.id)])
        if self.pricelist_target == "region":
            return Store.search([("region_id", "child_of", self.region_id.id)])
        return self.store_id.sudo()

    def _chain_check_manager(self):
        """Raise AccessError unless the user may approve or apply this change: a chain manager,
        or for a store/region pricelist the store or region manager of every affected store."""
        self.ensure_one()
        if self.env.su:
            return
        user = self.env.user
        stores = self._chain_affected_stores()
        if self.scope == "list_price" or not stores:
            allowed = user.has_group("chain_store.group_chain_manager")
        else:
            allowed = user._chain_manages_stores(stores, all_of=True)
        if not allowed:
            if self.scope == "list_price":
                raise AccessError(_("Only a chain manager may approve the list price change %s.", self.name))
            raise AccessError(
                _("Only a manager of every store of %(change)s may do this: %(stores)s.",
                  change=self.name, stores=", ".join(stores.mapped("display_name")))
            )  # fmt: skip

    def _chain_check_draft(self):
        """Raise UserError unless every change of ``self`` is a draft: submitted prices stay as approved."""
        for change in self:
            if change.state != "draft":
                raise UserError(
                    _("Price change %s is no longer a draft: its products and prices are fixed.", change.name)
                )

    # -- flow -----------------------------------------------------------------

    def _chain_approval_required(self):
        """Hook: whether submitted changes wait for an approval (the company setting)."""
        self.ensure_one()
        return self.company_id.chain_price_change_approval

    def _chain_check_submit(self):
        """Raise UserError when this change cannot be submitted, saying why."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("Price change %s is not a draft.", self.name))
        if not self.line_ids:
            raise UserError(_("Price change %s has no product.", self.name))
        if self.effective_date < fields.Date.context_today(self):
            raise UserError(
                _("The effective date of %(change)s, %(date)s, is in the past.",
                  change=self.name, date=self.effective_date)
            )  # fmt: skip
        if self.scope == "pricelist" and not self.pricelist_id:
            target = self.store_id if self.pricelist_target == "store" else self.region_id
            raise UserError(_("%s has no pricelist: set one on it before changing its prices.", target.display_name))
        products = self.line_ids.product_id
        if len(products) != len(self.line_ids):
            raise UserError(_("Price change %s lists a product twice.", self.name))
        if self.scope == "list_price" and len(products.product_tmpl_id) != len(products):
            raise UserError(
                _("Price change %s lists two variants of one product: a list price is shared by all variants.",
                  self.name)
            )  # fmt: skip

    def action_submit(self):
        for change in self:
            change._chain_check_submit()
            change.line_ids._chain_freeze_current_price()
            # without the approval setting, the submitter's own right is the approval: a change
            # they could not approve waits for one who may (a list price for a chain manager)
            needed = change._chain_approval_required() or not change._chain_may_approve()
            change.write({"state": "to_approve" if needed else "approved", "apply_error": False})
        return True

    def _chain_may_approve(self):
        """Whether the user may approve (and apply) this change."""
        try:
            self._chain_check_manager()
        except AccessError:
            return False
        return True

    def action_approve(self):
        for change in self:
            if change.state != "to_approve":
                raise UserError(_("Price change %s is not waiting for an approval.", change.name))
            change._chain_check_manager()
            change.write({"state": "approved", "approved_by_id": self.env.user.id})
        return True

    def action_reset_draft(self):
        for change in self:
            if change.state not in ("to_approve", "approved", "cancel"):
                raise UserError(_("Price change %s has been applied: it can no longer go back to draft.", change.name))
            change.write({"state": "draft", "approved_by_id": False, "apply_error": False})
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, _("Withdrawn: the price change went back to draft."))
        return True

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: ``request`` was cancelled or rejected; a change waiting for it goes back to
        draft (to be submitted again), so that it never waits for nobody."""
        for change in self.filtered(lambda c: c.state == "to_approve"):
            change.action_reset_draft()
            change.message_post(body=_("The approval was cancelled or rejected: the price change is back to draft."))

    def action_cancel(self):
        for change in self:
            if change.state == "done":
                raise UserError(_("Price change %s has been applied: make a new change instead.", change.name))
            change.state = "cancel"
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, _("Withdrawn: the price change was cancelled."))
        return True

    # -- applying -------------------------------------------------------------

    def action_apply_now(self):
        """Apply approved changes effective today or earlier (managers), rather than wait for
        the night's job."""
        today = fields.Date.context_today(self)
        for change in self:
            if change.state != "approved":
                raise UserError(_("Price change %s must be approved before it applies.", change.name))
            if change.effective_date > today:
                raise UserError(
                    _("Price change %(change)s applies on %(date)s, not before.", change=change.name,
                      date=change.effective_date)
                )  # fmt: skip
            change._chain_check_manager()
        # sudo: the prices are product and pricelist data; the user's right was checked above
        self.sudo()._chain_apply()
        return True

    @api.model
    def _cron_apply(self):
        """Daily job: apply every approved change whose effective date has come where it was
        requested (the requester's time zone, in which its pricelist items start): a Shanghai
        change for 6 March applies from 00:00 in Shanghai, whatever the server's zone."""
        now = fields.Datetime.now()
        # no time zone is more than 14 hours ahead of UTC: a later date has come nowhere yet
        horizon = (now + timedelta(hours=14)).date()
        # sudo: the job applies the changes of every store of every company
        changes = self.sudo().search(
            [("state", "=", "approved"), ("effective_date", "<=", horizon)], order="effective_date, id"
        )
        due = changes.filtered(
            lambda change: (
                change.effective_date
                <= fields.Date.context_today(change.with_context(tz=change.user_id.tz or "UTC"), now)
            )
        )
        due._chain_apply()
        return True

    def _chain_apply(self):
        """Apply each change in its own savepoint: one that fails keeps its error in
        ``apply_error`` (and in its chatter) and stays approved; the others apply."""
        for change in self.filtered(lambda c: c.state == "approved"):
            try:
                with self.env.cr.savepoint():
                    change._chain_apply_one()
            except (UserError, ValidationError, AccessError) as error:
                message = str(error.args[0]) if error.args else str(error)
                _logger.info("Price change %s not applied: %s", change.name, message)
                change._chain_record_apply_error(message)
            except Exception as error:  # pylint: disable=broad-except
                # an unforeseen error on one change must not stop the others of the night's job
                _logger.exception("Price change %s not applied", change.name)
                change._chain_record_apply_error(_("Unexpected error: %s", error))

    def _chain_record_apply_error(self, message):
        self.ensure_one()
        self.write({"apply_error": message})
        self.message_post(body=_("Not applied: %s", message))

    def _chain_check_apply(self):
        self.ensure_one()
        lines = self.line_ids.with_context(active_test=False)
        archived = lines.product_id.filtered(lambda p: not p.active or not p.product_tmpl_id.active)
        if archived:
            raise UserError(_("Archived products cannot change price: %s.", ", ".join(archived.mapped("display_name"))))
        if self.scope == "pricelist" and not self.pricelist_id:
            raise UserError(_("Price change %s has no pricelist to write in.", self.name))

    def _chain_apply_one(self):
        self.ensure_one()
        self._chain_check_apply()
        if self.scope == "list_price":
            for line in self.line_ids:
                line.product_id.product_tmpl_id.with_context(chain_price_change_id=self.id).list_price = line.new_price
        else:
            self._chain_apply_pricelist()
        self.write({"state": "done", "applied_date": fields.Datetime.now(), "apply_error": False})
        self.message_post(body=_("Prices applied."))

    def _chain_effective_datetime(self):
        """The effective date's midnight in the requester's time zone (Asia/Shanghai when
        unknown), as the naive UTC datetime pricelist items hold."""
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "Asia/Shanghai")
        local = tz.localize(datetime.combine(self.effective_date, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _prepare_pricelist_item_vals(self, line, start):
        return {
            "pricelist_id": self.pricelist_id.id,
            "applied_on": "0_product_variant",
            "product_id": line.product_id.id,
            "product_tmpl_id": line.product_id.product_tmpl_id.id,
            "compute_price": "fixed",
            "fixed_price": line.new_price,
            "min_quantity": 0,
            "date_start": start,
        }

    def _chain_apply_pricelist(self):
        """Write a fixed-price item per line from the effective date; the product's earlier
        open item in this pricelist ends just before. Applying twice updates the same item."""
        start = self._chain_effective_datetime()
        # the context tells the pricelist items that this change logs its own history
        Item = self.env["product.pricelist.item"].with_context(chain_price_change_id=self.id)
        history = []
        for line in self.line_ids:
            items = Item.search(
                [
                    ("pricelist_id", "=", self.pricelist_id.id),
                    ("applied_on", "=", "0_product_variant"),
                    ("product_id", "=", line.product_id.id),
                    ("compute_price", "=", "fixed"),
                    ("min_quantity", "<=", 1),
                ]
            )
            same = items.filtered(lambda i, s=start: i.date_start == s)[:1]
            earlier = items.filtered(lambda i, s=start: (not i.date_start or i.date_start < s)
                                     and (not i.date_end or i.date_end >= s))  # fmt: skip
            earlier.write({"date_end": start - timedelta(seconds=1)})
            vals = self._prepare_pricelist_item_vals(line, start)
            if same:
                same.write(vals)
            else:
                Item.create(vals)
            history.append(
                {
                    "product_tmpl_id": line.product_id.product_tmpl_id.id,
                    "product_id": line.product_id.id,
                    "scope": "pricelist",
                    "pricelist_id": self.pricelist_id.id,
                    "store_id": self.store_id.id if self.pricelist_target == "store" else False,
                    "region_id": self.region_id.id if self.pricelist_target == "region" else False,
                    "old_price": line.current_price,
                    "new_price": line.new_price,
                    "effective_date": self.effective_date,
                    "change_id": self.id,
                    "user_id": self.approved_by_id.id or self.user_id.id,
                    "company_id": self.company_id.id,
                }
            )
        self.env["chain.price.history"]._record(history)

    def action_view_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Lines of %s", self.name),
            "res_model": "chain.price.change.line",
            "view_mode": "list",
            "views": [(self.env.ref("chain_price_change.chain_price_change_line_view_list").id, "list")],
            "domain": [("change_id", "=", self.id)],
            "context": {"default_change_id": self.id},
        }

    def _chain_add_products(self, products, percent=0.0, step=0.01):
        """Add a line per product of ``products`` (variants), at the current price moved by ``percent``."""
        self.ensure_one()
        commands = []
        for product in products - self.line_ids.product_id:
            current = self.line_ids._chain_current_price_of(product, self)
            new_price = apply_percent(current, percent, step)
            commands.append(Command.create({"product_id": product.id, "new_price": new_price}))
        self.line_ids = commands
