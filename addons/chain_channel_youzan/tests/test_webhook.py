# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import YouzanCommon


@tagged("post_install", "-at_install")
class TestYouzanWebhook(YouzanCommon):
    """Pushes of the simulator through the core's webhook controller, over real HTTP."""

    def _url(self):
        return f"{self.base_url()}/chain_channel/{self.channel.id}/webhook"

    def _messages(self):
        return self.env["chain.channel.message"].search([("channel_id", "=", self.channel.id)])

    def test_redelivered_and_reordered_pushes_are_stored_once(self):
        tids = [self.sim.create_order([(36001, 2, 99.0), (36002 + i, 1, 50.0)]) for i in range(4)]
        result = self.sim.push_all(self._url(), tids, redeliver=3, shuffle=True, workers=3)
        self.assertEqual((result["sent"], result["acked"]), (12, 12), result)
        self.assertEqual(len(self._messages()), 4)
        self.assertEqual(
            sorted(self._messages().mapped("key")),
            sorted(f"{tid}:order_paid:{self.sim.version_of(tid)}" for tid in tids),
        )

    def test_bad_sign_is_refused_and_nothing_stored(self):
        tid = self.sim.create_order([(36001, 1, 10.0)])
        [(status, _body)] = self.sim.push(self._url(), tid, sign=False)
        self.assertEqual(status, 401)
        self.assertFalse(self._messages())

    def test_test_ping_is_acknowledged(self):
        tid = self.sim.create_order([(36001, 1, 10.0)])
        headers, raw = self.sim.message(tid)
        body = raw.replace(b'"test": false', b'"test": true')
        headers, raw = self.sim.message(tid, body_override=body)
        status, answer = self.sim.deliver(self._url(), headers, raw)
        self.assertEqual((status, answer), (200, b'{"code":0,"msg":"success"}'))
        self.assertFalse(self._messages())
