from odoo import fields, models, tools
from odoo.tools import SQL


class ChainCrmFollowupReport(models.Model):
    """Follow-up completion (回访完成率): one row per task due, for pivot and graph.

    Sum ``due``, ``done``, ``on_time``, ``late``, ``open`` per store, guide,
    plan and month; the rates are averages over the tasks due (0 or 100 per
    task). Rows drill down to the task. Tasks not due yet are not counted.
    """

    _name = "chain.crm.followup.report"
    _description = "Follow-up Completion"
    _auto = False
    _order = "date_due desc"
    _rec_name = "followup_id"
    _chain_store_field = "store_id"
    # an SQL view: nothing is written
    _chain_guarded_fields = {}

    followup_id = fields.Many2one("chain.crm.followup", string="Task", readonly=True)
    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Guide", readonly=True)
    plan_id = fields.Many2one("chain.crm.followup.plan", string="Plan", readonly=True)
    step_id = fields.Many2one("chain.crm.followup.step", string="Step", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
    member_id = fields.Many2one("chain.member", string="Member", readonly=True)
    date_due = fields.Date(string="Due", readonly=True)
    outcome = fields.Selection(
        [
            ("reached", "Reached"),
            ("not_reached", "Not reached"),
            ("converted", "Became a member"),
            ("purchased", "Purchased"),
            ("declined", "Declined"),
        ],
        readonly=True,
    )
    outcome_date = fields.Date(readonly=True)
    due = fields.Integer(string="Due Tasks", readonly=True)
    done = fields.Integer(string="Done", readonly=True)
    on_time = fields.Integer(string="Done on Time", readonly=True)
    late = fields.Integer(string="Done Late", readonly=True)
    open = fields.Integer(string="Not Done", readonly=True)
    done_rate = fields.Float(string="Completion %", readonly=True, aggregator="avg")
    on_time_rate = fields.Float(string="On Time %", readonly=True, aggregator="avg")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %s AS (
                    SELECT f.id, f.id AS followup_id, f.store_id, f.company_id, f.user_id, f.plan_id, f.step_id,
                           f.lead_id, f.member_id, f.date_due, f.outcome, f.outcome_date,
                           1 AS due,
                           (f.outcome IS NOT NULL)::int AS done,
                           (f.outcome IS NOT NULL AND f.outcome_date <= f.date_due)::int AS on_time,
                           (f.outcome IS NOT NULL AND f.outcome_date > f.date_due)::int AS late,
                           (f.outcome IS NULL)::int AS open,
                           CASE WHEN f.outcome IS NOT NULL THEN 100.0 ELSE 0.0 END AS done_rate,
                           CASE WHEN f.outcome IS NOT NULL AND f.outcome_date <= f.date_due
                                THEN 100.0 ELSE 0.0 END AS on_time_rate
                      FROM chain_crm_followup f
                     WHERE f.date_due <= CURRENT_DATE
                )
                """,
                SQL.identifier(self._table),
            )
        )

    def action_open_followup(self):
        """The task of this row."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.crm.followup",
            "res_id": self.followup_id.id,
            "view_mode": "form",
        }
