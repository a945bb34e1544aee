import contextlib
import importlib.util

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import file_path

from .common import ChainTransferCase

# switches a client may try to send: OCA's tier validation, ours (the transfer gate)
SKIP = {"skip_validation_check": True, "skip_check_state_condition": True, "chain_transfer_gate": True}


@tagged("post_install", "-at_install")
class TestTransferGuard(ChainTransferCase):
    """A transfer's workflow fields change through its buttons only, for every role (issue 20)."""

    def setUp(self):
        super().setUp()
        self.env.company.chain_transfer_approval = True

    def test_nobody_writes_a_pending_transfer_approved(self):
        transfer = self._transfer(2)
        transfer.action_submit()
        self.assertEqual(transfer.state, "to_approve")
        for user in (self.staff_b, self.staff_a, self.manager_b, self.manager_a, self.chain_manager):
            for vals in ({"state": "approved"}, {"approved_by_id": user.id}, {"state": "in_transit"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    transfer.with_user(user).with_context(**SKIP).write(vals)
        with self.assertRaises(AccessError):
            self.env["chain.stock.transfer"].with_user(self.staff_b).create(
                {
                    "source_store_id": self.store_a.id,
                    "dest_store_id": self.store_b.id,
                    "state": "approved",
                    "line_ids": [Command.create({"product_id": self.formula.id, "product_qty": 1})],
                }
            )
        self.assertRecordValues(transfer, [{"state": "to_approve", "approved_by_id": False}])
        with self.assertRaises(UserError):
            transfer.with_user(self.staff_a).action_ship()

    def test_quantities_raised_after_approval_go_back_for_approval(self):
        transfer = self._transfer(8)
        transfer.line_ids.product_qty = 2  # lower...
        transfer.action_submit()
        transfer.with_user(self.manager_a).action_approve()  # ...approve...
        line = transfer.line_ids
        self.assertEqual(line.approved_qty, 2)
        line.with_user(self.staff_a).ship_qty = 1  # lowering after the approval is fine
        self.assertEqual(transfer.state, "approved")
        line.with_user(self.staff_b).product_qty = 8  # ...raise back
        self.assertRecordValues(transfer, [{"state": "to_approve", "approved_by_id": False}])
        self.assertIn("Quantities raised after the approval", transfer.message_ids[0].body)
        with self.assertRaises(UserError):
            transfer.with_user(self.staff_a).action_ship()
        transfer.with_user(self.manager_a).action_approve()
        self.assertEqual(line.approved_qty, 8)
        # a line added after the approval is a raise too
        transfer.with_user(self.staff_b).line_ids = [Command.create({"product_id": self.formula.id, "product_qty": 1})]
        self.assertEqual(transfer.state, "to_approve")

    def test_without_approval_a_raise_is_submitted_again(self):
        self.env.company.chain_transfer_approval = False
        transfer = self._transfer(2)
        transfer.action_submit()
        transfer.line_ids.with_user(self.staff_a).ship_qty = 5
        self.assertEqual(transfer.state, "approved", "nothing to approve: submitted again, approved again")
        self.assertEqual(transfer.line_ids.approved_qty, 5)

    def test_submitted_transfer_keeps_its_stores_and_shipped_lines_are_fixed(self):
        transfer = self._transfer(3)
        transfer.action_submit()
        store_c = self.env["chain.store"].create({"code": "TC09", "name": "Test Store C9"})
        with self.assertRaisesRegex(UserError, "stores can no longer change"):
            transfer.with_user(self.staff_b).write({"source_store_id": store_c.id})
        with self.assertRaisesRegex(UserError, "put it back to draft"):
            transfer.line_ids.with_user(self.staff_b).write({"product_id": self.env["product.product"].create(
                {"name": "Wipes (test)", "is_storable": True}).id})  # fmt: skip
        transfer.with_user(self.manager_a).action_approve()
        transfer.with_user(self.staff_a).action_ship()
        with self.assertRaisesRegex(UserError, "lines are fixed"):
            transfer.line_ids.with_user(self.staff_a).ship_qty = 9
        with self.assertRaisesRegex(UserError, "lines are fixed"):
            transfer.line_ids.with_user(self.staff_b).unlink()

    def test_discrepancy_facts_are_the_receipts_and_settlements(self):
        self.env.company.chain_transfer_approval = False
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (5, 0)})
        missing = transfer.discrepancy_ids
        self.assertEqual(missing.kind, "missing")
        for vals in ({"quantity": 1}, {"state": "settled"}, {"settlement": "correction"}, {"kind": "extra"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                missing.with_user(self.manager_a).write(vals)
        missing.with_user(self.staff_a).note = "driver says one carton left behind"  # the note is free
        with self.assertRaises(AccessError):
            self.env["chain.stock.transfer.discrepancy"].with_user(self.chain_manager).create(
                {"transfer_id": transfer.id, "kind": "missing", "product_id": self.formula.id, "quantity": 50}
            )
        missing.with_user(self.manager_a)._chain_settle("return")
        self.assertEqual(missing.state, "settled")

    def test_other_store_roles_can_call_nothing(self):
        """Every public method of a transfer, its lines and discrepancies, as staff and manager of a
        store that neither sends nor receives: refused."""
        store_c = self.env["chain.store"].create({"code": "TC07", "name": "Test Store C7"})
        staff_c = self._user("t_staff_c7", "chain_store.group_chain_store_user", store_c)
        manager_c = self._user("t_manager_c7", "chain_store.group_chain_store_manager")
        store_c.manager_id = manager_c
        self.env.company.chain_transfer_approval = False
        transfer = self._shipped(8)
        self._receive(transfer, {self.lot_mid: (5, 0)})
        pending = self._transfer(2)
        # (action_view_discrepancies only opens a list, filtered by the record rules)
        methods = ["action_submit", "action_approve", "action_reset_draft", "action_cancel", "action_ship",
                   "action_receive"]  # fmt: skip
        for user in (staff_c, manager_c):
            for record in (transfer, pending):
                for method in methods:
                    with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                        getattr(record.with_user(user), method)()
            with self.assertRaises(AccessError):  # the settle wizard (action_settle only opens it)
                Wizard = self.env["chain.stock.transfer.settle.wizard"].with_user(user)
                ids = transfer.discrepancy_ids.ids
                Wizard.create({"discrepancy_ids": ids, "settlement": "write_off"}).action_confirm()
        self.assertEqual((transfer.state, pending.state), ("done", "draft"))


@tagged("post_install", "-at_install")
class TestTransferGuardOverRpc(HttpCase, ChainTransferCase):
    """The same attack from the web client and over external RPC, with the switches in the context."""

    def test_requester_cannot_approve_over_rpc(self):
        self.env.company.chain_transfer_approval = True
        transfer = self._transfer(2)
        transfer.action_submit()
        self.staff_b.password = "staff-b-pass"
        self.authenticate(self.staff_b.login, "staff-b-pass")
        args = [[transfer.id], {"state": "approved"}]
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/chain.stock.transfer/write",
                {"model": "chain.stock.transfer", "method": "write", "args": args, "kwargs": {"context": SKIP}},
            )
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/jsonrpc",
                {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [self.env.cr.dbname, self.staff_b.id, "staff-b-pass", "chain.stock.transfer", "write",
                             args, {"context": SKIP}],
                },
            )  # fmt: skip
        transfer.invalidate_recordset()
        self.assertEqual(transfer.state, "to_approve")


