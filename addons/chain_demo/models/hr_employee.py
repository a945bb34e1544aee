# ruff: noqa: RUF001 - Chinese names are written with full-width parentheses
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# The employees of a store who have no user: (name, job xmlid); a store also has its manager and
# its staff user(s) as employees.
STORE_STAFF = (
    ("导购", "chain_hr_store.job_guide"),
    ("导购", "chain_hr_store.job_guide"),
    ("收银", "chain_hr_store.job_cashier"),
)
GIVEN_NAMES = ("林佳", "高婷", "马丽", "何雨", "罗琳", "郭静", "梁燕", "宋倩", "唐悦", "韩雪",
               "冯菲", "曹颖", "彭丹", "曾洁", "邓慧")  # fmt: skip


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    @api.model
    def _chain_demo_load_staff(self, templates, today=None):
        """The staff of the open demo stores, their rotas, attendance and commission.

        - employees: the store manager and the staff users, plus two guides and a cashier
          without a user (badge and PIN for the store's kiosk);
        - a published rota for this week and the two weeks before, each employee working five
          days out of seven on ``templates`` (early, late) — the cashier on the split shift at weekends;
        - attendance for the last two weeks as the kiosk records it: a few late arrivals, an
          early leave, one absence; the daily comparison with the rota computed;
        - POS orders of last month and this month whose lines carry their guide;
        - targets, last month's commission statements approved and this month's computed.

        Idempotent: a store whose employees exist is skipped.

        :param templates: ``chain.hr.shift.template`` ids (early, late, split)
        """
        today = today or fields.Date.context_today(self)
        early, late, split = self.env["chain.hr.shift.template"].browse(templates)
        stores = self.env["chain.store"].search([("kind", "=", "store"), ("state", "=", "open")], order="code")
        done = self.search([("chain_store_id", "in", stores.ids)]).chain_store_id
        names = iter(GIVEN_NAMES * 3)
        employees_of = {}
        for store in stores - done:
            employees_of[store] = self._chain_demo_store_employees(store, names)
        if not employees_of:
            return self
        monday = today - timedelta(days=today.weekday())
        for store, employees in employees_of.items():
            for week in (monday - timedelta(days=14), monday - timedelta(days=7), monday):
                self._chain_demo_rota(store, employees, week, (early, late, split))
        self._chain_demo_attendance(list(employees_of), monday - timedelta(days=14), today)
        self._chain_demo_commission(employees_of, today)
        return self.browse([e.id for employees in employees_of.values() for e in employees])

    @api.model
    def _chain_demo_store_employees(self, store, names):
        """The store's employees: its manager, its staff users, two guides and a cashier."""
        employees = self.browse()
        manager_job = self.env.ref("chain_hr_store.job_store_manager")
        guide_job = self.env.ref("chain_hr_store.job_guide")
        staff = self.env["res.users"].search(
            [("chain_store_id", "=", store.id), ("share", "=", False), ("chain_managed_region_ids", "=", False),
             ("id", "not in", self.env.ref("chain_store.group_chain_manager").users.ids)],
            order="id",
        )  # fmt: skip
        for user in store.manager_id | staff:
            employee = self.with_context(active_test=False).search([("user_id", "=", user.id)], limit=1)
            vals = {"chain_store_id": store.id, "company_id": store.company_id.id}
            if not employee.job_id:
                vals["job_id"] = (manager_job if user == store.manager_id else guide_job).id
            if employee:
                employee.write(vals)
            else:
                vals.update(name=user.name.split("（")[0], user_id=user.id, work_email=user.email)
                employee = self.create(vals)
            employees |= employee
        for number, (title, job) in enumerate(STORE_STAFF, start=1):
            employees |= self.create(
                {
                    "name": f"{next(names)}（{store.code} {title}）",
                    "chain_store_id": store.id,
                    "company_id": store.company_id.id,
                    "job_id": self.env.ref(job).id,
                    "barcode": f"{store.code}{number:04d}",
                    "pin": f"{number:04d}",
                }
            )
        return employees

    @api.model
    def _chain_demo_rota(self, store, employees, week, templates):
        """The store's rota of ``week``, planned in the grid and published."""
        early, late, split = templates
        Rota = self.env["chain.hr.rota"]
        rota = Rota.search([("store_id", "=", store.id), ("week_start", "=", week), ("is_template", "=", False)])
        rota = rota or Rota.create({"store_id": store.id, "week_start": week})
        cashier = self.env.ref("chain_hr_store.job_cashier")
        for row, employee in enumerate(employees):
            for day in range(7):
                if (day - row) % 7 in (0, 3):
                    continue  # two days off a week, spread so that every day is covered
                template = early if (day + row) % 2 == 0 else late
                if employee.job_id == cashier and day >= 5:
                    template = split
                rota.chain_grid_set_cell(employee.id, fields.Date.to_string(week + timedelta(days=day)), template.id)
        rota.action_publish()
        return rota

    @api.model
    def _chain_demo_attendance(self, stores, date_from, today):
        """Check-ins and check-outs of the published shifts from ``date_from`` to yesterday: most on
        time, a few late arrivals, one early leave and one absence per store; then the comparison."""
        lines = self.env["chain.hr.rota.line"].search(
            [("store_id", "in", [s.id for s in stores]), ("date", ">=", date_from), ("date", "<", today),
             ("state", "=", "published")],
            order="store_id, date, employee_id, segment",
        )  # fmt: skip
        values = []
        for number, line in enumerate(lines):
            if number % 41 == 17:
                continue  # absent
            check_in = line.start_datetime - timedelta(minutes=number % 6)
            check_out = line.end_datetime + timedelta(minutes=number % 8)
            if number % 11 == 4:
                check_in = line.start_datetime + timedelta(minutes=12 + number % 15)  # late
            elif number % 37 == 9:
                check_out = line.end_datetime - timedelta(minutes=40)  # early leave
            values.append(
                {
                    "employee_id": line.employee_id.id,
                    "check_in": check_in,
                    "check_out": check_out,
                    "chain_store_id": line.store_id.id,
                }
            )
        self.env["hr.attendance"].create(values)
        self.env["chain.hr.attendance.check"]._chain_compute(date_from, today - timedelta(days=1))

    @api.model
    def _chain_demo_commission(self, employees_of, today):
        """POS orders with guides last month and this month, targets, and the statements."""
        this_month = today.replace(day=1)
        last_month = this_month - relativedelta(months=1)
        Target = self.env["chain.commission.target"]
        Statement = self.env["chain.commission.statement"]
        products = self.env["product.product"].search(
            [("available_in_pos", "=", True), ("type", "=", "consu"), ("barcode", "=like", "69%")], order="id"
        )
        for seq, (store, employees) in enumerate(employees_of.items()):
            guides = employees.filtered("job_id.chain_commission_eligible")
            self._chain_demo_guided_orders(store, guides, products, seq, last_month, today)
            for month in (last_month, this_month):
                Target.create({"month": month, "store_id": store.id, "sales_target": 6000, "members_target": 20,
                               "formula_share_target": 40})  # fmt: skip
                Target.create(
                    [{"month": month, "store_id": store.id, "employee_id": guide.id, "sales_target": 1500,
                      "members_target": 5} for guide in guides]
                )  # fmt: skip
            previous = Statement.create({"store_id": store.id, "month": last_month})
            previous.action_compute()
            previous.action_submit()
            previous.action_approve()
            Statement.create({"store_id": store.id, "month": this_month}).action_compute()

    @api.model
    def _chain_demo_guided_orders(self, store, guides, products, seq, last_month, today):
        """Eight orders last month and five this month at the store's till, each line with its guide."""
        config = store.pos_config_ids[:1]
        if not config or not guides:
            return
        Order = self.env["pos.order"]
        seller = store.manager_id or self.env.user
        session = self.env["pos.session"].create({"config_id": config.id, "user_id": seller.id})
        session.set_opening_control(0, None)
        cashier = self.search([("user_id", "=", seller.id)], limit=1)
        days = [last_month + timedelta(days=3 * n + 1) for n in range(8)]
        days += [today.replace(day=1) + timedelta(days=(today.day - 1) * n // 5) for n in range(5)]
        data = []
        for number, day in enumerate(days):
            lines = store._chain_demo_order_lines(products, seq * 5 + number * 3, 1 + number % 3)
            if not lines:
                continue
            when = datetime.combine(day, time(3 + number % 8, 10 * (number % 6)))
            order = store._chain_demo_order_data(session, seller, lines, number, when)
            order["sequence_number"] = 100 + number
            order["employee_id"] = cashier.id
            for index, command in enumerate(order["lines"]):
                # the whole order by one guide, except every third order split between two
                guide = guides[(number + (index if number % 3 == 0 else 0)) % len(guides)]
                command[2]["chain_guide_id"] = guide.id
            data.append(order)
        Order.sync_from_ui(data)
        cash = sum(session.order_ids.payment_ids.filtered(lambda p: p.payment_method_id.is_cash_count).mapped("amount"))
        session.post_closing_cash_details(cash)
        session.update_closing_control_state_session("")
        session.action_pos_session_closing_control()
        return session.order_ids
