"""Fixture of the rota tests: two open stores on Shanghai time, their staff and shift templates."""

import json
from datetime import date, datetime, timedelta

from odoo import Command

from odoo.addons.chain_store.tests.common import ChainStoreCase

# the week of Monday 7 December 2026; Shanghai is UTC+8 all year
MONDAY = date(2026, 12, 7)


def utc(day, hour, minute=0):
    """Shanghai local time ``hour``:``minute`` on ``day`` (a date) as naive UTC."""
    return datetime.combine(day, datetime.min.time()) + timedelta(hours=hour - 8, minutes=minute)


class RotaCase(ChainStoreCase):
    """Store A: Li (``staff_a``'s employee, a guide), Wang and Chen; store B: Zhao (``staff_b``).
    Templates: early 09:00-17:00 (1 h break, 7 paid hours), late 13:00-21:00, night 22:00-06:00,
    split 09:00-13:00 + 17:00-21:00, long 08:00-20:00 (12 h, for the hours rules)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for store in cls.store_a | cls.store_b:
            store.tz = "Asia/Shanghai"
            if store.state != "open":
                store.action_open()
        cls.env.company.write(
            {
                "chain_rota_min_rest_hours": 11,
                "chain_rota_week_hours": 40,
                "chain_rota_month_overtime_cap": 36,
                "chain_rota_tickets_per_staff_hour": 12,
            }
        )
        Employee = cls.env["hr.employee"]
        cls.li = Employee.create({"name": "Li Na", "chain_store_id": cls.store_a.id, "user_id": cls.staff_a.id})
        cls.wang = Employee.create({"name": "Wang Fang", "chain_store_id": cls.store_a.id})
        cls.chen = Employee.create({"name": "Chen Jie", "chain_store_id": cls.store_a.id})
        cls.zhao = Employee.create({"name": "Zhao Lei", "chain_store_id": cls.store_b.id, "user_id": cls.staff_b.id})
        Template = cls.env["chain.hr.shift.template"]
        cls.early = Template.create(
            {"name": "Early", "code": "E", "kind": "early", "start_hour": 9, "end_hour": 17, "break_minutes": 60}
        )
        cls.late = Template.create({"name": "Late", "code": "L", "kind": "late", "start_hour": 13, "end_hour": 21})
        cls.night = Template.create({"name": "Night", "code": "N", "kind": "night", "start_hour": 22, "end_hour": 6})
        cls.split = Template.create(
            {"name": "Split", "code": "S", "kind": "split", "start_hour": 9, "end_hour": 13,
             "start_hour2": 17, "end_hour2": 21}
        )  # fmt: skip
        cls.long = Template.create({"name": "Long", "code": "X", "kind": "other", "start_hour": 8, "end_hour": 20})
        cls.Rota = cls.env["chain.hr.rota"]
        cls.Line = cls.env["chain.hr.rota.line"]

    @classmethod
    def _rota(cls, store, shifts=(), week=MONDAY, user=None, **vals):
        """A draft rota of ``store`` for ``week`` with ``shifts`` = [(employee, weekday, template)]."""
        Rota = cls.env["chain.hr.rota"].with_user(user) if user else cls.env["chain.hr.rota"]
        return Rota.create(
            {
                "store_id": store.id,
                "week_start": week,
                "line_ids": [
                    Command.create(
                        {"employee_id": emp.id, "date": week + timedelta(days=day), "template_id": template.id}
                    )
                    for emp, day, template in shifts
                ],
                **vals,
            }
        )


class RpcMixin:
    """``call_kw`` over real HTTP as the authenticated user (an HttpCase's browser session)."""

    def _call(self, model, method, *args, **kwargs):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def assertRpcError(self, answer, contains=None):
        self.assertIn("error", answer, f"expected an error, got {answer.get('result')!r}")
        if contains:
            self.assertIn(contains, answer["error"]["data"]["message"])
        return answer["error"]["data"]
