# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from collections import defaultdict
from decimal import Decimal

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..lib import settlement as lib
from .chain_channel_settlement_mapping_type import KIND_SELECTION

_logger = logging.getLogger(__name__)

# payment lines per journal entry: one entry of a 100,000-order statement would hold the whole
# statement in memory at once
MOVE_CHUNK = 20000
REASON_SELECTION = [
    (lib.UNKNOWN_ORDER, "Unknown order: no posted invoice of the channel has this platform order id"),
    (lib.NO_ORDER, "No platform order id on the payment"),
    (lib.CURRENCY, "Currency mismatch with the invoice"),
    (lib.AMOUNT, "Amount mismatch with the invoice's amount due"),
    (lib.FEE, "Fee mismatch with the channel's commission rate"),
    (lib.PAID, "The invoice is paid already"),
    (lib.UNKNOWN_TYPE, "Type not in the file mapping"),
    (lib.UNREADABLE, "Unreadable line (no amount)"),
    ("bank", "Payout not found on the bank statement"),
]


class ChainChannelSettlementLine(models.Model):
    """A line of a platform's fund flow: one payment, fee, subsidy, refund or payout, stored
    once per channel (``key``), posted to the wallet journal once matched."""

    _name = "chain.channel.settlement.line"
    _description = "Platform Settlement Line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id"
    _rec_name = "key"
    # what became of a line: only the matching decides
    _chain_guarded_fields = {
        "state": ("_chain_match", "_chain_match_payouts"),
        "reason": ("_chain_match", "_chain_match_payouts", "_cron_chain_settlement_todo"),
        "invoice_id": ("_chain_match",),
        "move_line_id": ("_chain_match",),
        "bank_line_id": ("_chain_match_payouts",),
        "todo_date": ("_cron_chain_settlement_todo",),
        "reason_detail": ("_chain_match",),
        # what the platform said: stored by the import (set-based SQL), never edited
        **dict.fromkeys(
            (
                "settlement_id",
                "channel_id",
                "company_id",
                "key",
                "platform_order_id",
                "kind",
                "label",
                "amount",
                "currency_code",
                "date",
                "reference",
            ),
            ("_chain_match",),
        ),
    }

    settlement_id = fields.Many2one(
        "chain.channel.settlement", required=True, ondelete="cascade", index=True, readonly=True
    )
    channel_id = fields.Many2one("chain.channel", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    key = fields.Char(required=True, readonly=True, help="The platform's id of the line, or a hash of it.")
    platform_order_id = fields.Char(string="Platform Order", index=True, readonly=True)
    kind = fields.Selection(KIND_SELECTION + [("other", "Other")], required=True, readonly=True)
    label = fields.Char(string="Platform Type", readonly=True)
    amount = fields.Float(digits="Account", readonly=True, help="Money into the wallet (+) or out of it (-).")
    currency_code = fields.Char(string="Currency", readonly=True)
    date = fields.Date(readonly=True)
    reference = fields.Char(readonly=True)
    state = fields.Selection(
        [("unmatched", "Unmatched"), ("posted", "Posted"), ("done", "Reconciled")],
        required=True,
        default="unmatched",
        index=True,
        readonly=True,
    )
    reason = fields.Selection(REASON_SELECTION, readonly=True)
    reason_detail = fields.Char(readonly=True)
    invoice_id = fields.Many2one("account.move", readonly=True, index="btree_not_null")
    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True, index="btree_not_null")
    bank_line_id = fields.Many2one("account.bank.statement.line", string="Bank Line", readonly=True)
    todo_date = fields.Date(string="To-do Since", readonly=True, copy=False)

    _sql_constraints = [
        ("channel_key_uniq", "unique(channel_id, key)", "A platform settlement line is imported once per channel.")
    ]

    # ------------------------------------------------------------------ matching
    def _chain_invoices(self):
        """``{line id: {"invoice", "currency", "total", "residual", "receivable", "account",
        "fresh"}}``: the open (or paid) posted customer invoice of each line's channel and platform
        order, its open receivable line and that line's account, in one query."""
        if not self:
            return {}
        self.env["account.move"].flush_model()
        self.env["account.move.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (l.id) l.id, m.id, cur.name, m.amount_total, m.amount_residual, rec.id,
                       rec.account_id, rec.amount_residual = rec.balance AND m.currency_id = co.currency_id
                  FROM chain_channel_settlement_line l
                  JOIN account_move m ON m.chain_channel_id = l.channel_id
                                     AND m.chain_platform_order_id = l.platform_order_id
                                     AND m.move_type = 'out_invoice' AND m.state = 'posted'
                  JOIN res_currency cur ON cur.id = m.currency_id
                  JOIN res_company co ON co.id = m.company_id
             LEFT JOIN account_move_line rec ON rec.move_id = m.id AND rec.display_type = 'payment_term'
                                            AND NOT rec.reconciled
                  JOIN unnest(%s::int[]) AS t(id) ON t.id = l.id
              ORDER BY l.id, m.amount_residual DESC, m.id
                """,
                self.ids,
            )
        )
        return {
            row[0]: {
                "invoice": row[1],
                "currency": row[2],
                "total": Decimal(str(row[3])),
                "residual": Decimal(str(row[4])),
                "receivable": row[5],
                "account": row[6],
                # untouched receivable in the company's currency: reconciled set-based
                "fresh": bool(row[7]),
            }
            for row in self.env.cr.fetchall()
        }

    def _chain_match(self):
        """Match the unmatched lines of ``self`` and post those that can be posted, set-based:
        one query finds their invoices, ``lib.settlement.classify`` decides, then per channel and
        statement one journal entry in the wallet journal (payments against the invoices'
        receivables, fees summed per kind, payouts into transit) and one reconciliation call.
        A line that cannot be posted keeps its reason. Returns the number of lines posted."""
        lines = self.filtered(lambda line: line.state == "unmatched")
        if not lines:
            return 0
        invoices = lines._chain_invoices()
        residual_left = {}
        fails = defaultdict(list)  # reason -> [(line id, detail)]
        ok_ids = []  # a list: a recordset grown one line at a time is quadratic
        for line in lines:
            found = invoices.get(line.id)
            invoice = None
            if found:
                residual = residual_left.setdefault(found["invoice"], found["residual"])
                invoice = dict(found, residual=residual)
            record = {
                "kind": line.kind,
                "amount": Decimal(str(line.amount)).quantize(lib.CENT),
                "currency": line.currency_code,
                "platform_order_id": line.platform_order_id,
                "unreadable": line.reason == lib.UNREADABLE,
            }
            reason = lib.classify(record, invoice, line.channel_id.chain_commission_rate)
            if reason:
                fails[reason].append((line.id, line._chain_reason_detail(reason, record, invoice)))
                continue
            if found and line.kind == "payment":
                residual_left[found["invoice"]] -= record["amount"]
            ok_ids.append(line.id)
        for reason, rows in fails.items():
            lines._chain_write_reason(reason, rows)
        posted = 0
        ok = self.browse(ok_ids)
        for (_channel, _settlement), group in ok.grouped(lambda line: (line.channel_id, line.settlement_id)).items():
            for start in range(0, len(group), MOVE_CHUNK):
                posted += group[start : start + MOVE_CHUNK]._chain_post(invoices)
        return posted

    def _chain_reason_detail(self, reason, record, invoice):
        self.ensure_one()
        if reason == lib.AMOUNT:
            return _(
                "The platform paid %(paid)s, the invoice is due %(due)s.",
                paid=record["amount"],
                due=invoice["residual"],
            )
        if reason == lib.FEE:
            expected = lib.expected_fee(invoice["total"], self.channel_id.chain_commission_rate)
            return _(
                "The platform charged %(charged)s, the contract says %(expected)s.",
                charged=record["amount"],
                expected=expected,
            )
        if reason == lib.CURRENCY:
            return _(
                "The line is in %(line)s, the invoice in %(invoice)s.",
                line=record["currency"],
                invoice=invoice["currency"],
            )
        if reason == lib.UNKNOWN_ORDER:
            return _("No posted invoice for platform order %s.", record["platform_order_id"])
        if reason == lib.UNKNOWN_TYPE:
            return _("Type %s is not in the file mapping.", self.label or "")
        return False

    def _chain_write_reason(self, reason, rows):
        """Set ``reason`` and the details ``rows`` ``[(line id, detail)]`` set-based."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE chain_channel_settlement_line l
                   SET reason = %s, reason_detail = t.detail, write_date = now() AT TIME ZONE 'UTC'
                  FROM unnest(%s::int[], %s::varchar[]) AS t(id, detail)
                 WHERE l.id = t.id
                """,
                reason,
                [row[0] for row in rows],
                [row[1] or None for row in rows],
            )
        )
        self.browse([row[0] for row in rows]).invalidate_recordset(["reason", "reason_detail"])

    def _chain_post(self, invoices):
        """Post ``self`` (lines of one channel and statement, all matchable) as one journal entry
        of the wallet journal and reconcile the payments with their invoices; their number.

        The entry holds: the wallet line (the net), per receivable account one line of the
        payments of the orders whose invoice is untouched (reconciled with their receivables
        set-based, ``_chain_reconcile_set``), one line per other payment (reconciled by Odoo's
        ``_reconcile_plan``: a partly paid invoice, another currency), one line per fee type
        (on the channel shop's analytic account) and one per payout (into transit, matched with
        the bank later)."""
        channel = self.channel_id
        settlement = self.settlement_id
        partner = channel.chain_settlement_partner_id
        analytic = {str(channel.analytic_account_id.id): 100} if channel.analytic_account_id else False
        Line = self.env["account.move.line"]
        itemized = []  # (settlement line, move line vals): one journal item each, in order
        grouped = defaultdict(list)  # receivable account -> [(settlement line, amount)]
        fees = defaultdict(Decimal)
        total = Decimal(0)
        for line in self:
            amount = Decimal(str(line.amount)).quantize(lib.CENT)
            total += amount
            found = invoices.get(line.id) or {}
            if line.kind == "payment" and found.get("fresh"):
                grouped[found["account"]].append((line, amount))
            elif line.kind == "payment":
                vals = {"account_id": found["account"], "partner_id": partner.id, "balance": float(-amount),
                        "name": _("Payment of platform order %s", line.platform_order_id)}  # fmt: skip
                itemized.append((line, vals))
            elif line.kind == "payout":
                vals = {"account_id": channel.chain_payout_account_id.id, "balance": float(-amount),
                        "name": _("Payout %s", line.reference or line.key)}  # fmt: skip
                itemized.append((line, vals))
            else:
                fees[line.kind] += amount
        accounts = sorted(grouped)
        group_vals = []
        for account in accounts:
            group_vals.append(
                {
                    "account_id": account,
                    "partner_id": partner.id,
                    "balance": float(-sum(amount for _line, amount in grouped[account])),
                    "name": _(
                        "Payments of %(count)s platform orders (%(statement)s)",
                        count=len(grouped[account]),
                        statement=settlement.name,
                    ),
                }
            )
        labels = dict(self._fields["kind"]._description_selection(self.env))
        fee_vals = []
        for kind, amount in sorted(fees.items()):
            if amount:
                fee_vals.append(
                    {
                        "account_id": channel._chain_kind_account(kind).id,
                        "balance": float(-amount),
                        "name": _("%(kind)s of %(statement)s", kind=labels[kind], statement=settlement.name),
                        "analytic_distribution": analytic,
                    }
                )
        wallet = {
            "account_id": channel.chain_wallet_account_id.id,
            "balance": float(total),
            "name": _("Settlement %s", settlement.name),
        }
        move = (
            self.env["account.move"]
            .with_company(channel.company_id)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": channel.chain_wallet_journal_id.id,
                    "date": settlement.date,
                    "ref": settlement.name,
                    "line_ids": [
                        (0, 0, vals) for vals in [v for _line, v in itemized] + group_vals + fee_vals + [wallet]
                    ],
                }
            )
        )
        move.action_post()
        items = move.line_ids.sorted("id")
        plan = []
        state_rows = []
        for (line, _vals), item in zip(itemized, items[: len(itemized)], strict=True):
            if line.kind == "payment":
                plan.append(item + Line.browse(invoices[line.id]["receivable"]))
            state_rows.append((line.id, "posted" if line.kind == "payout" else "done", item.id,
                               invoices.get(line.id, {}).get("invoice")))  # fmt: skip
        if plan:
            Line._reconcile_plan(plan)
        for account, item in zip(accounts, items[len(itemized) : len(itemized) + len(accounts)], strict=True):
            pairs = grouped[account]
            self._chain_reconcile_set(item, [(invoices[line.id]["receivable"], amount) for line, amount in pairs])
            state_rows += [(line.id, "done", item.id, invoices[line.id]["invoice"]) for line, _amount in pairs]
        fee_lines = self.filtered(lambda line: line.kind not in ("payment", "payout"))
        state_rows += [(line.id, "done", None, invoices.get(line.id, {}).get("invoice")) for line in fee_lines]
        self.env.cr.execute(
            SQL(
                """
                UPDATE chain_channel_settlement_line l
                   SET state = t.state, move_line_id = t.item, invoice_id = t.invoice, reason = NULL,
                       reason_detail = NULL, write_date = now() AT TIME ZONE 'UTC'
                  FROM unnest(%s::int[], %s::varchar[], %s::int[], %s::int[]) AS t(id, state, item, invoice)
                 WHERE l.id = t.id
                """,
                [row[0] for row in state_rows],
                [row[1] for row in state_rows],
                [row[2] for row in state_rows],
                [row[3] for row in state_rows],
            )
        )
        self.invalidate_recordset(["state", "move_line_id", "invoice_id", "reason", "reason_detail"])
        return len(self)

    def _chain_reconcile_set(self, credit, pairs):
        """Reconcile the posted credit line ``credit`` with the untouched receivable lines of
        ``pairs`` ``[(receivable line id, amount)]`` (amounts in the company's currency, summing to
        the credit, each equal to its receivable's residual), set-based, as Odoo's reconciliation
        would leave them: one partial per receivable, one full reconcile of all, residuals at zero,
        the matching number, the invoices paid. Odoo's ORM would take seconds per hundred
        invoices (its reconciliation recomputes each invoice); a platform settles tens of
        thousands a day."""
        if not pairs:
            return
        self.env.flush_all()
        cr = self.env.cr
        company = credit.company_id
        ids = [pair[0] for pair in pairs]
        cr.execute(SQL("INSERT INTO account_full_reconcile (create_uid, create_date, write_uid, write_date) "
                       "VALUES (%s, now() AT TIME ZONE 'UTC', %s, now() AT TIME ZONE 'UTC') RETURNING id",
                       self.env.uid, self.env.uid))  # fmt: skip
        full = cr.fetchone()[0]
        cr.execute(
            SQL(
                """
                INSERT INTO account_partial_reconcile
                       (debit_move_id, credit_move_id, full_reconcile_id, amount, debit_amount_currency,
                        credit_amount_currency, debit_currency_id, credit_currency_id, company_id, max_date,
                        create_uid, create_date, write_uid, write_date)
                SELECT t.rec, %(credit)s, %(full)s, t.amount, t.amount, t.amount, %(currency)s, %(currency)s,
                       %(company)s, GREATEST(rec.date, %(date)s), %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
                       now() AT TIME ZONE 'UTC'
                  FROM unnest(%(ids)s::int[], %(amounts)s::numeric[]) AS t(rec, amount)
                  JOIN account_move_line rec ON rec.id = t.rec
                """,
                credit=credit.id,
                full=full,
                currency=company.currency_id.id,
                company=company.id,
                date=credit.date,
                uid=self.env.uid,
                ids=ids,
                amounts=[pair[1] for pair in pairs],
            )
        )
        cr.execute(
            SQL(
                """
                UPDATE account_move_line l
                   SET amount_residual = 0, amount_residual_currency = 0, reconciled = TRUE,
                       full_reconcile_id = %(full)s, matching_number = %(number)s
                  FROM unnest(%(ids)s::int[]) AS t(id)
                 WHERE l.id = t.id
                """,
                full=full,
                number=str(full),
                ids=[*ids, credit.id],
            )
        )
        cr.execute(
            SQL(
                """
                UPDATE account_move m
                   SET amount_residual = 0, amount_residual_signed = 0, payment_state = 'paid'
                  FROM (SELECT DISTINCT l.move_id FROM account_move_line l
                          JOIN unnest(%s::int[]) AS t(id) ON t.id = l.id) AS paid
                 WHERE m.id = paid.move_id
                """,
                ids,
            )
        )
        self.env.invalidate_all()

    # ------------------------------------------------------------------ payouts
    def _chain_match_payouts(self):
        """Match the posted payouts of ``self`` with bank statement lines of their company (same
        amount, dated within the company's window, naming the payout's reference when it has
        one): the bank line's counterpart moves to the payouts-in-transit account and is
        reconciled with the payout. Returns the number matched."""
        matched = 0
        used = set()
        for line in self.filtered(lambda line: line.kind == "payout" and line.state == "posted" and line.move_line_id):
            window = line.company_id.chain_settlement_payout_days
            domain = [
                ("company_id", "=", line.company_id.id),
                ("journal_id", "!=", line.channel_id.chain_wallet_journal_id.id),
                ("is_reconciled", "=", False),
                ("amount", "=", -line.amount),
                ("date", ">=", fields.Date.subtract(line.date, days=window)),
                ("date", "<=", fields.Date.add(line.date, days=window)),
                ("id", "not in", list(used)),
            ]
            if line.reference:
                domain.append(("payment_ref", "ilike", line.reference))
            bank_line = self.env["account.bank.statement.line"].search(domain, order="date, id", limit=1)
            if not bank_line:
                continue
            _liquidity, suspense, _other = bank_line._seek_for_lines()
            if not suspense:
                continue
            suspense.write({"account_id": line.channel_id.chain_payout_account_id.id})
            (suspense + line.move_line_id).reconcile()
            used.add(bank_line.id)
            line.write({"state": "done", "bank_line_id": bank_line.id, "reason": False})
            matched += 1
        return matched

    # ------------------------------------------------------------------ to-dos
    @api.model
    def _cron_chain_settlement_todo(self):
        """Daily: match again what is unmatched and the payouts; then a line still unmatched (or
        a payout not on the bank) N days (the company's setting) after its import becomes a
        to-do for the accountant, one per platform order (or payout), with the reason."""
        unmatched = self.search([("state", "=", "unmatched")])
        unmatched._chain_match()
        self.search([("state", "=", "posted"), ("kind", "=", "payout")])._chain_match_payouts()
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        today = fields.Date.context_today(self)
        waiting = [
            ("todo_date", "=", False),
            "|",
            ("state", "=", "unmatched"),
            "&",
            ("state", "=", "posted"),
            ("kind", "=", "payout"),
        ]
        for (company,) in self._read_group(waiting, ["company_id"]):
            limit = fields.Datetime.subtract(fields.Datetime.now(), days=company.chain_settlement_todo_days)
            late = self.search([("company_id", "=", company.id), ("create_date", "<=", limit), *waiting])
            if not late:
                continue
            payouts = late.filtered(lambda line: line.state == "posted")
            if payouts:
                payouts.reason = "bank"
            groups = late.grouped(lambda line: (line.settlement_id, line.platform_order_id or f"#{line.id}"))
            user = company.chain_settlement_user_id or self.env.ref("base.user_admin", raise_if_not_found=False)
            activities = []
            reasons = dict(self._fields["reason"]._description_selection(self.env))
            for group in groups.values():
                first = group.sorted("id")[0]
                activities.append(
                    {
                        "res_model_id": self.env["ir.model"]._get_id(self._name),
                        "res_id": first.id,
                        "activity_type_id": todo_type.id,
                        "user_id": user.id if user else self.env.uid,
                        "summary": _("Settlement not matched: %s", first.platform_order_id or first.key),
                        "note": Markup("<br/>").join(
                            escape(
                                f"{line.label or line.kind} {line.amount}: {reasons.get(line.reason, '')} "
                                f"{line.reason_detail or ''}"
                            )
                            for line in group
                        ),
                        "date_deadline": today,
                    }
                )
            # no mail per to-do: they are listed in the accountant's activities
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activities)
            late.todo_date = today
        return True
