from datetime import date

from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil, safe_eval

from odoo.addons.chain_dashboard_spreadsheet.lib import dashboard_snapshot
from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainSpreadsheetCase(ChainStoreCase):
    """Summary rows of stores A and B written straight into ``chain_dashboard``'s tables.

    Store A sold on two days of this month and one day of the previous month, store B on one
    day of each; both have stock figures in two categories. The numbers are chosen so
    that each store's total is different from the other's and from the chain's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dashboard = cls.env.ref("chain_dashboard_spreadsheet.spreadsheet_dashboard_chain_kpis")
        cls.group = cls.env.ref("chain_dashboard_spreadsheet.spreadsheet_dashboard_group_chain")
        Categ = cls.env["product.category"]
        cls.categ_formula = Categ.create({"name": "Formula (test)"})
        cls.categ_diaper = Categ.create({"name": "Diapers (test)"})
        # the figures are dated around a fixed day: only the tour needs the real "this month"
        cls.today = date(2026, 11, 23)
        cls.month_start = date(2026, 11, 2)
        cls.previous_month_day = date(2026, 10, 29)
        cls.company = cls.env.company
        Daily = cls.env["chain.dashboard.daily"]
        cls.daily = Daily.create(
            [
                cls._daily_vals(cls.store_a, cls.month_start, 1130.0, 10, 300.0, 25, 565.0, 4),
                cls._daily_vals(cls.store_a, cls.today, 2260.0, 20, 640.0, 45, 1130.0, 9),
                cls._daily_vals(cls.store_a, cls.previous_month_day, 999.0, 9, 200.0, 18, 0.0, 0),
                cls._daily_vals(cls.store_b, cls.today, 5650.0, 50, 1500.0, 110, 2825.0, 21),
                cls._daily_vals(cls.store_b, cls.previous_month_day, 4000.0, 40, 1000.0, 80, 2000.0, 16),
            ]
        )
        cls.daily_categ = cls.env["chain.dashboard.daily.categ"].create(
            [
                cls._categ_vals(cls.store_a, cls.categ_formula, 2000.0, 18, 600.0, 40),
                cls._categ_vals(cls.store_a, cls.categ_diaper, 260.0, 3, 40.0, 5),
                cls._categ_vals(cls.store_b, cls.categ_diaper, 5650.0, 50, 1500.0, 110),
            ]
        )
        cls.stock = cls.env["chain.dashboard.stock"].create(
            [
                cls._stock_vals(cls.store_a, cls.categ_formula, 30000.0, 4, 1, 1200.0, 800.0),
                cls._stock_vals(cls.store_a, cls.categ_diaper, 8000.0, 2, 0, 0.0, 300.0),
                cls._stock_vals(cls.store_b, cls.categ_diaper, 51000.0, 9, 3, 700.0, 0.0),
            ]
        )

    @classmethod
    def _daily_vals(cls, store, day, sales, tickets, margin, units, member_sales, member_tickets):
        return {
            "store_id": store.id,
            "company_id": cls.company.id,
            "date": day,
            "sales": sales,
            "sales_untaxed": round(sales / 1.13, 2),
            "margin": margin,
            "units": units,
            "tickets": tickets,
            "member_sales": member_sales,
            "member_tickets": member_tickets,
        }

    @classmethod
    def _categ_vals(cls, store, categ, sales, tickets, margin, units):
        vals = cls._daily_vals(store, cls.today, sales, tickets, margin, units, sales / 2, 0)
        del vals["member_tickets"]
        return dict(vals, categ_id=categ.id)

    @classmethod
    def _stock_vals(cls, store, categ, value, slow, stockouts, near_0_7, near_8_30):
        return {
            "store_id": store.id,
            "categ_id": categ.id,
            "company_id": cls.company.id,
            "value": value,
            "units": value / 100,
            "slow_movers": slow,
            "stockouts": stockouts,
            "expiry_0_7_value": near_0_7,
            "expiry_8_30_value": near_8_30,
        }

    def _snapshot(self):
        return dashboard_snapshot.build()

    def _eval_domain(self, domain):
        """A pivot's or chart's domain as the web client evaluates it (strings with
        ``context_today`` and ``relativedelta``) for today."""
        if isinstance(domain, str):
            return safe_eval(
                domain,
                {
                    "context_today": lambda: self.today,
                    "relativedelta": dateutil.relativedelta.relativedelta,
                    "datetime": safe_datetime,
                },
            )
        return domain