@tagged("post_install", "-at_install")
class TestTransferMigration(ChainTransferCase):
    def test_18_0_1_0_1_approved_lines_keep_their_quantity(self):
        path = file_path("chain_stock_transfer/migrations/18.0.1.0.1/post-migrate.py")
        spec = importlib.util.spec_from_file_location("chain_stock_transfer_post_migrate_18_0_1_0_1", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        self.env.company.chain_transfer_approval = False
        approved, draft = self._transfer(4), self._transfer(3)
        approved.action_submit()
        self.env.cr.execute(
            "UPDATE chain_stock_transfer_line SET approved_qty = 0 WHERE transfer_id IN %s", [(approved.id, draft.id)]
        )
        migration.migrate(self.env.cr, "18.0.1.0.0")
        (approved | draft).line_ids.invalidate_recordset(["approved_qty"])
        self.assertEqual(approved.line_ids.approved_qty, 4)
        self.assertEqual(draft.line_ids.approved_qty, 0)
        approved.line_ids.with_user(self.staff_a).ship_qty = 4
        self.assertEqual(approved.state, "approved", "not a raise: the upgrade kept the approval")


@tagged("post_install", "-at_install")
class TestTransferReceiveWizardAccess(ChainTransferCase):
    def test_other_store_cannot_read_the_lots_shipped_through_the_wizard(self):
        transfer = self._shipped(3)
        store_c = self.env["chain.store"].create({"code": "TC08", "name": "Test Store C8"})
        staff_c = self._user("t_staff_c8", "chain_store.group_chain_store_user", store_c)
        Wizard = self.env["chain.stock.transfer.receive.wizard"].with_user(staff_c)
        with self.assertRaises(AccessError):
            Wizard.with_context(default_transfer_id=transfer.id).default_get(["transfer_id", "line_ids"])


@tagged("post_install", "-at_install")
class TestTransferDefaultsOverRpc(HttpCase, ChainTransferCase):
    def test_client_defaults_do_not_create_an_approved_transfer(self):
        self.staff_b.password = "staff-b-pass"
        self.authenticate(self.staff_b.login, "staff-b-pass")
        vals = {
            "source_store_id": self.store_a.id,
            "dest_store_id": self.store_b.id,
            "line_ids": [Command.create({"product_id": self.formula.id, "product_qty": 1})],
        }
        context = {"default_state": "approved", "default_approved_by_id": self.staff_b.id}
        for extra in ({}, {"state": "approved"}):
            with contextlib.suppress(JsonRpcException):  # refused is fine; created approved is not
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw/chain.stock.transfer/create",
                    {"model": "chain.stock.transfer", "method": "create", "args": [{**vals, **extra}],
                     "kwargs": {"context": context}},
                )  # fmt: skip
        transfers = self.env["chain.stock.transfer"].search([("dest_store_id", "=", self.store_b.id)])
        self.assertEqual(set(transfers.mapped("state")) - {"draft"}, set())
        self.assertFalse(transfers.approved_by_id)
