import json
from datetime import date

from odoo.tests import new_test_user, tagged
from odoo.tools import file_open

from odoo.addons.chain_dashboard_spreadsheet.lib import dashboard_references, dashboard_snapshot

from .common import ChainSpreadsheetCase


@tagged("post_install", "-at_install")
class TestDashboardSpreadsheet(ChainSpreadsheetCase):
    """The Chain KPIs dashboard: who sees it, what it reads, and that each user reads their
    own stores' figures only."""

    MONTHS = {0: (date(2026, 11, 1), date(2026, 11, 30)), -1: (date(2026, 10, 1), date(2026, 10, 31))}

    def _read(self, ref, user, extra_domain=()):
        """``ref``'s read_group as ``user``, as the spreadsheet asks for it with the Period
        filter on this month (2026-11): sorted (groups, measures) tuples."""
        Model = self.env[ref["model"]].with_user(user)
        domain = list(self._eval_domain(ref["domain"])) + list(extra_domain)
        if ref["period"] is not None:
            first, last = self.MONTHS[ref["period"]]
            domain += [("date", ">=", first), ("date", "<=", last)]
        fields = [f"{name}:{Model._fields[name].aggregator}" for name in ref["measures"]]
        groups = Model.read_group(domain, fields, ref["groupby"], lazy=False)
        rows = []
        for group in groups:
            keys = tuple(group[name][0] if isinstance(group[name], tuple) else group[name] for name in ref["groupby"])
            rows.append((keys, tuple(round(group[name] or 0.0, 2) for name in ref["measures"])))
        return sorted(rows)

    def _figure_refs(self):
        return [ref for ref in dashboard_references.references(self._snapshot()) if ref["measures"]]

    def test_dashboard_is_in_the_chain_group_for_store_users(self):
        self.assertEqual(self.dashboard.dashboard_group_id, self.group)
        self.assertIn(self.dashboard, self.group.published_dashboard_ids)
        self.assertEqual(self.dashboard.group_ids, self.env.ref("chain_store.group_chain_store_user"))
        self.assertEqual(self.dashboard.main_data_model_ids.model, "chain.dashboard.daily")
        Dashboard = self.env["spreadsheet.dashboard"]
        for user in (self.staff_b, self.manager_a, self.region_manager, self.chain_manager):
            self.assertEqual(Dashboard.with_user(user).search([("id", "=", self.dashboard.id)]), self.dashboard)
        outsider = new_test_user(self.env, login="t_outsider", groups="base.group_user")
        self.assertFalse(Dashboard.with_user(outsider).search([("id", "=", self.dashboard.id)]))

    def test_stored_spreadsheet_is_the_built_one(self):
        self.assertEqual(json.loads(self.dashboard.spreadsheet_data), dashboard_snapshot.build())
        with file_open(self.dashboard.sample_dashboard_file_path) as sample:
            self.assertEqual(json.load(sample), dashboard_snapshot.build(sample=True))

    def test_every_model_and_field_it_reads_exists(self):
        refs = dashboard_references.references(self._snapshot())
        self.assertEqual(len(refs), 8, "5 pivots, 2 Odoo charts, 1 store filter")
        for ref in refs:
            self.assertIn(ref["model"], self.env.registry, ref["what"])
            Model = self.env[ref["model"]]
            for name in ref["measures"]:
                field = Model._fields.get(name)
                self.assertTrue(field and field.store and field.aggregator == "sum", f"{ref['what']}: {name}")
            for name in [spec.split(":")[0] for spec in ref["groupby"]] + ref["matching"]:
                field = Model._fields.get(name)
                # a pivot, a chart and a filter group and filter by stored fields only
                self.assertTrue(field and field.store, f"{ref['what']}: {name}")

    def test_store_manager_reads_their_store_only(self):
        for ref in self._figure_refs():
            mine = self._read(ref, self.manager_a)
            self.assertTrue(mine, ref["what"])
            self.assertEqual(mine, self._read(ref, self.env.user, [("store_id", "=", self.store_a.id)]), ref["what"])
            self.assertNotEqual(mine, self._read(ref, self.chain_manager), ref["what"])
            if "store_id" in ref["groupby"]:
                self.assertEqual({keys[0] for keys, _values in mine}, {self.store_a.id}, ref["what"])

    def test_staff_of_another_store_is_refused_store_a(self):
        for ref in self._figure_refs():
            theirs = self._read(ref, self.staff_b)
            self.assertEqual(theirs, self._read(ref, self.env.user, [("store_id", "=", self.store_b.id)]), ref["what"])
            # asked for store A's figures, B's staff gets nothing (a total of zero when ungrouped)
            refused = self._read(ref, self.staff_b, [("store_id", "=", self.store_a.id)])
            self.assertFalse([value for _keys, values in refused for value in values if value], ref["what"])
            if ref["groupby"]:
                self.assertFalse(refused, ref["what"])

    def test_kpis_of_the_month_as_the_store_manager_sees_them(self):
        current, previous, ranking, categories, stock, daily, categ_chart = self._figure_refs()
        # sales, untaxed, margin, units, tickets, member sales of store A in November
        self.assertEqual(self._read(current, self.manager_a), [((), (3390.0, 3000.0, 940.0, 70.0, 30, 1695.0))])
        self.assertEqual(self._read(previous, self.manager_a)[0][1][0], 999.0)
        self.assertEqual(
            self._read(ranking, self.chain_manager),
            [
                ((self.store_a.id,), (3390.0, 3000.0, 940.0, 30)),
                ((self.store_b.id,), (5650.0, 5000.0, 1500.0, 50)),
            ],
        )
        self.assertEqual(
            self._read(categories, self.manager_a),
            sorted(
                [
                    ((self.categ_formula.id,), (2000.0, 1769.91, 600.0, 40.0)),
                    ((self.categ_diaper.id,), (260.0, 230.09, 40.0, 5.0)),
                ]
            ),
        )
        # stock value, slow movers, stockouts and the near-expiry values of store A
        self.assertEqual(
            self._read(stock, self.manager_a), [((self.store_a.id,), (38000.0, 6, 1, 1200.0, 1100.0, 0.0))]
        )
        # the daily chart shows the last 30 days: store A's three days, October's included
        self.assertEqual(
            sorted(values for _keys, values in self._read(daily, self.manager_a)), [(999.0,), (1130.0,), (2260.0,)]
        )
        self.assertEqual(len(self._read(categ_chart, self.chain_manager)), 2)

    def test_readonly_dashboard_for_a_store_manager(self):
        result = self.dashboard.with_user(self.manager_a).get_readonly_dashboard()
        self.assertNotIn("is_sample", result)
        self.assertEqual(set(result["snapshot"]["pivots"]), {"1", "2", "3", "4", "5"})
        self.assertEqual(result["default_currency"]["code"], self.env.company.currency_id.name)
        labels = [f["label"] for f in result["snapshot"]["globalFilters"]]
        self.assertEqual(labels, ["Period", "Store"])

    def test_sample_when_the_user_stores_have_no_sales(self):
        store_c = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        staff_c = self._user("t_staff_c", "chain_store.group_chain_store_user", store_c)
        result = self.dashboard.with_user(staff_c).get_readonly_dashboard()
        self.assertTrue(result["is_sample"])
        self.assertEqual(result["snapshot"], dashboard_snapshot.build(sample=True))
        # the store manager of A has sales: the real dashboard
        self.assertNotIn("is_sample", self.dashboard.with_user(self.manager_a).get_readonly_dashboard())

    def test_store_filter_offers_own_stores_only(self):
        Store = self.env["chain.store"]
        self.assertEqual(
            Store.with_user(self.manager_a).search([("id", "in", (self.store_a | self.store_b).ids)]), self.store_a
        )
        self.assertEqual(
            Store.with_user(self.chain_manager).search([("id", "in", (self.store_a | self.store_b).ids)]),
            self.store_a | self.store_b,
        )
