"""18.0.1.1.0: the stock row reads ``chain.dashboard.stock``, whose slow movers and stockouts come
from ``chain.dashboard.last.sale``: fill the last sale days from the whole POS history, then the
stock figures, so an upgraded dashboard shows its figures at once."""

from datetime import date

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    dashboard = env["chain.dashboard"]
    cr.execute(
        env["chain.dashboard.last.sale"]._chain_refresh_sql(
            date(2000, 1, 1), dashboard._chain_today(), dashboard._chain_tz()
        )
    )
    dashboard._chain_stock_refresh()
