import datetime

from odoo import _, api, fields, models

from odoo.addons.chain_stock_expiry.lib import shelf_life

from ..lib import pos_lot_rule

ISSUE_SELECTION = [
    ("missing_lot", "Lot missing"),
    ("blocked", "Lot blocked"),
    ("unknown_lot", "Lot unknown"),
    ("expired", "Expired"),
    ("removal", "Past removal date"),
    ("near", "Near expiry"),
]
OVERRIDE_REASONS = [
    ("date_error", "Date recorded wrongly"),
    ("lot_error", "Lot recorded wrongly"),
    ("not_received", "Lot not yet received in the system"),
    ("markdown", "Sold at a markdown, customer informed"),
    ("other", "Other"),
]


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    chain_expiry_issue = fields.Selection(
        ISSUE_SELECTION,
        string="Lot Issue",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="What the lot rule found when the order was synced.",
    )
    chain_days_left = fields.Integer(
        string="Days Left", readonly=True, copy=False, help="Days to the lot's expiry on the order date."
    )
    chain_override_uid = fields.Integer(
        string="Override Requested By", readonly=True, help="User id of the manager the till says allowed the lot."
    )
    chain_override_user_id = fields.Many2one(
        "res.users",
        string="Override By",
        readonly=True,
        copy=False,
        help="Store manager who let this lot be sold (set by the server once the PIN is verified).",
    )
    chain_override_reason = fields.Selection(OVERRIDE_REASONS, string="Override Reason", readonly=True)
    chain_override_note = fields.Char(string="Override Note", readonly=True)
    chain_override_token = fields.Char(
        copy=False,
        readonly=True,
        help="Token the server gave the till when the manager's PIN was checked, bound to this order, "
        "line, lot and manager; cleared once checked at sync.",
    )
    chain_overridden = fields.Boolean(
        string="Overridden",
        readonly=True,
        copy=False,
        help="A store manager's override was verified and applied to this line.",
    )

    # What the server found and verified: the till's claim of an override (manager, reason,
    # token) is input, judged at sync; its result only the lot check and the store manager's
    # acceptance write.
    _chain_guarded_fields = {
        "chain_expiry_issue": ("_chain_check_lots", "_chain_record_manager_override"),
        "chain_days_left": ("_chain_check_lots", "_chain_record_manager_override"),
        "chain_overridden": ("_chain_check_lots", "_chain_record_manager_override"),
        "chain_override_user_id": ("_chain_check_lots", "_chain_record_manager_override"),
    }
    _chain_store_field = "order_id.config_id.chain_store_id"

    @api.model
    def _chain_server_fields(self):
        """Fields of a line that only the server sets (dropped from what a till sends)."""
        return tuple(type(self)._chain_guard_declarations())

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "chain_expiry_issue",
            "chain_days_left",
            "chain_override_uid",
            "chain_override_reason",
            "chain_override_note",
            "chain_override_token",
            "chain_overridden",
        ]

    def _chain_lot_required(self):
        self.ensure_one()
        product = self.product_id
        return product.tracking != "none" and (product.chain_pos_lot_required or product.use_expiration_date)

    def _chain_lot_values(self, pack):
        """The lot of ``pack`` as ``lib.pos_lot_rule.classify`` reads it, or None if Odoo has no such lot.

        A lot unknown to Odoo whose expiry was scanned gets its removal date from the
        shelf-life policy of the product, as if it had been received.
        """
        lot = pack.chain_lot_id
        if lot:
            return {
                "expiration_date": lot.expiration_date,
                "removal_date": lot.removal_date,
                "alert_date": lot.alert_date,
                "blocked": lot.chain_blocked,
            }
        if not pack.chain_scanned_expiry:
            return None
        expiry = datetime.datetime.combine(pack.chain_scanned_expiry, datetime.time())
        policy = self.env["chain.shelf.life.policy"]._chain_find(self.product_id, company=self.order_id.company_id)
        total = policy._total_days(self.product_id, expiry=expiry) if policy else self.product_id.expiration_time
        dates = shelf_life.stage_dates(
            expiry,
            total,
            near=policy._threshold("near") if policy else None,
            last_sale=policy._threshold("last_sale") if policy else None,
            removal=policy._threshold("removal") if policy else None,
        )
        return {"expiration_date": expiry, "removal_date": dates["removal"], "alert_date": dates["near"]}

    def _chain_check_lots(self, at):
        """Apply the lot rule to each line in ``self`` at ``at``; return ``{line: issue}`` of the
        lines whose issue stops the sale (overridden lines excluded). Writes the issue, days
        left and whether an override was applied on every line; drops the override tokens."""
        refused = {}
        managers_by_store = {}  # who may override, looked up once per store
        for line in self:
            if line.qty <= 0 or line.product_id.tracking == "none":
                continue  # a return, or a product without lots
            packs = line.pack_lot_ids.filtered("lot_name")
            needed = int(abs(line.qty)) if line.product_id.tracking == "serial" else 1
            required = line._chain_lot_required()
            results = [
                pos_lot_rule.classify(
                    at,
                    pack.lot_name,
                    line._chain_lot_values(pack),
                    scanned_expiry=pack.chain_scanned_expiry
                    and datetime.datetime.combine(pack.chain_scanned_expiry, datetime.time()),
                    required=required,
                )
                for pack in packs
            ]
            if required and len(packs) < needed:
                results.append(("missing_lot", None))
            issue = pos_lot_rule.worst(result[0] for result in results)
            days = [result[1] for result in results if result[1] is not None]
            overridden = False
            if issue in pos_lot_rule.OVERRIDABLE and line.chain_override_uid:
                store = line.order_id.config_id.chain_store_id
                if store not in managers_by_store:
                    managers_by_store[store] = self.env["res.users"]._chain_pos_override_managers(store)
                overridden = line._chain_override_valid(managers_by_store[store])
            line.write(
                {
                    "chain_expiry_issue": issue or False,
                    "chain_days_left": min(days) if days else 0,
                    "chain_overridden": overridden,
                    "chain_override_user_id": line.chain_override_uid if overridden else False,
                    "chain_override_token": False,
                }
            )
            if issue in pos_lot_rule.BLOCKING and not overridden:
                refused[line] = issue
        return refused

    def _chain_record_manager_override(self, reason, note=False):
        """The current user (a store manager deciding on a refused order, see
        ``pos.order._chain_accept_refused``) takes responsibility for the lots of these lines."""
        self.write(
            {
                "chain_override_user_id": self.env.user.id,
                "chain_override_reason": reason,
                "chain_override_note": note,
                "chain_overridden": True,
            }
        )
        return True

    def _chain_override_valid(self, managers):
        """Whether this line carries an override by one of ``managers`` (those of the order's
        store, see ``res.users._chain_pos_override_managers``), with a reason and a token the
        server issued when that manager's PIN was typed for this very order, line and lot
        (``pos.session.chain_verify_override_pin``). A token serves one line only: the first
        line that uses it keeps it (the same order synced again is still accepted)."""
        self.ensure_one()
        if not (self.chain_override_uid and self.chain_override_reason and self.chain_override_token):
            return False
        if self.chain_override_uid not in managers.ids:
            return False
        grant = self.env["chain.pos.pin.attempt"]._chain_find_grant(self.chain_override_token)
        if not (
            grant
            and grant.manager_id.id == self.chain_override_uid
            and grant.order_uuid == self.order_id.uuid
            and grant.line_uuid == self.uuid
            and grant.lot_name in self.pack_lot_ids.mapped("lot_name")
            and grant.reason == self.chain_override_reason
            and grant.used_line_id in (self.browse(), self)
        ):
            return False
        grant._chain_use_grant(self)
        return True

    def _chain_issue_message(self, issue):
        """One line of the refusal message, in the user's language."""
        self.ensure_one()
        lots = ", ".join(self.pack_lot_ids.mapped("lot_name")) or "-"
        label = dict(self._fields["chain_expiry_issue"]._description_selection(self.env))[issue]
        return _("%(product)s, lot %(lots)s: %(issue)s", product=self.full_product_name or self.product_id.display_name,
                 lots=lots, issue=label)  # fmt: skip
