import hmac
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.misc import hmac as odoo_hmac

from ..lib import pos_lot_rule

TOKEN_SCOPE = "chain_pos_expiry.override"
KEEP_DAYS = 90  # long enough for a till offline for weeks, and for the audit of overrides


class ChainPosPinAttempt(models.Model):
    """A store manager's PIN typed at a till to allow a refused lot, as the server judged it.

    Wrong PINs close the check for the cashier and for the manager after a few tries
    (``lib.pos_lot_rule.locked_until``). A right one is a grant: the till gets a signed
    token bound to the order, the line, the lot and the manager, which the server checks,
    and uses up, when the order is synced. Only the server writes these rows (as superuser
    in ``pos.session.chain_verify_override_pin`` and the lot check at sync)."""

    _name = "chain.pos.pin.attempt"
    _description = "POS Override PIN Attempt"
    _order = "id desc"

    user_id = fields.Many2one("res.users", string="Cashier", required=True, index=True, ondelete="cascade")
    manager_id = fields.Many2one("res.users", string="Store Manager", required=True, index=True, ondelete="cascade")
    session_id = fields.Many2one("pos.session", string="Session", ondelete="cascade")
    success = fields.Boolean(help="The PIN was right: this attempt is a grant for one order line.")
    order_uuid = fields.Char()
    line_uuid = fields.Char()
    lot_name = fields.Char()
    reason = fields.Char()
    used_line_id = fields.Many2one(
        "pos.order.line", string="Used By", ondelete="set null", help="The synced line this grant overrode."
    )

    # Written by the server only (superuser); no one else has write access either.
    _chain_guarded_fields = dict.fromkeys(
        ("user_id", "manager_id", "session_id", "success", "order_uuid", "line_uuid", "lot_name", "reason"),
        ("_chain_pos_pin_record",),
    )
    _chain_guarded_fields["used_line_id"] = ("_chain_pos_pin_record", "_chain_use_grant")

    def _chain_pos_pin_record(self, vals):
        """Record an attempt (server only, as superuser)."""
        return self.sudo().create(vals)  # sudo: attempts are the server's record; no role writes them

    def _chain_override_signature(self):
        self.ensure_one()
        message = pos_lot_rule.override_message(
            self.id, self.order_uuid, self.line_uuid, self.lot_name, self.manager_id.id
        )
        return odoo_hmac(self.env(su=True), TOKEN_SCOPE, message)

    def _chain_override_token(self):
        """The token the till puts on the line: ``<attempt id>.<HMAC of its bindings>``."""
        self.ensure_one()
        return f"{self.id}.{self._chain_override_signature()}"

    @api.model
    def _chain_find_grant(self, token):
        """The grant (a right PIN) ``token`` was issued for, if its signature is right; else empty."""
        parsed = pos_lot_rule.parse_token(token)
        if not parsed:
            return self.browse()
        grant = self.sudo().browse(parsed[0]).exists()  # sudo: the cashier syncing cannot read attempts
        if not (grant and grant.success):
            return self.browse()
        if not hmac.compare_digest(grant._chain_override_signature(), parsed[1]):
            return self.browse()
        return grant

    def _chain_use_grant(self, line):
        """Mark this grant used by ``line`` (the lot check at sync)."""
        self.ensure_one()
        self.sudo().used_line_id = line  # sudo: see _chain_pos_pin_record

    @api.autovacuum
    def _gc_old_attempts(self):
        # sudo: the vacuum runs for every database user; attempts older than KEEP_DAYS go
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=KEEP_DAYS))]).unlink()
