import hashlib
import importlib.util
import json
import pathlib

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from ..lib import pos_lot_rule
from ..models.res_users import PIN_HASH_COLUMN
from .common import PIN, ChainPosExpiryCase


def _stored_hash(user):
    user.env.cr.execute(SQL("SELECT %s FROM res_users WHERE id = %s", SQL.identifier(PIN_HASH_COLUMN), user.id))
    return user.env.cr.fetchone()[0]


@tagged("post_install", "-at_install")
class TestPinCheck(ChainPosExpiryCase):
    """The override PIN is checked by the server, which gives the till a token for one line
    (issue 20: the till used to check an unsalted SHA-1 of the PIN offline)."""

    def setUp(self):
        super().setUp()
        self.order_uuid = "order-1"
        self.line = self._line("OLD")[2]

    def _try(self, pin, user=None, manager=None):
        return self._verify_pin(self.order_uuid, self.line, manager or self.manager_a, pin, user=user)

    def _backdate_attempts(self, minutes):
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE chain_pos_pin_attempt SET create_date = create_date - make_interval(mins => %s)", [minutes]
        )
        self.env.invalidate_all()

    def test_pin_is_kept_as_a_salted_slow_hash(self):
        stored = _stored_hash(self.manager_a)
        self.assertTrue(stored.startswith("pbkdf2_sha256$"))
        self.assertTrue(pos_lot_rule.check_pin(PIN, stored))
        self.assertNotIn(hashlib.sha1(PIN.encode()).hexdigest(), stored)
        self.assertFalse(self.manager_a.sudo().chain_pos_pin, "the PIN is never read back")
        self.assertTrue(self.manager_a.sudo().chain_pos_pin_set)
        self.manager_a.sudo().chain_pos_pin = False
        self.assertIsNone(_stored_hash(self.manager_a))
        self.assertFalse(self.env["res.users"]._chain_pos_override_managers(self.store_a))

    def test_right_pin_gives_a_token_for_the_line(self):
        result = self._try(PIN)
        self.assertEqual(set(result), {"token"})
        grant = self.env["chain.pos.pin.attempt"]._chain_find_grant(result["token"])
        self.assertRecordValues(
            grant,
            [
                {
                    "success": True,
                    "user_id": self.cashier_a.id,
                    "manager_id": self.manager_a.id,
                    "order_uuid": "order-1",
                    "line_uuid": self.line["uuid"],
                    "lot_name": "OLD",
                }
            ],
        )
        grant_id, signature = pos_lot_rule.parse_token(result["token"])
        forged = f"{grant_id}.{'0' * len(signature)}"
        self.assertFalse(self.env["chain.pos.pin.attempt"]._chain_find_grant(forged))

    def test_wrong_pin_refused_then_locked_for_ten_minutes(self):
        for _attempt in range(pos_lot_rule.PIN_ATTEMPTS):
            self.assertEqual(self._try("0000"), {"error": "Wrong PIN."})
        locked = self._try(PIN)
        self.assertNotIn("token", locked, "even the right PIN is refused once locked")
        self.assertIn("Too many wrong PINs", locked["error"])
        # per manager: another cashier cannot go on guessing this manager's PIN
        cashier_2 = new_test_user(
            self.env,
            login="t_cashier_a2",
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(self.store_a.ids)],
            chain_store_id=self.store_a.id,
        )
        self.assertIn("Too many wrong PINs", self._try(PIN, user=cashier_2)["error"])
        self._backdate_attempts(9)
        self.assertIn("Too many wrong PINs", self._try(PIN)["error"])
        self._backdate_attempts(2)
        self.assertIn("token", self._try(PIN), "open again ten minutes after the fifth wrong PIN")

    def test_locked_per_cashier_across_managers(self):
        manager_a2 = self._user("t_manager_a2", "chain_store.group_chain_store_manager")
        manager_a2.write({"chain_store_ids": [Command.set(self.store_a.ids)], "chain_pos_pin": "8642"})
        for _attempt in range(pos_lot_rule.PIN_ATTEMPTS):
            self._try("0000")
        self.assertIn("Too many wrong PINs", self._try("8642", manager=manager_a2)["error"])

    def test_only_the_store_managers_and_the_right_shapes(self):
        self.assertIn("error", self._try(PIN, manager=self.manager_b))
        self.assertIn("error", self._try(PIN, manager=self.cashier_a))
        session = self.pos_session.with_user(self.cashier_a)
        for args in ((self.manager_a.id, 2468, "o", "l", "OLD", "other"), (self.manager_a.id, PIN, "", "l", "L", "x")):
            self.assertIn("error", session.chain_verify_override_pin(*args))

    def test_forged_token_is_refused_at_sync(self):
        def forge(line, grant_id, signature):
            return {
                "bad signature": f"{grant_id}.{signature[::-1]}",
                "old SHA-1 token": hashlib.sha1(f"{PIN}:{line['uuid']}".encode()).hexdigest(),
                "another grant's id": f"{grant_id - 1}.{signature}",
                "made up": "1.deadbeef",
            }

        for case in forge({"uuid": ""}, 1, "x"):
            with self.subTest(case):
                data = self._order(self._line("OLD", override=(self.manager_a, PIN, "date_error")))
                line = data["lines"][0][2]
                grant = pos_lot_rule.parse_token(line["chain_override_token"])
                line["chain_override_token"] = forge(line, *grant)[case]
                order, _response = self._sync(data)
                self.assertEqual((order.state, order.chain_expiry_state), ("draft", "refused"))
                self.assertFalse(order.lines.chain_overridden)

    def test_token_serves_one_line_once(self):
        data = self._order(self._line("OLD", override=(self.manager_a, PIN, "date_error")))
        order, _response = self._sync(data)
        self.assertEqual((order.state, order.chain_expiry_state), ("paid", "overridden"))
        token = self._verify_pin(data["uuid"], data["lines"][0][2], self.manager_a, PIN)["token"]
        grant = self.env["chain.pos.pin.attempt"]._chain_find_grant(token)
        self.assertFalse(grant.used_line_id)
        # the same line uuid in a second order (a copy of the ticket): the grant is bound to the order
        copy = self._order(self._line("OLD"))
        copy["lines"][0][2].update(
            uuid=data["lines"][0][2]["uuid"] + "-2",
            chain_override_uid=self.manager_a.id,
            chain_override_reason="date_error",
            chain_override_token=token,
        )
        second, _response = self._sync(copy)
        self.assertEqual(second.chain_expiry_state, "refused")

    def test_old_attempts_are_cleaned_up(self):
        self._try("0000")
        self._try(PIN)
        Attempt = self.env["chain.pos.pin.attempt"]
        self._backdate_attempts(60 * 24 * 91)
        self._try("0000")
        Attempt._gc_old_attempts()
        self.assertEqual(len(Attempt.search([])), 1, "what is older than 90 days goes")

    def test_cashier_cannot_write_attempts(self):
        self._try("0000")
        attempt = self.env["chain.pos.pin.attempt"].search([], limit=1)
        with self.assertRaises(Exception), mute_logger("odoo.models"):  # noqa: B017 (ACL or guard)
            attempt.with_user(self.cashier_a).unlink()
        with self.assertRaises(Exception), mute_logger("odoo.models"):  # noqa: B017
            self.env["chain.pos.pin.attempt"].with_user(self.manager_a).create(
                {"user_id": self.cashier_a.id, "manager_id": self.manager_a.id, "success": True}
            )


