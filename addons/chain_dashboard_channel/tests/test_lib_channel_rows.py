"""Tests of ``chain_dashboard_channel.lib.channel_rows``: no database, no ORM."""

import doctest
import importlib.util
import pathlib
import unittest

_LIB = pathlib.Path(__file__).resolve().parent.parent / "lib" / "channel_rows.py"
_spec = importlib.util.spec_from_file_location("chain_dashboard_channel_lib_channel_rows", _LIB)
channel_rows = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(channel_rows)


class TestChannelRows(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(channel_rows).failed, 0)

    def test_sources_of_each_key(self):
        self.assertEqual(channel_rows.sources("all"), (True, None))
        self.assertEqual(channel_rows.sources("pos"), (True, ()))
        self.assertEqual(channel_rows.sources("online"), (False, None))
        self.assertEqual(channel_rows.sources(channel_rows.channel_key(42)), (False, (42,)))

    def test_bad_keys_raise(self):
        for key in ("", "tmall", "channel_", "channel_x", "channel_0", "channel_-1", "channel_1.5", None, 7):
            with self.assertRaises(ValueError, msg=repr(key)):
                channel_rows.sources(key)
