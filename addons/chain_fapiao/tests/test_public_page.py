from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged

from ..controllers import main
from .common import VALID_VAT, ChainFapiaoCase


@tagged("post_install", "-at_install")
class TestPublicPage(HttpCase, ChainFapiaoCase):
    """The page of the receipt's QR code, for a customer who is no user."""

    def _csrf(self, html):
        marker = 'name="csrf_token" value="'
        start = html.index(marker) + len(marker)
        return html[start : html.index('"', start)]

    def test_page_and_request(self):
        order = self._sell()
        url = f"/chain/fapiao/{order.chain_fapiao_token}"
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Fapiao Store A", page.text)
        self.assertIn("113", page.text)
        self.assertNotIn(order.name, page.text)  # no data of the order beyond date, store, amount
        self.assertNotIn(self.bottle.name, page.text)
        csrf = self._csrf(page.text)
        # a wrong tax id: the form comes back with the reason, nothing recorded
        answer = self.url_open(url, data={"csrf_token": csrf, "buyer_name": "Acme", "buyer_vat": "91350100M000100Y42"})
        self.assertIn("chain-fapiao-error", answer.text)
        self.assertFalse(order.chain_fapiao_request_ids)
        answer = self.url_open(
            url, data={"csrf_token": csrf, "buyer_name": "Acme", "buyer_vat": VALID_VAT, "fapiao_type": "special"}
        )
        self.assertIn("chain-fapiao-done", answer.text)
        request = order.chain_fapiao_request_ids
        self.assertRecordValues(request, [{"source": "qr", "state": "invoiced", "fapiao_type": "special"}])
        # a second visit: already requested
        self.assertIn("chain-fapiao-closed", self.url_open(url).text)

    def test_no_csrf_refused(self):
        order = self._sell()
        answer = self.url_open(f"/chain/fapiao/{order.chain_fapiao_token}", data={"buyer_name": "Acme"})
        self.assertEqual(answer.status_code, 400)
        self.assertFalse(order.chain_fapiao_request_ids)

    def test_unknown_token(self):
        self.addCleanup(main._failures.clear)
        self._sell()
        self.assertEqual(self.url_open("/chain/fapiao/not-a-token-but-long-enough-xx").status_code, 404)
        self.assertEqual(self.url_open("/chain/fapiao/x").status_code, 404)

    def test_expired(self):
        order = self._sell()
        self.company.chain_fapiao_request_days = 30
        with freeze_time(fields.Datetime.now() + relativedelta(days=31)):
            page = self.url_open(f"/chain/fapiao/{order.chain_fapiao_token}")
        self.assertIn("chain-fapiao-closed", page.text)
        self.assertNotIn("<form", page.text)

    def test_guessing_is_throttled(self):
        """An address that tried many unknown tokens is refused even a right one for a while."""
        self.addCleanup(main._failures.clear)
        order = self._sell()
        for attempt in range(main._MAX_FAILURES):
            self.assertEqual(self.url_open(f"/chain/fapiao/guess-{attempt:04d}-long-enough-token").status_code, 404)
        self.assertEqual(self.url_open(f"/chain/fapiao/{order.chain_fapiao_token}").status_code, 404)
        main._failures.clear()
        self.assertEqual(self.url_open(f"/chain/fapiao/{order.chain_fapiao_token}").status_code, 200)
