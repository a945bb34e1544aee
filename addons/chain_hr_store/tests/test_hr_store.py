import pytz

from odoo.addons.chain_store.tests.common import ChainStoreCase


class TestHrStore(ChainStoreCase):
    def test_store_tz(self):
        self.store_a.tz = "Asia/Urumqi"
        self.assertEqual(self.store_a._chain_tz(), pytz.timezone("Asia/Urumqi"))
        self.store_b.tz = False
        self.assertEqual(self.store_b._chain_tz().zone, self.env.company.partner_id.tz or "Asia/Shanghai")