@tagged("post_install", "-at_install")
class TestPinOverRpc(HttpCase, ChainPosExpiryCase):
    """What a cashier can fetch over JSON-RPC holds nothing derived from a PIN."""

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _assert_no_pin(self, payload):
        text = json.dumps(payload, default=str)
        for secret in (_stored_hash(self.manager_a), hashlib.sha1(PIN.encode()).hexdigest(), "pbkdf2", "pin_hash"):
            self.assertNotIn(secret, text)

    def test_cashier_reads_no_pin_hash(self):
        self.authenticate("t_cashier_a", "t_cashier_a")
        fields_info = self._call_kw("res.users", "fields_get", [], {})
        self._assert_no_pin(fields_info)
        # every field the cashier may read of another user (x2many lists of other models aside: ids
        # only; the PIN fields are listed as the cashier's own preferences, see the end)
        # (fields_get also lists what a user reads of her own record only, e.g. hr's private fields when
        # hr is installed: those are refused for another user whatever they hold)
        cashier_env = self.env(user=self.cashier_a)
        user_fields = self.env["res.users"]._fields
        names = [
            name
            for name, info in fields_info.items()
            if info["type"] not in ("one2many", "many2many")
            and name not in ("chain_pos_pin", "chain_pos_pin_set")
            and (name not in user_fields or user_fields[name].is_accessible(cashier_env))
        ]
        self._assert_no_pin(self._call_kw("res.users", "read", [self.manager_a.ids], {"fields": names}))
        domain = [("id", "=", self.manager_a.id)]
        self._assert_no_pin(self._call_kw("res.users", "search_read", [domain], {"fields": names}))
        self._assert_no_pin(self._call_kw("pos.session", "load_data", [self.pos_session.ids, [], False], {}))
        with mute_logger("odoo.http"):
            with self.assertRaises(Exception):  # noqa: B017 (AccessError through JSON-RPC)
                self._call_kw("res.users", "read", [self.manager_a.ids], {"fields": ["chain_pos_pin"]})
            with self.assertRaises(Exception):  # noqa: B017
                self._call_kw("res.users", "read", [self.manager_a.ids], {"fields": [PIN_HASH_COLUMN]})
        own = self._call_kw("res.users", "read", [self.cashier_a.ids], {"fields": ["chain_pos_pin"]})
        self.assertIs(own[0]["chain_pos_pin"], False)

    def test_manager_and_admin_read_no_pin_hash(self):
        self.authenticate("admin", "admin")
        users = self._call_kw("res.users", "read", [self.manager_a.ids], {"fields": []})
        self.assertIs(users[0]["chain_pos_pin"], False)
        self.assertIs(users[0]["chain_pos_pin_set"], True)
        self._assert_no_pin(users)


