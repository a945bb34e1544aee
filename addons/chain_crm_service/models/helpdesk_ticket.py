from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL, create_index

from ..lib import sla

SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High"), ("critical", "Critical")]
SOURCES = [("web", "Web Client"), ("pos", "Point of Sale"), ("channel", "Sales Channel")]
ESCALATION_LEVELS = {0: "none", 1: "region manager", 2: "quality team"}


class HelpdeskTicket(models.Model):
    """An after-sales case (售后/客诉) of a store: OCA's helpdesk ticket with the chain's links."""

    _inherit = ["helpdesk.ticket", "chain.crm.case.actions.mixin"]
    _name = "helpdesk.ticket"
    _chain_store_field = "chain_store_id"
    _chain_guarded_fields = {
        "chain_opened_date": ("_chain_set_deadlines",),
        "chain_first_answer_deadline": ("_chain_set_deadlines",),
        "chain_resolve_deadline": ("_chain_set_deadlines",),
        "chain_first_answer_date": ("_chain_mark_first_answer",),
        "chain_escalation_level": ("_chain_escalate",),
        "chain_sla_first_ok": ("_compute_chain_sla",),
        "chain_sla_resolve_ok": ("_compute_chain_sla",),
    }

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index=True,
        tracking=True,
        default=lambda self: self._default_chain_store_id(),
        help="The store the case belongs to: its team handles it, its staff see it.",
    )
    chain_member_id = fields.Many2one("chain.member", string="Member", index="btree_not_null", tracking=True)
    chain_pos_order_id = fields.Many2one("pos.order", string="POS Order", index="btree_not_null")
    chain_pos_line_id = fields.Many2one(
        "pos.order.line", string="POS Order Line", domain="[('order_id', '=', chain_pos_order_id)]"
    )
    chain_product_id = fields.Many2one("product.product", string="Product", index="btree_not_null", tracking=True)
    chain_lot_id = fields.Many2one(
        "stock.lot",
        string="Lot",
        index="btree_not_null",
        tracking=True,
        domain="[('product_id', '=?', chain_product_id)]",
    )
    chain_supplier_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        compute="_compute_chain_supplier_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        help="The vendor of the lot's first receipt; can be set by hand when the lot came otherwise.",
    )
    chain_severity = fields.Selection(SEVERITIES, string="Severity", default="medium", required=True, tracking=True)
    chain_kind = fields.Selection(related="category_id.chain_kind", store=True, string="Case Kind")
    chain_category_health = fields.Boolean(related="category_id.chain_health", string="Has Health Details")
    chain_source = fields.Selection(SOURCES, string="Opened from", default="web", required=True)
    chain_opened_date = fields.Datetime(
        string="Opened on",
        default=fields.Datetime.now,
        readonly=True,
        copy=False,
        index=True,
        help="When the case was recorded: the service-level deadlines and the hours to resolve count from it.",
    )
    chain_first_answer_deadline = fields.Datetime(string="First Answer Deadline", readonly=True, copy=False)
    chain_resolve_deadline = fields.Datetime(string="Resolution Deadline", readonly=True, copy=False)
    chain_first_answer_date = fields.Datetime(
        string="First Answered on",
        readonly=True,
        copy=False,
        help="The first public reply of an employee to the customer, or the case leaving its first stage.",
    )
    chain_escalation_level = fields.Integer(
        string="Escalation Level",
        default=0,
        readonly=True,
        copy=False,
        help="0: not escalated; 1: the first answer was late, the region manager was told; "
        "2: the case is late (or there is no region manager), the quality team was told.",
    )
    chain_sla_first_ok = fields.Boolean(
        string="First Answer on Time", compute="_compute_chain_sla", store=True, readonly=True
    )
    chain_sla_resolve_ok = fields.Boolean(
        string="Resolved on Time", compute="_compute_chain_sla", store=True, readonly=True
    )
    chain_resolve_hours = fields.Float(
        string="Hours to Resolve",
        compute="_compute_chain_resolve_hours",
        store=True,
        aggregator="avg",
        digits=(12, 1),
    )
    chain_lot_warning = fields.Char(
        string="Lot Warning",
        compute="_compute_chain_lot_warning",
        store=True,
        help="Set when the lot was never sold by the case's store: the case is kept, but check the lot.",
    )
    chain_health_ids = fields.One2many("chain.crm.case.health", "ticket_id", string="Health Details")

    def init(self):
        res = super().init()
        # the case list of a store filtered by lot (recall, lot alert, the benchmark)
        create_index(
            self.env.cr,
            "helpdesk_ticket_chain_store_lot_index",
            self._table,
            ["chain_store_id", "chain_lot_id"],
        )
        return res

    @api.model
    def _default_chain_store_id(self):
        user = self.env.user
        return user.chain_store_id or user.chain_store_ids[:1]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("user_id", "chain_store_id")
    def _compute_team_id(self):
        with_store = self.filtered("chain_store_id")
        teams = self._chain_store_teams(with_store.chain_store_id)
        for ticket in with_store:
            team = teams.get(ticket.chain_store_id.id)
            if team:
                ticket.team_id = team
        return super(HelpdeskTicket, self - with_store.filtered(lambda t: t.team_id))._compute_team_id()

    @api.model
    def _chain_store_teams(self, stores):
        """``{store id: team}`` of the after-sales teams of ``stores``."""
        if not stores:
            return {}
        # sudo: a store user creating a case reads their store's team whatever the team rules say
        teams = self.env["helpdesk.ticket.team"].sudo().search([("chain_store_id", "in", stores.ids)])
        return {team.chain_store_id.id: team.with_env(self.env) for team in teams}

    @api.depends("chain_lot_id")
    def _compute_chain_supplier_id(self):
        suppliers = self._chain_lot_suppliers(self.chain_lot_id)
        for ticket in self:
            ticket.chain_supplier_id = suppliers.get(ticket.chain_lot_id.id, False)

    @api.model
    def _chain_lot_suppliers(self, lots):
        """``{lot id: commercial partner id}`` of the vendor of each lot's first done receipt (one query)."""
        if not lots.ids:
            return {}
        self.env["stock.move.line"].flush_model(["lot_id", "state", "picking_id", "date"])
        self.env["stock.picking"].flush_model(["partner_id", "picking_type_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (line.lot_id) line.lot_id, COALESCE(partner.commercial_partner_id, partner.id)
                  FROM stock_move_line line
                  JOIN stock_picking picking ON picking.id = line.picking_id
                  JOIN stock_picking_type type ON type.id = picking.picking_type_id
                  JOIN res_partner partner ON partner.id = picking.partner_id
                 WHERE line.lot_id = ANY(%s) AND line.state = 'done' AND type.code = 'incoming'
                 ORDER BY line.lot_id, line.date, line.id
                """,
                list(lots.ids),
            )
        )
        return dict(self.env.cr.fetchall())

    @api.depends("chain_lot_id", "chain_store_id")
    def _compute_chain_lot_warning(self):
        tickets = self.filtered(lambda t: t.chain_lot_id and t.chain_store_id)
        sold = self._chain_lots_sold_by_stores(tickets.chain_lot_id)
        for ticket in self:
            if ticket in tickets and (ticket.chain_lot_id.id, ticket.chain_store_id.id) not in sold:
                ticket.chain_lot_warning = _(
                    "Store %(store)s never sold lot %(lot)s: check the lot number with the customer.",
                    store=ticket.chain_store_id.name,
                    lot=ticket.chain_lot_id.name,
                )
            else:
                ticket.chain_lot_warning = False

    @api.model
    def _chain_lots_sold_by_stores(self, lots):
        """``{(lot id, store id)}``: the stores that sold each lot (one query).

        A store sold a lot when its till sold it (the lot number on a paid POS line)
        or its warehouse delivered it to a customer.
        """
        if not lots.ids:
            return set()
        for model in ("stock.move.line", "stock.location", "pos.order", "pos.order.line", "pos.pack.operation.lot"):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.lot_id, store.id
                  FROM stock_move_line line
                  JOIN stock_location source ON source.id = line.location_id
                  JOIN stock_location dest ON dest.id = line.location_dest_id
                  JOIN chain_store store ON store.warehouse_id = source.warehouse_id
                 WHERE line.lot_id = ANY(%(lots)s) AND line.state = 'done' AND dest.usage = 'customer'
                 UNION
                SELECT lot.id, config.chain_store_id
                  FROM stock_lot lot
                  JOIN pos_pack_operation_lot pack ON pack.lot_name = lot.name
                  JOIN pos_order_line pos_line ON pos_line.id = pack.pos_order_line_id
                       AND pos_line.product_id = lot.product_id
                  JOIN pos_order pos_order ON pos_order.id = pos_line.order_id
                  JOIN pos_config config ON config.id = pos_order.config_id
                 WHERE lot.id = ANY(%(lots)s) AND pos_order.state IN ('paid', 'done', 'invoiced')
                       AND config.chain_store_id IS NOT NULL
                """,
                lots=list(lots.ids),
            )
        )
        return set(self.env.cr.fetchall())

    @api.depends("chain_first_answer_date", "chain_first_answer_deadline", "closed_date", "chain_resolve_deadline")
    def _compute_chain_sla(self):
        for ticket in self:
            ticket.chain_sla_first_ok = sla.on_time(ticket.chain_first_answer_date, ticket.chain_first_answer_deadline)
            ticket.chain_sla_resolve_ok = sla.on_time(ticket.closed_date, ticket.chain_resolve_deadline)

    @api.depends("chain_opened_date", "closed_date")
    def _compute_chain_resolve_hours(self):
        for ticket in self:
            ticket.chain_resolve_hours = sla.hours_between(ticket.chain_opened_date, ticket.closed_date)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.onchange("chain_member_id")
    def _onchange_chain_member_id(self):
        if self.chain_member_id:
            self.partner_id = self.chain_member_id.partner_id

    @api.onchange("chain_pos_line_id")
    def _onchange_chain_pos_line_id(self):
        line = self.chain_pos_line_id
        if line:
            self.chain_product_id = line.product_id
            lots = line.pack_lot_ids.mapped("lot_name")
            if lots and not self.chain_lot_id:
                self.chain_lot_id = self.env["stock.lot"].search(
                    [("product_id", "=", line.product_id.id), ("name", "in", lots)], limit=1
                )

    @api.model_create_multi
    def create(self, vals_list):
        members = self.env["chain.member"].browse({v["chain_member_id"] for v in vals_list if v.get("chain_member_id")})
        partners = {member.id: member.partner_id.id for member in members}
        for vals in vals_list:
            if vals.get("chain_member_id") and not vals.get("partner_id"):
                vals["partner_id"] = partners[vals["chain_member_id"]]
            if vals.get("chain_pos_order_id") and not vals.get("chain_store_id"):
                order = self.env["pos.order"].browse(vals["chain_pos_order_id"])
                vals["chain_store_id"] = order.config_id.chain_store_id.id
        tickets = super().create(vals_list)
        tickets._chain_set_deadlines()
        tickets._chain_notify_quality_at_creation()
        tickets._chain_check_lot_threshold()
        return tickets

    def write(self, vals):
        unanswered = self.browse()
        if vals.get("stage_id"):
            unanswered = self.filtered(lambda t: not t.chain_first_answer_date and t.stage_id.id != vals["stage_id"])
        res = super().write(vals)
        if unanswered:
            unanswered._chain_mark_first_answer()
        if "category_id" in vals:
            self.filtered(lambda t: not t.chain_resolve_deadline)._chain_set_deadlines()
        if "chain_lot_id" in vals:
            self._chain_check_lot_threshold()
        return res

    def message_post(self, **kwargs):
        message = super().message_post(**kwargs)
        if (
            message.message_type == "comment"
            and message.subtype_id
            and not message.subtype_id.internal
            and self.env.user._is_internal()
            and message.author_id == self.env.user.partner_id
        ):
            self.filtered(lambda t: not t.chain_first_answer_date)._chain_mark_first_answer()
        return message

    # ------------------------------------------------------------------
    # SLA: deadlines, first answer, escalation
    # ------------------------------------------------------------------
    def _chain_set_deadlines(self):
        """Deadlines of the first answer and of the resolution, from the category's hours."""
        groups = defaultdict(self.browse)
        for ticket in self.filtered("category_id"):
            category = ticket.category_id
            start = ticket.chain_opened_date or ticket.create_date
            key = (
                sla.deadline(start, category.chain_first_answer_hours),
                sla.deadline(start, category.chain_resolve_hours),
            )
            groups[key] |= ticket
        for (first, resolve), tickets in groups.items():
            # sudo: deadlines are the system's, whoever opened the case
            tickets.sudo().write({"chain_first_answer_deadline": first, "chain_resolve_deadline": resolve})

    def _chain_mark_first_answer(self):
        """The case got its first answer now (a public reply or a move out of its first stage)."""
        tickets = self.filtered(lambda t: not t.chain_first_answer_date)
        if tickets:
            # sudo: the answer is a fact the system records, the employee may not edit the case itself
            tickets.sudo().write({"chain_first_answer_date": fields.Datetime.now()})

    @api.model
    def _cron_chain_escalate(self):
        """Escalate the open cases past their deadlines (every 15 minutes).

        First answer late → level 1: the store's region manager gets an activity;
        a store without a region manager goes straight to level 2 with a note.
        Resolution late → level 2: every user of the quality team gets an activity.
        Two searches, one batched activity creation, one batched note.
        """
        now = fields.Datetime.now()
        open_domain = [("stage_id.closed", "=", False), ("active", "=", True)]
        first_late = self.search(
            open_domain
            + [
                ("chain_escalation_level", "=", 0),
                ("chain_first_answer_date", "=", False),
                ("chain_first_answer_deadline", "<", now),
            ]
        )
        resolve_late = self.search(
            open_domain + [("chain_escalation_level", "<", 2), ("chain_resolve_deadline", "<", now)]
        )
        no_manager = first_late.filtered(lambda t: not t.chain_store_id.region_id.manager_id) - resolve_late
        (first_late - resolve_late - no_manager)._chain_escalate(1)
        no_manager._chain_escalate(2, no_region_manager=True)
        resolve_late._chain_escalate(2)

    def _chain_escalate(self, level, no_region_manager=False):
        """Raise these cases to ``level`` and give the activities to the people it names."""
        if not self:
            return
        activity_type = self.env.ref("chain_crm_service.mail_activity_type_case_escalation")
        quality_users = self._chain_quality_users()
        activities, notes = [], {}
        for ticket in self:
            if level == 1:
                users = ticket.chain_store_id.region_id.manager_id
                summary = _("Case %s: first answer late", ticket.number)
                note = _("First answer late: escalated to the region manager %s.", users.name)
            else:
                users = quality_users
                if no_region_manager:
                    summary = _("Case %s: first answer late", ticket.number)
                    note = _(
                        "First answer late and store %s has no region manager: escalated to the quality team.",
                        ticket.chain_store_id.display_name or _("(none)"),
                    )
                else:
                    summary = _("Case %s: resolution late", ticket.number)
                    note = _("Resolution late: escalated to the quality team.")
            if not users:
                note += " " + _("Nobody is in the quality team: set its members in the Chain settings.")
            notes[ticket.id] = note
            activities += ticket._chain_activity_vals(activity_type, users, summary, note)
        # sudo: the escalation is the system's decision; the activities go to people of other stores
        self.sudo().write({"chain_escalation_level": level})
        self.sudo()._message_log_batch(bodies=notes)
        self.env["mail.activity"].sudo().create(activities)

    def _chain_activity_vals(self, activity_type, users, summary, note):
        """Values of one activity per user on this case."""
        self.ensure_one()
        model_id = self.env["ir.model"]._get_id(self._name)
        return [
            {
                "res_model_id": model_id,
                "res_id": self.id,
                "activity_type_id": activity_type.id,
                "user_id": user.id,
                "summary": summary,
                "note": note,
                "date_deadline": fields.Date.context_today(self),
            }
            for user in users
        ]

    @api.model
    def _chain_quality_users(self):
        """The active internal users of the quality team (质量团队)."""
        group = self.env.ref("chain_crm_service.group_chain_quality")
        return group.users.filtered(lambda u: u.active and not u.share)

    def _chain_notify_quality_at_creation(self):
        """A safety case (安全/不良反应) reaches the quality team as soon as it is opened."""
        safety = self.filtered(lambda t: t.chain_kind == "safety")
        if not safety:
            return
        activity_type = self.env.ref("chain_crm_service.mail_activity_type_case_escalation")
        users = self._chain_quality_users()
        activities = []
        for ticket in safety:
            activities += ticket._chain_activity_vals(
                activity_type,
                users,
                _("Safety case %s", ticket.number),
                _("A safety case was opened at %s.", ticket.chain_store_id.display_name or _("(no store)")),
            )
        # sudo: the quality team is told whoever opened the case
        self.env["mail.activity"].sudo().create(activities)

    # ------------------------------------------------------------------
    # Lot alert
    # ------------------------------------------------------------------
    def _chain_check_lot_threshold(self):
        """A lot with the company's threshold of cases within 30 days: a to-do for the quality team."""
        lots = self.chain_lot_id
        if not lots:
            return
        since = fields.Datetime.now() - timedelta(days=sla.LOT_WINDOW_DAYS)
        # sudo: cases of every store count for the lot, whoever opened this one
        counts = self.sudo()._read_group(
            [("chain_lot_id", "in", lots.ids), ("chain_opened_date", ">=", since)],
            ["chain_lot_id", "company_id"],
            ["__count"],
        )
        totals = defaultdict(int)
        for lot, company, count in counts:
            if company.chain_case_lot_threshold:
                totals[lot] += count
        # a lot's threshold is its company's (the lot's company, else the first case's)
        due = {
            lot: count
            for lot, count in totals.items()
            if count >= (lot.company_id or self[:1].company_id).chain_case_lot_threshold > 0
            and (not lot.chain_case_alert_date or lot.chain_case_alert_date < since)
        }
        if due:
            self.env["stock.lot"].union(*due)._chain_alert_quality({lot.id: count for lot, count in due.items()})
