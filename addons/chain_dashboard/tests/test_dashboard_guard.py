from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainDashboardCase


@tagged("post_install", "-at_install")
class TestSubscriptionOwner(ChainDashboardCase):
    """A subscription is mailed with its owner's rights: nobody borrows someone else's (issue 20)."""

    def _vals(self, **vals):
        return {
            "name": "Chain ranking",
            "report": "ranking",
            "scope": "chain",
            "store_id": self.store_a.id,
            "frequency": "daily",
            "email_to": "outside@example.com",
            "next_date": self.today,
            **vals,
        }

    def test_store_manager_cannot_borrow_headquarters_rights(self):
        Subscription = self.env["chain.dashboard.subscription"]
        with self.assertRaises(AccessError):
            Subscription.with_user(self.manager_a).create(self._vals(user_id=self.chain_manager.id))
        own = Subscription.with_user(self.manager_a).create(self._vals())
        with self.assertRaises(AccessError):
            own.write({"user_id": self.chain_manager.id})
        with self.assertRaises(AccessError):
            own.write({"last_sent": "2026-01-01 00:00:00"})
        # headquarters' subscription of store A: store A's manager sees it, but neither redirects nor sends it
        hq = Subscription.with_user(self.chain_manager).create(self._vals())
        with self.assertRaises(AccessError):
            hq.with_user(self.manager_a).write({"email_to": "me@example.com"})
        with self.assertRaises(AccessError):
            hq.with_user(self.manager_a).action_send_now()
        self.assertEqual(hq.email_to, "outside@example.com")
        # headquarters may still set a subscription up for someone
        other = Subscription.with_user(self.chain_manager).create(self._vals(user_id=self.manager_a.id))
        self.assertEqual(other.user_id, self.manager_a)


@tagged("post_install", "-at_install")
class TestSubscriptionOwnerOverRpc(HttpCase, ChainDashboardCase):
    def test_store_manager_over_rpc(self):
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")
        vals = {"name": "x", "report": "ranking", "scope": "chain", "store_id": self.store_a.id,
                "frequency": "daily", "email_to": "outside@example.com", "user_id": self.chain_manager.id}  # fmt: skip
        with self.assertRaises(JsonRpcException), self.assertLogs("odoo.http", "WARNING"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/chain.dashboard.subscription/create",
                {"model": "chain.dashboard.subscription", "method": "create", "args": [vals], "kwargs": {}},
            )
        self.assertFalse(self.env["chain.dashboard.subscription"].search([("user_id", "=", self.chain_manager.id)]))
