from datetime import date, datetime

from odoo import Command

from odoo.addons.chain_hr_store.tests.common import ChainHrStoreCase


class ChainCommissionCase(ChainHrStoreCase):
    """The staff of ``ChainHrStoreCase`` (store A: ``emp_a1`` guide, ``emp_a2`` cashier; store B:
    ``emp_b1`` guide) plus ``emp_a3``, a baby advisor of store A; a till per store; products of
    every scope; the chain's rules:

    =====================  ===========================  ============================
    rule                   scope                        pays
    =====================  ===========================  ============================
    ``rule_all``           all products                 1 % of sales
    ``rule_formula``       category Formula             2 % of sales
    ``rule_feihe``         brand 飞鹤                   3 % of sales; 4 % from 100 %
                                                        of target, 5 % from 150 %
    ``rule_diaper``        product Diapers M            2.00 per unit
    ``rule_toys``          category Toys                10 % of margin
    ``rule_member``        (bonus)                      20.00 per member enrolled
    =====================  ===========================  ============================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Asia/Shanghai"
        (cls.store_a | cls.store_b).tz = "Asia/Shanghai"
        cls.job_advisor = cls.env.ref("chain_hr_store.job_baby_advisor")
        cls.emp_a3 = cls.env["hr.employee"].create(
            {"name": "Sun Mei (A advisor)", "chain_store_id": cls.store_a.id, "job_id": cls.job_advisor.id}
        )
        Category = cls.env["product.category"]
        cls.categ_baby = Category.create({"name": "Baby (test)"})
        cls.categ_formula = Category.create({"name": "Formula (test)", "parent_id": cls.categ_baby.id})
        cls.categ_toys = Category.create({"name": "Toys (test)", "parent_id": cls.categ_baby.id})
        Product = cls.env["product.product"]

        def product(name, categ, brand=False, stage=False, price=100.0):
            return Product.create({
                "name": name, "categ_id": categ.id, "chain_brand": brand, "chain_formula_stage": stage,
                "list_price": price, "available_in_pos": True, "taxes_id": [Command.clear()],
            })  # fmt: skip

        cls.feihe = product("Feihe Star stage 3 (test)", cls.categ_formula, "飞鹤", "3", 300)
        cls.junlebao = product("Junlebao stage 2 (test)", cls.categ_formula, "君乐宝", "2", 200)
        cls.diaper = product("Diapers M (test)", cls.categ_baby, price=20)
        cls.toy = product("Rattle (test)", cls.categ_toys, price=100)
        cls.wipes = product("Wipes (test)", cls.categ_baby, price=50)
        Rule = cls.env["chain.commission.rule"]
        cls.rule_all = Rule.create({"name": "Everything 1%", "applies_to": "all", "base": "sales", "rate": 1})
        cls.rule_formula = Rule.create({"name": "Formula 2%", "applies_to": "category",
                                        "categ_id": cls.categ_formula.id, "base": "sales", "rate": 2})  # fmt: skip
        cls.rule_feihe = Rule.create({
            "name": "Feihe 3%", "applies_to": "brand", "brand": "飞鹤", "base": "sales", "rate": 3,
            "tier_ids": [Command.create({"achievement_from": 100, "rate": 4}),
                         Command.create({"achievement_from": 150, "rate": 5})],
        })  # fmt: skip
        cls.rule_diaper = Rule.create({"name": "Diapers 2.00/unit", "applies_to": "product",
                                       "product_tmpl_id": cls.diaper.product_tmpl_id.id, "base": "fixed",
                                       "amount": 2})  # fmt: skip
        cls.rule_toys = Rule.create({"name": "Toys 10% margin", "applies_to": "category",
                                     "categ_id": cls.categ_toys.id, "base": "margin", "rate": 10})  # fmt: skip
        cls.rule_member = Rule.create({"name": "New member 20", "applies_to": "all", "base": "member_enrolled",
                                       "amount": 20})  # fmt: skip
        cls.config_a = cls._pos_config(cls.store_a)
        cls.config_b = cls._pos_config(cls.store_b)
        cls.march = date(2026, 3, 1)
        cls.april = date(2026, 4, 1)
        Target = cls.env["chain.commission.target"]
        Target.create([
            {"month": cls.march, "store_id": cls.store_a.id, "sales_target": 20000},
            {"month": cls.march, "store_id": cls.store_a.id, "employee_id": cls.emp_a1.id, "sales_target": 1000},
            {"month": cls.march, "store_id": cls.store_a.id, "employee_id": cls.emp_a3.id, "sales_target": 10000},
        ])  # fmt: skip

    @classmethod
    def _sale(cls, config, when, lines, employee=None):
        """A paid POS order of ``config`` dated ``when`` (UTC) with ``lines``:
        ``(product, qty, unit price, unit cost, guide)``; a guide ``None`` takes the default."""
        if not config.current_session_id:
            config.open_ui()
        session = config.current_session_id
        line_vals = []
        for product, qty, price, cost, guide in lines:
            vals = {
                "product_id": product.id, "qty": qty, "price_unit": price, "price_subtotal": qty * price,
                "price_subtotal_incl": qty * price, "total_cost": qty * cost,
            }  # fmt: skip
            if guide is not None:
                vals["chain_guide_id"] = guide.id
            line_vals.append(Command.create(vals))
        total = sum(qty * price for _p, qty, price, _c, _g in lines)
        order = cls.env["pos.order"].create({
            "session_id": session.id, "date_order": when, "amount_total": total, "amount_tax": 0.0,
            "amount_paid": total, "amount_return": 0.0, "lines": line_vals,
            "employee_id": (employee or cls.env["hr.employee"]).id,
        })  # fmt: skip
        order.write({"state": "paid"})
        # the till sent it when it was made (the test's transaction has one clock)
        order.flush_recordset()
        cls.env.cr.execute("UPDATE pos_order SET create_date = date_order WHERE id = %s", [order.id])
        order.invalidate_recordset(["create_date"])
        return order

    @classmethod
    def _refund(cls, config, when, line, qty, employee=None):
        """A paid refund of ``qty`` units of ``line`` (a negative quantity), dated ``when``."""
        order = cls._sale(config, when, [(line.product_id, -qty, line.price_unit,
                                          line.total_cost / line.qty, None)], employee=employee)  # fmt: skip
        order.lines.refunded_orderline_id = line
        return order

    @classmethod
    def _seed_march(cls):
        """A month of sales of store A (and one of B); see ``TestCommissionMonth`` for the figures."""
        at = datetime(2026, 3, 10, 4, 0)
        cls.o1 = cls._sale(cls.config_a, at, [(cls.feihe, 2, 300, 200, cls.emp_a1)])
        cls._sale(cls.config_a, datetime(2026, 3, 11, 4, 0), [
            (cls.diaper, 5, 20, 12, cls.emp_a1), (cls.toy, 1, 100, 40, cls.emp_a1),
            (cls.junlebao, 1, 200, 150, cls.emp_a1), (cls.wipes, 1, 50, 30, cls.emp_a1),
        ])  # fmt: skip
        cls._sale(cls.config_a, datetime(2026, 3, 12, 4, 0), [(cls.feihe, 1, 300, 200, cls.emp_a2)])
        cls._sale(cls.config_a, datetime(2026, 3, 1, 1, 0), [(cls.feihe, 1, 300, 200, cls.emp_a3)])
        # 31 March 17:00 UTC is 1 April 01:00 in Shanghai: April's
        cls._sale(cls.config_a, datetime(2026, 3, 31, 17, 0), [(cls.feihe, 1, 300, 200, cls.emp_a3)])
        # 28 February 17:00 UTC is 1 March 01:00 in Shanghai: March's
        cls._sale(cls.config_a, datetime(2026, 2, 28, 17, 0), [(cls.wipes, 2, 50, 30, cls.emp_a3)])
        cls._sale(cls.config_b, at, [(cls.feihe, 1, 300, 200, cls.emp_b1)])
        Member = cls.env["chain.member"]
        for i in range(2):
            Member.create({"name": f"Mum {i} (test)", "mobile": f"1380000000{i}", "join_store_id": cls.store_a.id,
                           "home_store_id": cls.store_a.id, "join_date": date(2026, 3, 5 + i),
                           "guide_user_id": cls.staff_a.id})  # fmt: skip
        Member.create({"name": "Mum late (test)", "mobile": "13800000009", "join_store_id": cls.store_a.id,
                       "home_store_id": cls.store_a.id, "join_date": date(2026, 4, 2),
                       "guide_user_id": cls.staff_a.id})  # fmt: skip

    def _statement(self, store, month):
        return self.env["chain.commission.statement"].create({"store_id": store.id, "month": month})

    def _figures(self, statement):
        return {
            line.employee_id: {
                name: line[name]
                for name in ("sales", "achievement", "members_enrolled", "commission", "bonus", "clawback", "total")
            }
            for line in statement.line_ids
        }
