from odoo import _, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.crm_lead import SOURCE_KINDS


class ChainCrmConversionReport(models.Model):
    """Lead → member → first purchase, one row per lead of a store (a SQL view).

    Grouped in a pivot or a graph by store, guide, source and month (of the lead's
    creation, in the store's time zone); the counts add up and the rates are
    averages of 0/100 per lead, so every group shows its own rate. Store users
    read the rows of their stores (record rules), like the leads.
    """

    _name = "chain.crm.conversion.report"
    _description = "Lead Conversion Analysis"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "lead_id"
    _chain_store_field = "chain_store_id"
    _chain_guarded_fields = {}  # a read-only SQL view

    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
    date = fields.Date(string="Created on", readonly=True)
    chain_store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    user_id = fields.Many2one("res.users", string="Guide", readonly=True)
    source_kind = fields.Selection(SOURCE_KINDS, string="Source", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    member_id = fields.Many2one("chain.member", string="Member", readonly=True)
    converted_date = fields.Date(string="Converted on", readonly=True)
    first_purchase_date = fields.Date(string="First Purchase on", readonly=True)
    lead_count = fields.Integer(string="Leads", readonly=True, aggregator="sum")
    converted_count = fields.Integer(string="Members", readonly=True, aggregator="sum")
    purchase_count = fields.Integer(string="First Purchases", readonly=True, aggregator="sum")
    conversion_rate = fields.Float(
        string="Conversion Rate (%)", readonly=True, aggregator="avg", help="Leads that became members."
    )
    purchase_rate = fields.Float(
        string="Purchase Rate (%)", readonly=True, aggregator="avg", help="Leads whose member bought since."
    )

    def _query(self):
        return SQL(
            """
            SELECT lead.id AS id,
                   lead.id AS lead_id,
                   ((lead.create_date AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(store.tz, 'Asia/Shanghai'))::date
                       AS date,
                   lead.chain_store_id,
                   lead.user_id,
                   lead.chain_source_kind AS source_kind,
                   lead.company_id,
                   lead.chain_member_id AS member_id,
                   ((lead.chain_converted_date AT TIME ZONE 'UTC')
                       AT TIME ZONE COALESCE(store.tz, 'Asia/Shanghai'))::date AS converted_date,
                   lead.chain_first_purchase_date AS first_purchase_date,
                   1 AS lead_count,
                   (lead.chain_member_id IS NOT NULL)::int AS converted_count,
                   (lead.chain_first_purchase_date IS NOT NULL)::int AS purchase_count,
                   CASE WHEN lead.chain_member_id IS NOT NULL THEN 100.0 ELSE 0.0 END AS conversion_rate,
                   CASE WHEN lead.chain_first_purchase_date IS NOT NULL THEN 100.0 ELSE 0.0 END AS purchase_rate
              FROM crm_lead lead
              JOIN chain_store store ON store.id = lead.chain_store_id
             WHERE lead.active
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    def action_open_lead(self):
        """Open the lead of the row (drill-down from the list)."""
        self.ensure_one()
        self.check_access("read")
        lead = self.lead_id
        if not lead or not lead.has_access("read"):
            raise UserError(_("You cannot open this lead."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
            "views": [(self.env.ref("chain_crm_store.crm_lead_view_form_chain").id, "form")],
        }
