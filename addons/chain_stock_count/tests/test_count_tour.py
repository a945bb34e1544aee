from odoo.tests import HttpCase, tagged

from .common import ChainCountCase


@tagged("post_install", "-at_install")
class TestCountPhoneTour(HttpCase, ChainCountCase):
    """The counter's path in a real browser, phone-sized (headless Chromium)."""

    browser_size = "375x667"
    touch_enabled = True

    def test_count_on_a_phone(self):
        count = self._started()
        self.start_tour("/odoo/action-chain_stock_count.chain_stock_count_line_action", "chain_stock_count_phone_tour",
                        login="t_staff_a")  # fmt: skip
        self.assertEqual(self._line(count, self.formula, self.lot1).counted_qty, 1.0)
        self.assertRecordValues(
            self._line(count, self.formula, self.lot2), [{"counted_qty": 5.0, "counted_by_id": self.staff_a.id}]
        )
