from odoo import _, api, models
from odoo.tools import SQL, format_datetime

from ..lib import pos_lot_rule


class PosSession(models.Model):
    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    @api.model
    def _load_pos_data_models(self, config_id):
        models_ = super()._load_pos_data_models(config_id)
        if self.env.context.get("chain_pos_expiry_off"):  # the benchmark's baseline
            return models_
        return [*models_, "stock.lot"]

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        if not self.env.context.get("chain_pos_expiry_off"):
            result["data"][0]["_chain_override_managers"] = self._chain_override_managers_data()
        return result

    def _chain_override_managers_data(self):
        """Who may override a lot refusal at this till: ids and names only. Nothing derived
        from a PIN reaches the till: it sends the PIN to ``chain_verify_override_pin``."""
        managers = self.env["res.users"]._chain_pos_override_managers(self.config_id.chain_store_id)
        return [{"id": user.id, "name": user.name} for user in managers]

    # -- the override PIN, checked by the server ----------------------------------------

    def chain_verify_override_pin(self, manager_id, pin, order_uuid, line_uuid, lot_name, reason):
        """Check the PIN a store manager typed at this till to allow ``lot_name`` on the order
        line ``line_uuid`` of order ``order_uuid``, for ``reason``.

        Returns ``{"token": ...}``, a signed one-time token bound to the order, the line, the
        lot and the manager that the lot check accepts once at sync, or ``{"error": message}``.
        Wrong PINs are recorded; after ``PIN_ATTEMPTS`` within ``PIN_WINDOW`` the check is
        closed for ``PIN_LOCKOUT``, for the cashier and for the manager alike.
        """
        self.ensure_one()
        self.check_access("read")  # the caller's own session (store rules)
        if self.state not in ("opening_control", "opened") or not self.env.user._is_internal():
            return {"error": _("This session is closed: the PIN cannot be checked.")}
        if not all(isinstance(value, str) and value for value in (pin, order_uuid, line_uuid, lot_name, reason)):
            return {"error": _("Choose the store manager and a reason, and type the PIN.")}
        managers = self.env["res.users"]._chain_pos_override_managers(self.config_id.chain_store_id)
        manager = managers.filtered(lambda user: user.id == manager_id)
        if not manager:
            return {"error": _("This user cannot allow a refused lot at this store.")}
        cashier = self.env.user
        self._chain_pin_lock(cashier, manager)
        now = self.env.cr.now()  # the clock of create_date
        until = self._chain_pin_locked_until(cashier, manager, now)
        if until:
            return {
                "error": _(
                    "Too many wrong PINs: the PIN check is closed until %s. Ask the store manager to come to "
                    "the till, or do not sell this unit.",
                    format_datetime(self.env, until, dt_format="HH:mm"),
                )
            }
        success = manager._chain_check_pos_pin(pin)
        Attempt = self.env["chain.pos.pin.attempt"]
        attempt = Attempt._chain_pos_pin_record(
            {
                "user_id": cashier.id,
                "manager_id": manager.id,
                "session_id": self.id,
                "success": success,
                "order_uuid": order_uuid,
                "line_uuid": line_uuid,
                "lot_name": lot_name,
                "reason": reason,
            }
        )
        if not success:
            return {"error": _("Wrong PIN.")}
        return {"token": attempt._chain_override_token()}

    def _chain_pin_lock(self, cashier, manager):
        """Serialise the PIN checks of this cashier and of this manager (parallel tries count)."""
        for key in (f"chain_pos_pin:user:{cashier.id}", f"chain_pos_pin:manager:{manager.id}"):
            self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", key))

    def _chain_pin_locked_until(self, cashier, manager, now):
        """When the PIN check opens again for ``cashier`` or ``manager``, or None if open."""
        since = now - pos_lot_rule.PIN_WINDOW - pos_lot_rule.PIN_LOCKOUT
        # sudo: the cashier asking cannot read attempts (chain managers only)
        failures = (
            self.env["chain.pos.pin.attempt"]
            .sudo()
            .search_read(
                [("success", "=", False), ("create_date", ">=", since), "|",
                 ("user_id", "=", cashier.id), ("manager_id", "=", manager.id)],
                ["user_id", "manager_id", "create_date"],
                load=False,
            )
        )  # fmt: skip
        by_cashier = [row["create_date"] for row in failures if row["user_id"] == cashier.id]
        by_manager = [row["create_date"] for row in failures if row["manager_id"] == manager.id]
        until = [pos_lot_rule.locked_until(times, now) for times in (by_cashier, by_manager)]
        return max((u for u in until if u), default=None)
