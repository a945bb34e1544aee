import random
from datetime import datetime, timedelta

from odoo import Command

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainDashboardCase(ChainStoreCase):
    """POS history of stores A (Shanghai) and B (Zhejiang) over the last 60 days.

    Two categories (formula, diapers) with a cost, paid orders at random local hours, one
    in three with a member, a few refunds, one draft order (never counted). The chain's
    days are cut in Asia/Shanghai.
    """

    TZ = "Asia/Shanghai"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("chain_dashboard.tz", cls.TZ)
        Categ = cls.env["product.category"]
        cls.categ_baby = Categ.create({"name": "Baby (test)"})
        cls.categ_formula = Categ.create({"name": "Formula (test)", "parent_id": cls.categ_baby.id})
        cls.categ_diaper = Categ.create({"name": "Diapers (test)"})
        Product = cls.env["product.product"]
        cls.formula = Product.create(
            {
                "name": "Formula 800g (test)",
                "categ_id": cls.categ_formula.id,
                "standard_price": 150.0,
                "list_price": 238.0,
            }
        )
        cls.diaper = Product.create(
            {"name": "Diapers L (test)", "categ_id": cls.categ_diaper.id, "standard_price": 60.0, "list_price": 99.0}
        )
        cls.member = cls.env["res.partner"].create({"name": "Member Li (test)"})
        cls.config_a = cls._pos_config(cls.store_a)
        cls.config_b = cls._pos_config(cls.store_b)
        cls.today = cls.env["chain.dashboard"]._chain_today()
        rng = random.Random(18)
        for config in (cls.config_a, cls.config_b):
            for _i in range(30):
                days_ago = rng.randint(0, 60)
                lines = [
                    (rng.choice((cls.formula, cls.diaper)), rng.choice((1, 2, 3))) for _j in range(rng.randint(1, 3))
                ]
                sign = -1 if rng.random() < 0.1 else 1
                cls._order(
                    config, cls._local(days_ago, rng.randint(0, 23)), lines, sign=sign, member=rng.random() < 0.33
                )
        cls.draft = cls._order(cls.config_a, cls._local(0, 10), [(cls.formula, 5)], state="draft")

    @classmethod
    def _local(cls, days_ago, hour):
        """UTC naive datetime of ``hour`` o'clock, ``days_ago`` days ago, local time (UTC+8)."""
        local = datetime.combine(cls.today - timedelta(days=days_ago), datetime.min.time()) + timedelta(hours=hour)
        return local - timedelta(hours=8)

    @classmethod
    def _order(cls, config, when, lines, sign=1, member=False, state="paid"):
        """A POS order of ``config`` at ``when`` (UTC) with ``lines`` = [(product, qty)]."""
        if not config.current_session_id:
            config.open_ui()
        vals = []
        for product, qty in lines:
            qty *= sign
            amount = product.list_price * qty
            vals.append(
                Command.create(
                    {
                        "product_id": product.id,
                        "qty": qty,
                        "price_unit": product.list_price,
                        "price_subtotal": round(amount / 1.13, 2),
                        "price_subtotal_incl": amount,
                        "total_cost": product.standard_price * qty,
                    }
                )
            )
        total = sum(p.list_price * q * sign for p, q in lines)
        order = cls.env["pos.order"].create(
            {
                "session_id": config.current_session_id.id,
                "partner_id": cls.member.id if member else False,
                "amount_total": total,
                "amount_tax": 0.0,
                "amount_paid": total,
                "amount_return": 0.0,
                "lines": vals,
            }
        )
        order.write({"state": state, "date_order": when})
        return order

    def _raw(self, stores, first, last, categ=None):
        """Figures straight from the POS order lines with the ORM (the reference)."""
        start, end = self.env["chain.dashboard"]._chain_utc_bounds(first, last, self.TZ)
        domain = [
            ("order_id.config_id.chain_store_id", "in", stores.ids),
            ("order_id.date_order", ">=", start),
            ("order_id.date_order", "<", end),
            ("order_id.state", "in", ["paid", "done", "invoiced"]),
        ]
        if categ:
            domain.append(("product_id.categ_id", "child_of", categ.id))
        lines = self.env["pos.order.line"].search(domain)
        return {
            "sales": sum(lines.mapped("price_subtotal_incl")),
            "margin": sum(lines.mapped("price_subtotal")) - sum(lines.mapped("total_cost")),
            "units": sum(lines.mapped("qty")),
            "tickets": len(lines.order_id),
            "member_sales": sum(self._member_lines(lines).mapped("price_subtotal_incl")),
            "lines": lines,
        }

    def _member_lines(self, lines):
        """The lines of orders with a customer; only of members when chain_dashboard_member says so."""
        lines = lines.filtered("order_id.partner_id")
        if "chain_is_member" in lines.order_id.partner_id._fields:  # chain_dashboard_member installed
            lines = lines.filtered("order_id.partner_id.chain_is_member")
        return lines
