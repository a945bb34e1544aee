import logging
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import abc, schedule

_logger = logging.getLogger(__name__)

KINDS = [
    ("full", "Full"),
    ("category", "By Category"),
    ("location", "By Location"),
    ("abc", "Cyclic (ABC)"),
]
# the plan is due when one of these is reached (``_is_due`` tells which apply to its kind)
DUE_DATE_FIELDS = ("next_date", "next_date_a", "next_date_b", "next_date_c")


class ChainStockCountPlan(models.Model):
    """When and what the stores count (盘点计划).

    A plan covers one or more stores. Full, category and location plans generate one count per
    store every ``interval_days``; a cyclic plan classifies each store's products A/B/C by the
    value they sold over the last ``abc_period_days`` and counts each class at its own interval.
    The daily job (:meth:`_cron_generate_counts`) generates the counts that are due.
    """

    _name = "chain.stock.count.plan"
    _description = "Stock Count Plan"
    _inherit = ["mail.thread"]
    # configuration of the chain; the run's outcome is the job's own
    _chain_guarded_fields = {
        "last_run_date": ("_generate_counts", "_cron_generate_counts"),
        "last_error": ("_generate_counts", "_cron_generate_counts"),
    }
    _chain_store_field = "store_ids"
    _order = "sequence, name, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    store_ids = fields.Many2many("chain.store", string="Stores", required=True, check_company=True)
    kind = fields.Selection(KINDS, required=True, default="full", tracking=True)
    categ_ids = fields.Many2many("product.category", string="Product Categories",
                                 help="Counted with their sub-categories.")  # fmt: skip
    location_ids = fields.Many2many(
        "stock.location", string="Locations", domain=[("usage", "=", "internal")],
        help="Counted with their sub-locations; each store counts the locations of its own warehouse.",
    )  # fmt: skip
    interval_days = fields.Integer(string="Every (days)", default=30)
    next_date = fields.Date(string="Next Count", default=fields.Date.context_today, tracking=True)
    abc_period_days = fields.Integer(string="Sales Period (days)", default=90,
                                     help="Sales of this many days decide each product's class.")  # fmt: skip
    abc_a_percent = fields.Float(
        string="A up to (%)", default=abc.A_PERCENT,
        help="The best sellers making up this share of the sales value are class A.",
    )  # fmt: skip
    abc_b_percent = fields.Float(string="A and B up to (%)", default=abc.B_PERCENT)
    abc_a_days = fields.Integer(string="Count A every (days)", default=30)
    abc_b_days = fields.Integer(string="Count B every (days)", default=90)
    abc_c_days = fields.Integer(string="Count C every (days)", default=180)
    next_date_a = fields.Date(string="Next A Count", default=fields.Date.context_today)
    next_date_b = fields.Date(string="Next B Count", default=fields.Date.context_today)
    next_date_c = fields.Date(string="Next C Count", default=fields.Date.context_today)
    recount_qty = fields.Float(
        string="Recount above (units)", digits="Product Unit of Measure",
        default=lambda self: self.env.company.chain_count_recount_qty,
        help="Lines whose variance exceeds this many units are recounted (0: not used).",
    )  # fmt: skip
    recount_percent = fields.Float(
        string="Recount above (%)", default=lambda self: self.env.company.chain_count_recount_percent,
        help="Lines whose variance exceeds this share of the expected quantity are recounted (0: not used).",
    )  # fmt: skip
    recount_value = fields.Monetary(
        string="Recount above (value)", default=lambda self: self.env.company.chain_count_recount_value,
        help="Lines whose variance is worth more than this at cost are recounted (0: not used).",
    )  # fmt: skip
    currency_id = fields.Many2one(related="company_id.currency_id")
    count_ids = fields.One2many("chain.stock.count", "plan_id", string="Counts")
    count_count = fields.Integer(compute="_compute_count_count", string="Number of Counts")
    last_run_date = fields.Datetime(string="Last Run", readonly=True, copy=False)
    last_error = fields.Text(readonly=True, copy=False,
                             help="Why the last generation failed; cleared by the next successful one.")  # fmt: skip

    _sql_constraints = [
        ("interval_positive", "CHECK(interval_days > 0)", "The interval of a count plan must be at least one day."),
        (
            "abc_days_positive",
            "CHECK(abc_a_days > 0 AND abc_b_days > 0 AND abc_c_days > 0 AND abc_period_days > 0)",
            "The intervals and sales period of a cyclic plan must be at least one day.",
        ),
    ]

    def _compute_count_count(self):
        Count = self.env["chain.stock.count"]
        counts = dict(Count._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"]))
        for plan in self:
            plan.count_count = counts.get(plan, 0)

    @api.constrains("kind", "categ_ids", "location_ids", "abc_a_percent", "abc_b_percent")
    def _check_scope(self):
        for plan in self:
            if plan.kind == "category" and not plan.categ_ids:
                raise ValidationError(_("Count plan %s counts by category: choose at least one category.", plan.name))
            if plan.kind == "location" and not plan.location_ids:
                raise ValidationError(_("Count plan %s counts by location: choose at least one location.", plan.name))
            if plan.kind == "abc" and not 0 < plan.abc_a_percent <= plan.abc_b_percent <= 100:
                raise ValidationError(
                    _(
                        "Count plan %(plan)s: the A share (%(a)s %%) must be above 0 and at most the A and B "
                        "share (%(b)s %%), itself at most 100 %%.",
                        plan=plan.name,
                        a=plan.abc_a_percent,
                        b=plan.abc_b_percent,
                    )
                )

    # -- schedule --------------------------------------------------------------

    def _abc_next_dates(self):
        self.ensure_one()
        return {"a": self.next_date_a, "b": self.next_date_b, "c": self.next_date_c}

    def _is_due(self, today):
        """Whether the plan has a count to generate on ``today``."""
        self.ensure_one()
        if self.kind == "abc":
            return bool(abc.due_classes(self._abc_next_dates(), today))
        return bool(self.next_date and self.next_date <= today)

    def _advance_dates(self, today, classes=None):
        """Move the next date(s) of what was just generated past ``today``."""
        self.ensure_one()
        if self.kind != "abc":
            self.next_date = schedule.next_date(self.next_date, self.interval_days, today)
            return
        vals = {}
        for cls in classes or ():
            interval = self[f"abc_{cls}_days"]
            vals[f"next_date_{cls}"] = schedule.next_date(self[f"next_date_{cls}"], interval, today)
        self.write(vals)

    # -- generation --------------------------------------------------------------

    @api.model
    def _cron_generate_counts(self):
        """Daily job: generate the counts of every due plan.

        Each plan runs in a savepoint: a plan that fails (e.g. a store without a warehouse, a
        location plan naming no location of one of its stores) is rolled back, its error written
        on the plan and posted in its chatter, and the job goes on with the next plan.
        """
        today = fields.Date.context_today(self)
        maybe_due = ["|", "|", "|"] + [(name, "<=", today) for name in DUE_DATE_FIELDS]
        for plan in self.search(maybe_due):
            plan = plan.with_company(plan.company_id)
            if not plan._is_due(today):
                continue
            try:
                with self.env.cr.savepoint():
                    plan._generate_counts(today)
            except Exception as error:  # one bad plan must not stop the others
                _logger.warning("Stock count plan %s (id %s) failed: %s", plan.name, plan.id, error)
                plan.write({"last_error": str(error), "last_run_date": fields.Datetime.now()})
                plan.message_post(body=_("Generating the counts failed: %s", error))

    def action_generate(self):
        """Generate the counts of the plan now (whether due or not) and show them."""
        self.ensure_one()
        counts = self._generate_counts(fields.Date.context_today(self), force=True)
        return counts._action_view()

    def _generate_counts(self, today, force=False):
        """Create the counts due on ``today`` (all of them with ``force``) and advance the dates.

        :return: the created ``chain.stock.count`` records (draft).
        """
        Count = self.env["chain.stock.count"]
        counts = Count
        for plan in self:
            classes = None
            if plan.kind == "abc":
                classes = abc.due_classes(plan._abc_next_dates(), today) or (list(abc.CLASSES) if force else [])
            for store in plan.store_ids:
                vals = plan._prepare_count_vals(store, today, classes)
                if vals:
                    counts |= Count.create(vals)
            plan._advance_dates(today, classes)
            plan.write({"last_run_date": fields.Datetime.now(), "last_error": False})
        counts._chain_notify_store_managers()
        return counts

    def _prepare_count_vals(self, store, today, classes=None):
        """Hook: values of the count of ``store`` generated on ``today``, or None when there is
        nothing to count (a cyclic plan whose due classes hold no product in that store)."""
        self.ensure_one()
        warehouse = store.warehouse_id
        if not warehouse:
            raise UserError(_("Store %s has no warehouse: it has no stock to count.", store.display_name))
        vals = {
            "store_id": store.id,
            "plan_id": self.id,
            "company_id": store.company_id.id,
            "kind": self.kind,
            "date": today,
            "recount_qty": self.recount_qty,
            "recount_percent": self.recount_percent,
            "recount_value": self.recount_value,
        }
        if self.kind == "category":
            vals["categ_ids"] = [Command.set(self.categ_ids.ids)]
        elif self.kind == "location":
            locations = self.location_ids.filtered(lambda loc: loc.warehouse_id == warehouse)
            if not locations:
                raise UserError(
                    _(
                        "Count plan %(plan)s names no location of store %(store)s.",
                        plan=self.name,
                        store=store.display_name,
                    )
                )
            vals["location_ids"] = [Command.set(locations.ids)]
        elif self.kind == "abc":
            classes_by_product = self._abc_classes(store, today)
            products = [pid for pid, cls in classes_by_product.items() if cls in (classes or ())]
            if not products:
                return None
            vals["product_ids"] = [Command.set(products)]
            vals["abc_classes"] = ", ".join(cls.upper() for cls in classes)
        return vals

    # -- ABC -------------------------------------------------------------------------

    def _abc_classes(self, store, today):
        """``{product_id: "a" | "b" | "c"}`` of the products sold or in stock in ``store``."""
        self.ensure_one()
        values = self._abc_sales_values(store, today)
        return abc.classify(values, self.abc_a_percent, self.abc_b_percent)

    def _abc_sales_values(self, store, today):
        """``{product_id: value}``: what ``store`` sold over the sales period, net of returns, at
        cost (the classic ABC consumption value), plus its unsold products in stock at 0.

        One query: customer deliveries and returns of the store's warehouse, whatever the channel
        (till, sale order, online), and the products of its quants.
        """
        self.ensure_one()
        date_from = fields.Datetime.to_datetime(today - timedelta(days=self.abc_period_days))
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT product_id, SUM(qty) FROM (
                    SELECT m.product_id,
                           CASE WHEN dst.usage = 'customer' THEN m.product_qty ELSE -m.product_qty END AS qty
                      FROM stock_move m
                      JOIN stock_location src ON src.id = m.location_id
                      JOIN stock_location dst ON dst.id = m.location_dest_id
                     WHERE m.state = 'done' AND m.date >= %(date_from)s
                       AND ((src.warehouse_id = %(wh)s AND dst.usage = 'customer')
                            OR (src.usage = 'customer' AND dst.warehouse_id = %(wh)s))
                    UNION ALL
                    SELECT q.product_id, 0
                      FROM stock_quant q
                      JOIN stock_location l ON l.id = q.location_id AND l.usage = 'internal'
                     WHERE l.warehouse_id = %(wh)s AND q.quantity > 0
                ) AS sales
                GROUP BY product_id
                """,
                date_from=date_from,
                wh=store.warehouse_id.id,
            )
        )
        quantities = dict(self.env.cr.fetchall())
        products = self.env["product.product"].with_company(store.company_id).browse(quantities)
        # only stock is counted: services and consumables sold do not weigh in the classes
        return {
            product.id: quantities[product.id] * product.standard_price for product in products if product.is_storable
        }