class TestPinMigration(ChainPosExpiryCase):
    """18.0.1.1.0 hashes the PINs kept in clear by 18.0.1.0.x and drops the clear column."""

    def _migration(self):
        path = pathlib.Path(__file__).resolve().parent.parent / "migrations" / "18.0.1.1.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("chain_pos_expiry_migration_18_0_1_1_0", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def test_clear_pins_are_hashed_and_the_column_dropped(self):
        cr = self.env.cr
        self.env.flush_all()
        cr.execute("ALTER TABLE res_users ADD COLUMN chain_pos_pin varchar")
        cr.execute(SQL("UPDATE res_users SET %s = NULL", SQL.identifier(PIN_HASH_COLUMN)))
        cr.execute("UPDATE res_users SET chain_pos_pin = '4321' WHERE id = %s", [self.manager_a.id])
        cr.execute("UPDATE res_users SET chain_pos_pin = 'x1' WHERE id = %s", [self.manager_b.id])
        with mute_logger(f"odoo.addons.chain_pos_expiry.migrations.{__name__}"):
            hashed, again = self._migration().hash_clear_pins(cr)
        self.assertEqual(hashed, self.manager_a.ids)
        self.assertEqual(again, [self.manager_b.login], "a value that is not a PIN: set it again")
        self.assertTrue(self.manager_a._chain_check_pos_pin("4321"))
        self.assertIsNone(_stored_hash(self.manager_b))
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'res_users' AND column_name = 'chain_pos_pin'"
        )
        self.assertFalse(cr.fetchone(), "no PIN in clear is left")
        self.assertEqual(self._migration().hash_clear_pins(cr), ([], []), "a second run does nothing")
