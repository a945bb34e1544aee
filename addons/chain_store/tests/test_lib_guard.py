"""Tests of ``chain_store.lib.guard``: no database, no ORM."""

import doctest
import threading
import unittest

from odoo.addons.chain_store.lib import guard


class TestAllow(unittest.TestCase):
    def test_permission_only_inside_the_block(self):
        self.assertFalse(guard.is_allowed("chain.doc", "state"))
        with guard.allow("chain.doc", ["state"]):
            self.assertTrue(guard.is_allowed("chain.doc", "state"))
            self.assertFalse(guard.is_allowed("chain.other", "state"))
        self.assertFalse(guard.is_allowed("chain.doc", "state"))

    def test_nested_blocks_add_and_restore(self):
        with guard.allow("chain.doc", ["state"]):
            with guard.allow("chain.doc", ["lock"]):
                self.assertTrue(guard.is_allowed("chain.doc", "state"))
                self.assertTrue(guard.is_allowed("chain.doc", "lock"))
            self.assertFalse(guard.is_allowed("chain.doc", "lock"))

    def test_released_when_the_transition_raises(self):
        with self.assertRaises(ValueError), guard.allow("chain.doc", ["state"]):
            raise ValueError
        self.assertFalse(guard.is_allowed("chain.doc", "state"))

    def test_other_thread_does_not_inherit_the_permission(self):
        seen = []
        with guard.allow("chain.doc", ["state"]):
            thread = threading.Thread(target=lambda: seen.append(guard.is_allowed("chain.doc", "state")))
            thread.start()
            thread.join()
        self.assertEqual(seen, [False])


class TestClientContext(unittest.TestCase):
    def test_switches_removed_the_rest_kept(self):
        cleaned, removed = guard.clean_client_context(
            {
                "lang": "zh_CN",
                "active_id": 3,
                "skip_validation_check": True,
                "skip_check_state_condition": 1,
                "install_mode": True,
                "chain_pos_expiry_off": True,
                "chain_transfer_gate": True,
                "chain_store_any": True,
            }
        )
        self.assertEqual(cleaned, {"lang": "zh_CN", "active_id": 3, "chain_store_any": True})
        self.assertEqual(
            removed,
            ["chain_pos_expiry_off", "chain_transfer_gate", "install_mode", "skip_check_state_condition",
             "skip_validation_check"],
        )  # fmt: skip

    def test_not_a_dict(self):
        self.assertEqual(guard.clean_client_context(["skip_validation_check"]), ({}, []))

    def test_non_string_keys_kept(self):
        self.assertEqual(guard.clean_client_context({1: "a"}), ({1: "a"}, []))


def load_tests(loader, tests, ignore):
    tests.addTests(doctest.DocTestSuite(guard))
    return tests
