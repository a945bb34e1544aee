"""18.0.1.1.0: slow movers and stockouts read ``chain.dashboard.last.sale``; fill it from the
whole POS history, so an upgraded dashboard shows the same figures at once."""

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
