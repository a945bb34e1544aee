"""The cron settles what a till left behind."""

from odoo.tests import tagged

from .common import ChainPayCnCase


@tagged("post_install", "-at_install")
class TestCronSettle(ChainPayCnCase):
    def test_orphans_are_settled(self):
        # the till went away: one charged behind a dropped answer, one never confirmed
        charged, _data = self.pay("wechatpay", 54)
        waiting, _data = self.pay("alipay", 51)
        self.store_a.manager_id = self.manager_a
        Transaction = self.env["chain.pay.cn.transaction"]
        with self.later(5):
            Transaction._cron_settle()
        self.env.invalidate_all()
        self.assertEqual(self.transaction(charged).state, "unknown", "not before its deadline")
        with self.later(120):
            orphans = Transaction._cron_settle()
        self.env.invalidate_all()
        paid = self.transaction(charged)
        self.assertEqual(paid.state, "done")
        self.assertTrue(paid.needs_attention)
        self.assertEqual(orphans, paid)
        activity = paid.activity_ids
        self.assertEqual(activity.user_id, self.manager_a, "a to-do for the store manager")
        self.assertIn(paid.provider_ref, str(activity.note))
        self.assertEqual(self.transaction(waiting).state, "reversed")
        self.assertEqual(self.alipay.charged(), {})
        self.assertEqual(len(self.wechat.charged()), 1)
