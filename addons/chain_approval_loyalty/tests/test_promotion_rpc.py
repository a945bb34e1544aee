import contextlib

from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from odoo.addons.chain_approval.tests.common import ChainApprovalCase


@tagged("post_install", "-at_install")
class TestPromotionApprovalOverRpc(HttpCase, ChainApprovalCase):
    """The switch that lets our own code make a promotion live, sent by a client, is ignored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketing = cls._user("t_marketing", "chain_store.group_chain_manager")
        director = cls._user("t_director", "chain_store.group_chain_manager")
        cls._rule(
            "loyalty.program",
            "action_chain_go_live",
            [("Marketing director", "user", {"user_id": director.id})],
            domain="[('program_type', '=', 'promotion')]",
        )

    def _promotion(self):
        Program = self.env["loyalty.program"].with_user(self.marketing)
        return Program.create({"name": "Formula week", "program_type": "promotion"})

    def test_client_context_does_not_make_a_held_promotion_live(self):
        promo = self._promotion()
        self.marketing.password = "marketing-pass"
        self.authenticate(self.marketing.login, "marketing-pass")
        context = {"chain_go_live": True, "skip_validation_check": True}
        with contextlib.suppress(JsonRpcException):  # refused is fine; live is not
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/loyalty.program/write",
                {"model": "loyalty.program", "method": "write", "args": [promo.ids, {"active": True}],
                 "kwargs": {"context": context}},
            )  # fmt: skip
        with contextlib.suppress(JsonRpcException):
            self.make_jsonrpc_request(
                "/jsonrpc",
                {"service": "object", "method": "execute_kw",
                 "args": [self.env.cr.dbname, self.marketing.id, "marketing-pass", "loyalty.program", "write",
                          [promo.ids, {"active": True}], {"context": context}]},
            )  # fmt: skip
        promo.invalidate_recordset()
        self.assertFalse(promo.active, "the promotion waits for its approval")
