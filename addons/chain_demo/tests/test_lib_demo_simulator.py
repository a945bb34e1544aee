"""The demo Youzan simulator sells only SKUs the demo Youzan shop maps: no database, no ORM."""

import unittest
from pathlib import Path

from lxml import etree

from odoo.addons.chain_channel_youzan.lib import simulator

DEMO = Path(__file__).resolve().parent.parent / "demo" / "chain_channel_youzan_demo.xml"


def mapped_skus(path=DEMO, channel="chain_channel_youzan_demo"):
    """SKUs of the ``chain.channel.product`` records of ``channel`` in the demo file."""
    root = etree.parse(str(path)).getroot()
    skus = set()
    for record in root.iter("record"):
        if record.get("model") != "chain.channel.product":
            continue
        fields = {field.get("name"): field for field in record.iter("field")}
        if fields["channel_id"].get("ref") == channel:
            skus.add(fields["sku"].text.strip())
    return skus


class TestDemoSimulatorSkus(unittest.TestCase):
    def test_every_sku_the_demo_simulator_sells_is_mapped_on_the_demo_youzan_shop(self):
        # what scripts/run --with-simulator starts: the simulator with its default options
        sold = set(simulator.catalogue(simulator.parse_args([]).skus))
        self.assertTrue(sold)
        self.assertEqual(sold - mapped_skus(), set(), "SKUs the demo sells that no demo mapping knows")

    def test_the_demo_skus_are_the_simulator_default(self):
        self.assertEqual(simulator.catalogue(simulator.parse_args([]).skus), list(simulator.DEMO_SKUS))
