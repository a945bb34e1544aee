# pylint: disable=invalid-commit
# the two tills are two real transactions on committed data: the test commits and cleans up
from contextlib import closing

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestConcurrentRedemption(TransactionCase):
    """Two tills redeem the same points at the same moment: one wins, the other is refused.

    The member and its points are committed from a cursor of their own (the
    test's transaction is invisible to other connections), then two real
    transactions redeem; everything is deleted at the end.
    """

    def _cursor(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _env(self, cr):
        context = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}
        return api.Environment(cr, SUPERUSER_ID, context)

    def test_two_tills_cannot_spend_the_same_points(self):
        with self._cursor() as cr:
            member = self._env(cr)["chain.member"].create({"name": "Concurrent (test)", "mobile": "137 0000 4242"})
            member._chain_award_points(100, "award")
            cr.commit()
            member_id, partner_id = member.id, member.partner_id.id
        try:
            with self._cursor() as cr1, self._cursor() as cr2:
                till1, till2 = self._env(cr1)["chain.member"], self._env(cr2)["chain.member"]
                till1.browse(member_id).action_redeem_points(80, "till 1")
                till1.env.flush_all()
                with self.assertRaisesRegex(UserError, "Another till"), mute_logger("odoo.sql_db"):
                    till2.browse(member_id).action_redeem_points(80, "till 2")
                cr1.commit()
                cr2.rollback()
                till2.env.invalidate_all(flush=False)
                with self.assertRaisesRegex(UserError, "has 20 points"):
                    till2.browse(member_id).action_redeem_points(80, "till 2 again")
                cr2.rollback()
            with self._cursor() as cr:
                env = self._env(cr)
                lines = env["chain.member.points.line"].search([("member_id", "=", member_id)], order="id")
                self.assertEqual(
                    [(line.kind, line.points, line.remaining, line.reason or "") for line in lines],
                    [("award", 100, 20, ""), ("redeem", -80, 0, "till 1")],
                )
                self.assertEqual(env["chain.member"].browse(member_id).points_balance, 20)
        finally:
            with self._cursor() as cr:
                env = self._env(cr)
                cr.execute("DELETE FROM chain_member_points_line WHERE member_id = %s", [member_id])
                env["chain.member"].browse(member_id).unlink()
                env["res.partner"].browse(partner_id).unlink()
                cr.commit()
