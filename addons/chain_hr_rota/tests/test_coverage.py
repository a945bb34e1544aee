from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .common import MONDAY, RotaCase, utc

WEEKS = [MONDAY - timedelta(weeks=n) for n in range(1, 9)]  # the 8 Mondays before the rota's week


@tagged("post_install", "-at_install")
class TestCoverage(RotaCase):
    """A fixed ticket history of store A (Shanghai time), 8 weeks back from Monday 7 December:
    Mondays 10:00-10:59 three tickets a week, 11:00-11:59 one a week; one Tuesday at 10:00 two tickets
    in all. Noise that does not count: a refund, a ticket 9 weeks ago, store B's tickets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.chain_rota_tickets_per_staff_hour = 2
        config_a, config_b = cls._pos_config(cls.store_a), cls._pos_config(cls.store_b)
        cls.seed_a = cls._pos_order(config_a, 50.0)
        cls.seed_b = cls._pos_order(config_b, 50.0)
        refund = cls._pos_order(config_a, -50.0)
        times_a = [utc(monday, 10, minute) for monday in WEEKS for minute in (5, 20, 40)]
        times_a += [utc(monday, 11, 30) for monday in WEEKS]
        times_a += [utc(WEEKS[0] + timedelta(days=1), 10, 15), utc(WEEKS[3] + timedelta(days=1), 10, 45)]
        times_a.append(utc(MONDAY - timedelta(weeks=9), 10, 0))  # too old
        cls._copy_order(cls.seed_a, times_a)
        cls._copy_order(cls.seed_b, [utc(monday, 15, 0) for monday in WEEKS] * 5)
        cls._copy_order(refund, [utc(WEEKS[0], 11, 10)] * 30)
        (cls.seed_a | cls.seed_b | refund).write({"state": "cancel"})
        cls.env["pos.order"].invalidate_model()

    @classmethod
    def _copy_order(cls, order, datetimes):
        """Paid copies of ``order`` at ``datetimes`` (UTC), inserted in one statement."""
        cls.env.flush_all()
        cls.env.cr.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'pos_order' AND column_name "
            "NOT IN ('id', 'date_order', 'state', 'uuid')"
        )
        columns = [row[0] for row in cls.env.cr.fetchall()]
        names = SQL(", ").join(SQL.identifier(c) for c in columns)
        cls.env.cr.execute(
            SQL(
                "INSERT INTO pos_order (%(names)s, date_order, state) "
                "SELECT %(names)s, moment, 'paid' FROM pos_order, unnest(%(moments)s::timestamp[]) AS moment "
                "WHERE pos_order.id = %(id)s",
                names=names,
                moments=[str(m) for m in datetimes],
                id=order.id,
            )
        )

    def test_suggestion_from_eight_weeks_of_tickets(self):
        Rule = self.env["chain.hr.coverage.rule"]
        manual = Rule.create({"store_id": self.store_a.id, "weekday": "6", "hour_from": 10, "hour_to": 18})
        rules = Rule._chain_suggest(self.store_a, date_to=utc(MONDAY, 0))
        # Monday 10:00: 24 tickets / 8 weeks = 3 an hour, 2 per person -> 2; 11:00: 1 an hour -> 1;
        # Tuesday 10:00: 2 / 8 = 0.25 -> 1 (any ticket asks for someone)
        self.assertEqual(
            sorted((r.weekday, r.hour_from, r.hour_to, r.min_headcount) for r in rules),
            [("0", 10, 11, 2), ("0", 11, 12, 1), ("1", 10, 11, 1)],
        )
        self.assertTrue(all(rules.mapped("suggested")))
        # suggesting again replaces the suggested rules, keeps those entered by hand
        again = Rule._chain_suggest(self.store_a, date_to=utc(MONDAY, 0))
        self.assertFalse(rules.exists())
        self.assertEqual(Rule.search([("store_id", "=", self.store_a.id)]), again | manual)

    def test_coverage_per_hour_of_the_rota(self):
        self.env["chain.hr.coverage.rule"]._chain_suggest(self.store_a, date_to=utc(MONDAY, 0))
        # Monday: Li early 09:00-17:00, Wang late 13:00-21:00, Chen split 09:00-13:00 + 17:00-21:00
        rota = self._rota(
            self.store_a, [(self.li, 0, self.early), (self.wang, 0, self.late), (self.chen, 0, self.split)]
        )
        cover = rota._chain_coverage()
        monday = cover[MONDAY]["hours"]
        self.assertEqual(monday[9], {"planned": 2.0, "min": None, "under": 0.0, "over": 0.0})
        self.assertEqual(monday[10], {"planned": 2.0, "min": 2, "under": 0.0, "over": 0.0})
        self.assertEqual(monday[11], {"planned": 2.0, "min": 1, "under": 0.0, "over": 1.0})
        self.assertEqual(monday[13]["planned"], 2.0)
        self.assertEqual(monday[17]["planned"], 2.0)
        self.assertNotIn(21, monday)
        self.assertEqual((cover[MONDAY]["under"], cover[MONDAY]["over"]), (0.0, 1.0))
        tuesday = cover[MONDAY + timedelta(days=1)]
        self.assertEqual(tuesday["hours"], {10: {"planned": 0.0, "min": 1, "under": 1.0, "over": 0.0}})
        self.assertEqual((rota.coverage_under_hours, rota.coverage_over_hours), (1.0, 1.0))
        self.assertIn("o_chain_rota_coverage", rota.coverage_html)
        # half an hour counts half: Li starts at 10:30 on Tuesday
        line = self.Line.create(
            {"rota_id": rota.id, "employee_id": self.li.id, "date": MONDAY + timedelta(days=1),
             "template_id": self.early.id}
        )  # fmt: skip
        line.write({"start_datetime": utc(MONDAY + timedelta(days=1), 10, 30)})
        self.assertEqual(rota._chain_coverage()[MONDAY + timedelta(days=1)]["under"], 0.5)

    def test_company_rules_apply_where_a_store_has_none(self):
        Rule = self.env["chain.hr.coverage.rule"]
        Rule.create([
            {"weekday": "0", "hour_from": 9, "hour_to": 12, "min_headcount": 3},
            {"weekday": "1", "hour_from": 9, "hour_to": 10, "min_headcount": 4},
            {"store_id": self.store_a.id, "weekday": "0", "hour_from": 9, "hour_to": 10, "min_headcount": 1},
        ])  # fmt: skip
        self.assertEqual(Rule._chain_minimums(self.store_a), {(0, 9): 1, (1, 9): 4})
        self.assertEqual(Rule._chain_minimums(self.store_b), {(0, 9): 3, (0, 10): 3, (0, 11): 3, (1, 9): 4})

    def test_store_manager_sets_the_rules_of_their_store_only(self):
        Rule = self.env["chain.hr.coverage.rule"].with_user(self.manager_a)
        own = Rule.create({"store_id": self.store_a.id, "weekday": "2", "hour_from": 9, "hour_to": 12})
        self.assertEqual(own.min_headcount, 1)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Rule.create({"weekday": "2", "hour_from": 9, "hour_to": 12})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            Rule.create({"store_id": self.store_b.id, "weekday": "2", "hour_from": 9, "hour_to": 12})
        self.assertEqual(len(Rule._chain_suggest(self.store_a, date_to=utc(MONDAY, 0))), 3)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.env["chain.hr.coverage.rule"].with_user(self.staff_a).create(
                {"store_id": self.store_a.id, "weekday": "2", "hour_from": 9, "hour_to": 12}
            )
