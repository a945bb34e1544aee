"""Fixture of the attendance-against-the-rota tests: a published week in store A, its attendance."""

from datetime import date, datetime, timedelta

from odoo import Command

from odoo.addons.chain_store.tests.common import ChainStoreCase

# the week of Monday 30 November 2026; store A runs on Shanghai time (UTC+8)
MONDAY = date(2026, 11, 30)


def utc(day, hour, minute=0, month=11):
    """Shanghai local ``day`` ``hour``:``minute`` as naive UTC (the hour may be negative or past 24)."""
    return datetime(2026, month, 1) + timedelta(days=day - 1, hours=hour - 8, minutes=minute)


class AttendanceCase(ChainStoreCase):
    """Store A (Shanghai time): Li (``staff_a``'s employee) on the early shift 09:00-17:00 Monday to
    Friday, Wang on nights 22:00-06:00 Monday, Wednesday and Friday; store B: Zhao, Monday early.
    Attendance of the week (local times):

    ====== ================== ===================== ==========================================
    day    Li                 Wang (night)          expected
    ====== ================== ===================== ==========================================
    Mon 30 08:58-17:02        22:03-06:45 (Tue)     Li ok; Wang overtime 45 (late 3 tolerated)
    Tue 1  09:12-17:00                              Li late 12
    Wed 2  09:00-16:30        22:40-06:00 (Thu)     Li early 30; Wang late 40
    Thu 3  —                                        Li absent
    Fri 4  09:20-16:50        22:00-              Li late 20 + early 10; Wang open (no check-out)
    Sat 5  10:00-14:00                              Li unplanned 240 min
    ====== ================== ===================== ==========================================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for store in cls.store_a | cls.store_b:
            store.tz = "Asia/Shanghai"
            if store.state != "open":
                store.action_open()
        Employee = cls.env["hr.employee"]
        cls.li = Employee.create({"name": "Li Na", "chain_store_id": cls.store_a.id, "user_id": cls.staff_a.id})
        cls.wang = Employee.create({"name": "Wang Fang", "chain_store_id": cls.store_a.id})
        cls.zhao = Employee.create({"name": "Zhao Lei", "chain_store_id": cls.store_b.id, "user_id": cls.staff_b.id})
        Template = cls.env["chain.hr.shift.template"]
        cls.early = Template.create(
            {"name": "Early", "code": "E", "kind": "early", "start_hour": 9, "end_hour": 17, "break_minutes": 60}
        )
        cls.night = Template.create({"name": "Night", "code": "N", "kind": "night", "start_hour": 22, "end_hour": 6})
        cls.rota_a = cls._rota(
            cls.store_a,
            [(cls.li, day, cls.early) for day in range(5)] + [(cls.wang, day, cls.night) for day in (0, 2, 4)],
        )
        cls.rota_b = cls._rota(cls.store_b, [(cls.zhao, 0, cls.early)])
        cls._attend(
            cls.li,
            [(30, (8, 58), (17, 2)), (1, (9, 12), (17, 0)), (2, (9, 0), (16, 30)), (4, (9, 20), (16, 50)),
             (5, (10, 0), (14, 0))],
        )  # fmt: skip
        cls._attend(cls.wang, [(30, (22, 3), (30, 45)), (2, (22, 40), (30, 0)), (4, (22, 0), None)])
        cls._attend(cls.zhao, [(30, (9, 0), (17, 0))])
        cls.Check = cls.env["chain.hr.attendance.check"]

    @classmethod
    def _rota(cls, store, shifts):
        rota = cls.env["chain.hr.rota"].create(
            {
                "store_id": store.id,
                "week_start": MONDAY,
                "line_ids": [
                    Command.create(
                        {"employee_id": emp.id, "date": MONDAY + timedelta(days=day), "template_id": template.id}
                    )
                    for emp, day, template in shifts
                ],
            }
        )
        rota.action_publish()
        return rota

    @classmethod
    def _attend(cls, employee, days):
        """``days``: ``(day_of_month, (h, m) in, (h, m) out or None)``; an out hour past 24 is the next day."""
        vals = []
        for day, (in_h, in_m), out in days:
            month = 11 if day >= 30 else 12
            vals.append(
                {
                    "employee_id": employee.id,
                    "check_in": utc(day, in_h, in_m, month),
                    "check_out": utc(day, out[0], out[1], month) if out else False,
                }
            )
        cls.env["hr.attendance"].create(vals)

    def _check(self, employee, day):
        return self.Check.search([("employee_id", "=", employee.id), ("date", "=", day)])
