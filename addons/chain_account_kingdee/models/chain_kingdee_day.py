import logging
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import kingdee_protocol as protocol
from ..lib.kingdee_client import KingdeeError

_logger = logging.getLogger(__name__)

WORKFLOW = ("action_send", "_chain_send")


class ChainKingdeeDay(models.Model):
    """One company's day in the group ledger: the voucher sent to Kingdee EAS and EAS's answer.

    States: *to send* (not sent yet), *sent* (sent, EAS's answer unknown: a time-out;
    sent again, EAS refuses the duplicate and that counts as accepted), *accepted*,
    *refused* (EAS's or our reason in ``message``; fixed, it is sent again by the
    button or the next cron run). An accepted day is never sent again.
    """

    _name = "chain.kingdee.day"
    _description = "Kingdee EAS Day"
    _order = "date desc, company_id"
    _rec_name = "date"
    _chain_guarded_fields = {
        "state": WORKFLOW,
        "voucher_number": WORKFLOW,
        "message": WORKFLOW,
        "attempts": WORKFLOW,
        "sent_at": WORKFLOW,
        "line_ids": WORKFLOW,
        "debit_total": WORKFLOW,
        "credit_total": WORKFLOW,
        "move_line_count": WORKFLOW,
    }

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("to_send", "To Send"), ("sent", "Sent"), ("accepted", "Accepted"), ("refused", "Refused")],
        default="to_send",
        required=True,
        readonly=True,
        index=True,
    )
    voucher_number = fields.Char(readonly=True, copy=False)
    message = fields.Text(string="Kingdee's Message", readonly=True)
    attempts = fields.Integer(readonly=True)
    sent_at = fields.Datetime(string="Last Sent", readonly=True)
    line_ids = fields.One2many("chain.kingdee.day.line", "day_id", string="Lines Sent", readonly=True)
    line_count = fields.Integer(compute="_compute_line_count")
    move_line_count = fields.Integer(string="Journal Items", readonly=True)
    debit_total = fields.Monetary(currency_field="currency_id", readonly=True)
    credit_total = fields.Monetary(currency_field="currency_id", readonly=True)

    _sql_constraints = [
        ("day_uniq", "unique(company_id, date)", "A company's day is logged once."),
    ]

    @api.depends("line_ids")
    def _compute_line_count(self):
        for day in self:
            day.line_count = len(day.line_ids)

    # -- buttons and cron ----------------------------------------------------------------------------

    def action_send(self):
        """Send the day again (refused, unsent or unanswered days); an accepted day is refused.

        Accountants (``account.group_account_user``) only; the days are written by the
        workflow, nobody writes them directly.
        """
        if not self.env.user.has_group("account.group_account_user"):
            raise AccessError(_("Only accountants may send days to Kingdee EAS."))
        if not self:
            raise UserError(_("Choose the days to send."))
        self.check_access("read")
        accepted = self.filtered(lambda d: d.state == "accepted")
        if accepted:
            raise UserError(
                _(
                    "%s was accepted by Kingdee EAS already: it is never sent twice.",
                    ", ".join(str(d.date) for d in accepted),
                )
            )
        for company in self.company_id:
            days = self.filtered(lambda d, c=company: d.company_id == c)
            connection = self._chain_connection(company)
            if not connection:
                raise UserError(_("%s has no active Kingdee EAS connection.", company.name))
            # sudo: the log is written by the sending workflow only (nobody has write access to it)
            days.sudo()._chain_send(connection)
        return True

    @api.model
    def _cron_send(self):
        """Every company with a connection: send yesterday and every earlier day not accepted yet.

        One failing company or day does not stop the others.
        """
        # sudo: the cron reads every company's connection
        for connection in self.env["chain.kingdee.connection"].sudo().search([("active", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    self._chain_send_connection(connection)
            except Exception:  # one company's failure must not stop the others; it is in its day's log
                _logger.exception("Kingdee EAS: sending the days of company %s failed", connection.company_id.id)

    @api.model
    def _chain_send_connection(self, connection):
        """Log yesterday (if it has journal items) and send every day of the company not accepted."""
        # sudo: the log is written by the sending workflow only
        Day = self.sudo()
        yesterday = connection._chain_today() - timedelta(days=1)
        Day._chain_day(connection.company_id, yesterday)
        days = Day.search(
            [
                ("company_id", "=", connection.company_id.id),
                ("state", "in", ("to_send", "sent", "refused")),
                ("date", "<=", yesterday),
            ],
            order="date",
        )
        days._chain_send(connection)
        return days

    @api.model
    def _chain_day(self, company, day, force=False):
        """The log of ``company``'s ``day``, created if the day has posted journal items (or ``force``)."""
        # sudo: the log is written by the sending workflow only (nobody has create access to it)
        Day = self.sudo()
        existing = Day.search([("company_id", "=", company.id), ("date", "=", day)], limit=1)
        if existing or not (force or self._chain_has_items(company, day)):
            return existing.sudo(self.env.su)
        return Day.create({"company_id": company.id, "date": day}).sudo(self.env.su)

    def _chain_connection(self, company):
        # sudo: the connection (with its password) is the accounting managers'; the workflow reads it
        return self.env["chain.kingdee.connection"].sudo().search([("company_id", "=", company.id)], limit=1)

    # -- sending -------------------------------------------------------------------------------------

    def _chain_send(self, connection):
        """Send these days (one company's) in one EAS session; each day's outcome in its log."""
        days = self.filtered(lambda d: d.state != "accepted").sorted("date")
        if not days:
            return
        session = connection._chain_session()
        try:
            for day in days:
                try:
                    with self.env.cr.savepoint():
                        day._chain_send_one(connection, session)
                except (KingdeeError, UserError) as error:
                    day._chain_refuse(getattr(error, "message", None) or error.args[0])
        finally:
            session.logout()

    def _chain_send_one(self, connection, session):
        self.ensure_one()
        number = protocol.voucher_number(connection.voucher_prefix, self.date)
        lines, unmapped, item_count = self._chain_voucher_lines()
        if unmapped:
            raise UserError(
                _(
                    "These accounts have no Kingdee EAS mapping: %s. Map them (Accounting > Configuration > "
                    "Kingdee Account Mapping) and send the day again.",
                    ", ".join(unmapped),
                )
            )
        entries = protocol.voucher_entries(self._chain_voucher_header(connection, number), lines)
        debit, credit = protocol.totals(entries)
        if debit != credit:  # a day's posted items always balance; never send what EAS must refuse
            raise UserError(_("The day does not balance: debit %(d)s, credit %(c)s.", d=debit, c=credit))
        self.write(
            {
                "voucher_number": number if entries else False,
                "attempts": self.attempts + 1,
                "sent_at": fields.Datetime.now(),
                "move_line_count": item_count,
                "debit_total": float(debit),
                "credit_total": float(credit),
                "line_ids": [Command.clear()] + [Command.create(self._chain_prepare_line(e)) for e in entries],
            }
        )
        if not entries:
            self.write({"state": "accepted", "message": _("The day's journal items cancel out: nothing to send.")})
            return
        self.state = "sent"
        try:
            rows = session.import_vouchers(entries, connection.is_verify, connection.is_imp_cashflow)
        except KingdeeError as error:
            self._chain_refuse(error.message, uncertain=error.uncertain, attempt=False)
            return
        outcome, message = protocol.read_result(rows, number)
        if outcome == "accepted":
            self.write({"state": "accepted", "message": message})
        elif outcome == "duplicate":
            self.write(
                {
                    "state": "accepted",
                    "message": _("Kingdee EAS has this voucher already (a previous send went through): %s", message),
                }
            )
        else:
            self.write({"state": "refused", "message": message})

    def _chain_refuse(self, message, uncertain=False, attempt=True):
        """Record a failed send: refused, or *sent* when EAS may have imported the voucher.

        ``attempt``: count an attempt (False when the send counted it already).
        """
        self.ensure_one()
        vals = {"state": "sent" if uncertain else "refused", "message": message}
        if uncertain:
            vals["message"] = _("Kingdee EAS did not answer; the day will be sent again: %s", message)
        if attempt:
            vals.update({"attempts": self.attempts + 1, "sent_at": fields.Datetime.now()})
        self.write(vals)

    def _chain_voucher_header(self, connection, number):
        self.ensure_one()
        day = self.date
        return {
            "companyNumber": connection.company_number,
            "bookedDate": day.isoformat(),
            "bizDate": day.isoformat(),
            "periodYear": day.year,
            "periodNumber": day.month,
            "voucherType": connection.voucher_type,
            "voucherNumber": number,
            "voucherAbstract": f"{connection.voucher_abstract or 'Odoo'} {day.isoformat()}",
            "currencyNumber": connection.currency_number,
            "creator": connection.creator or connection.user_name,
        }

    @api.model
    def _chain_prepare_line(self, entry):
        return {
            "sequence": entry["entrySeq"],
            "kingdee_account": entry["accountNumber"],
            "asst_act_type": entry.get("asstActType1") or False,
            "asst_act_number": entry.get("asstActNumber1") or False,
            "asst_act_name": entry.get("asstActName1") or False,
            "debit": entry["debitAmount"],
            "credit": entry["creditAmount"],
        }

    # -- the day's summary ---------------------------------------------------------------------------

    def _chain_items_where(self):
        self.ensure_one()
        return SQL(
            "aml.company_id = %s AND aml.date = %s AND aml.parent_state = 'posted' AND aml.account_id IS NOT NULL",
            self.company_id.id,
            self.date,
        )

    @api.model
    def _chain_has_items(self, company, day):
        return bool(
            self.env["account.move.line"].search_count(
                [("company_id", "=", company.id), ("date", "=", day), ("parent_state", "=", "posted")], limit=1
            )
        )

    def _chain_summary(self):
        """``({account id: balance}, {(account id, store id): balance}, item count)`` of the day, set-based.

        The store part of a journal item is its balance times the percentage its
        analytic distribution gives to a store's analytic account (plan "Stores",
        ``account.analytic.account.chain_store_id``); distribution keys may combine
        accounts of several plans (``"12,40"``).
        """
        self.ensure_one()
        self.env["account.move.line"].flush_model(
            ["company_id", "date", "parent_state", "account_id", "balance", "analytic_distribution"]
        )
        self.env["account.analytic.account"].flush_model(["chain_store_id"])
        where = self._chain_items_where()
        self.env.cr.execute(
            SQL(
                "SELECT aml.account_id, SUM(aml.balance), COUNT(*) FROM account_move_line aml WHERE %s "
                "GROUP BY aml.account_id",
                where,
            )
        )
        totals, count = {}, 0
        for account_id, balance, items in self.env.cr.fetchall():
            totals[account_id] = balance
            count += items
        self.env.cr.execute(
            SQL(
                """
                SELECT aml.account_id, analytic.chain_store_id, SUM(aml.balance * dist.value::numeric / 100)
                  FROM account_move_line aml
                  CROSS JOIN LATERAL jsonb_each_text(aml.analytic_distribution) AS dist(key, value)
                  CROSS JOIN LATERAL unnest(string_to_array(dist.key, ',')) AS part(analytic_id)
                  JOIN account_analytic_account analytic
                    ON analytic.id = part.analytic_id::int AND analytic.chain_store_id IS NOT NULL
                 WHERE %s AND aml.analytic_distribution IS NOT NULL
                 GROUP BY aml.account_id, analytic.chain_store_id
                """,
                where,
            )
        )
        shares = {(account_id, store_id): amount for account_id, store_id, amount in self.env.cr.fetchall()}
        return totals, shares, count

    def _chain_voucher_lines(self):
        """``(lines, unmapped account names, item count)``: lines as :func:`voucher_entries` takes them."""
        self.ensure_one()
        totals, shares, count = self._chain_summary()
        parts = protocol.allocate(totals, shares)
        accounts = self.env["account.account"].browse({account for account, _store, _amount in parts})
        mappings = {
            m.account_id.id: m
            for m in self.env["chain.kingdee.account.map"].search(
                [("company_id", "=", self.company_id.id), ("account_id", "in", accounts.ids)]
            )
        }
        unmapped = accounts.filtered(lambda a: a.id not in mappings)
        if unmapped:
            return [], sorted(f"{a.code} {a.name}" for a in unmapped), count
        stores = self.env["chain.store"].browse({store for _account, store, _amount in parts if store})
        store_of = {store.id: store for store in stores}
        lines = []
        for account_id, store_id, amount in parts:
            mapping = mappings[account_id]
            asst_type, asst_number, asst_name = mapping._chain_auxiliary_item(store_of.get(store_id))
            lines.append((mapping.kingdee_account.strip(), asst_type, asst_number, asst_name, amount))
        return lines, [], count
