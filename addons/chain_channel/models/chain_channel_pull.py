# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
import time
from datetime import timedelta

from markupsafe import Markup
from psycopg2.errors import LockNotAvailable

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from ..lib import windows
from ..lib.errors import ChannelError, ChannelRateLimited

_logger = logging.getLogger(__name__)

MANAGER = "chain_channel.group_channel_manager"
MAX_PAGES = 1000  # per window: a platform that always answers "next page" must not loop forever
RATE_LIMIT_TRIES = 3
MAX_RATE_WAIT = 5.0  # seconds


class ChainChannel(models.Model):
    """Orders pulled by update window (beside the webhook), and daily order reconciliation.

    Both read the platform through the adapter (``fetch_orders``, ``fetch_order_ids``) and store
    what they find through ``chain.channel.message._chain_ingest``, the webhook's own intake, so
    an order received both ways is stored once. Each window is read and committed in a cursor of
    its own: the pull cursor only moves past windows that are fully stored.
    """

    _name = "chain.channel"
    _inherit = ["chain.channel", "mail.thread", "mail.activity.mixin"]
    _chain_guarded_fields = {}  # pull settings: channel managers; its figures by the pull job

    # manager_id (who gets the to-dos) is defined with the stock reconciliation
    pull_lookback_hours = fields.Integer(
        string="First Pull Look-back (h)", default=24, help="How far back the first pull of a channel reads."
    )
    pull_lag_seconds = fields.Integer(
        string="Platform Lag (s)",
        default=120,
        help="Orders updated in the last seconds are left to the next pull: the platform lists them late.",
    )
    pull_page_size = fields.Integer(default=100, help="Orders asked for per page of a pull.")
    pull_last_date = fields.Datetime(string="Last Pull", readonly=True, copy=False)
    pull_last_count = fields.Integer(string="Orders Stored by Last Pull", readonly=True, copy=False)
    pull_error = fields.Text(string="Pull Error", readonly=True, copy=False)
    pull_error_date = fields.Datetime(string="Pull Error Time", readonly=True, copy=False)
    reconcile_days = fields.Integer(
        string="Reconciliation Period (days)", default=2, help="Days of orders compared with the platform."
    )
    reconcile_tolerance = fields.Integer(
        string="Missing Orders Tolerated",
        default=5,
        help="A to-do is opened when more orders than this were missing, or when the platform does not "
        "list an order we have.",
    )
    reconcile_date = fields.Datetime(string="Last Reconciliation", readonly=True, copy=False)
    reconcile_platform_count = fields.Integer(string="Orders on Platform", readonly=True, copy=False)
    reconcile_missing_count = fields.Integer(string="Orders Missing", readonly=True, copy=False)
    reconcile_healed_count = fields.Integer(string="Orders Recovered", readonly=True, copy=False)
    reconcile_extra_count = fields.Integer(string="Orders Unknown to Platform", readonly=True, copy=False)
    reconcile_note = fields.Text(string="Reconciliation Result", readonly=True, copy=False)

    @api.constrains(
        "pull_lookback_hours", "pull_lag_seconds", "pull_page_size", "reconcile_days", "reconcile_tolerance"
    )
    def _check_pull_params(self):
        for channel in self:
            if channel.pull_lookback_hours < 1 or channel.reconcile_days < 1 or channel.pull_page_size < 1:
                raise ValidationError(
                    self.env._(
                        "Look-back, reconciliation period and page size of channel %s must be at least 1.", channel.name
                    )
                )
            if channel.pull_lag_seconds < 0 or channel.reconcile_tolerance < 0:
                raise ValidationError(
                    self.env._("Platform lag and tolerance of channel %s cannot be negative.", channel.name)
                )

    # ------------------------------------------------------------------ entry points
    @api.model
    def _cron_chain_pull_orders(self):
        """Cron *Channels: pull orders*: every active channel; one failing never stops the others.
        Also gives a job to an inbox whose messages wait with none (``_chain_inbox_kick``)."""
        self._chain_inbox_kick()
        return self._chain_each_active("_chain_pull_orders")

    @api.model
    def _cron_chain_reconcile_orders(self):
        """Cron *Channels: reconcile orders*: every active channel, one failing never stops the others."""
        return self._chain_each_active("_chain_reconcile_orders")

    def action_chain_pull_orders(self):
        """Button *Pull Orders Now* (channel managers)."""
        self._chain_check_manager()
        results = [self.browse(channel_id)._chain_pull_orders() for channel_id in self.ids]
        errors = [row["pull_error"] for row in self._chain_read_apart(["pull_error"]) if row["pull_error"]]
        if any(result is None for result in results) and len(self) == 1:
            message, kind = (
                self.env._(
                    "Nothing pulled: this channel's platform cannot be pulled from, or another pull of it is running."
                ),
                "warning",
            )
        elif errors:
            message, kind = "\n".join(errors), "danger"
        else:
            message, kind = self.env._("%s new order messages stored.", sum(r or 0 for r in results)), "success"
        return self._chain_notify(self.env._("Pull Orders"), message, kind)

    def action_chain_reconcile_orders(self):
        """Button *Reconcile Orders* (channel managers)."""
        self._chain_check_manager()
        for channel_id in self.ids:
            self.browse(channel_id)._chain_reconcile_orders()
        notes = [row["reconcile_note"] or "" for row in self._chain_read_apart(["reconcile_note"])]
        return self._chain_notify(self.env._("Reconcile Orders"), "\n".join(notes), "info")

    def _chain_check_manager(self):
        if not self.env.user.has_group(MANAGER):
            raise AccessError(self.env._("Only channel managers can read orders from the platform."))

    def _chain_notify(self, title, message, kind):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": title,
                "message": message,
                "type": kind,
                "sticky": kind == "danger",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    # ------------------------------------------------------------------ pull
    def _chain_pull_orders(self, now=None):
        """Pull the orders updated since the cursor, window by window (at most 30 minutes each).

        Returns the number of new messages stored, or ``None`` when the platform cannot be
        pulled from (adapter without ``fetch_orders``) or another pull of the channel runs. A
        failure keeps the cursor at the end of the last fully stored window and is written on
        the channel (``pull_error``); it is not raised.
        """
        self.ensure_one()
        # the windows are stored in cursors of their own: they must see the caller's pending writes
        # (and a caller holding the channel row makes them give way rather than wait for it)
        self.env.flush_all()
        now = now or fields.Datetime.now()
        span = windows.pull_range(
            self.pull_cursor or None,
            now,
            timedelta(hours=self.pull_lookback_hours),
            timedelta(seconds=self.pull_lag_seconds),
        )
        stored, start = 0, None
        try:
            for start, end in windows.split_windows(*span) if span else []:
                count = self._chain_pull_window(start, end)
                if count is None:
                    return None
                stored += count
        except NotImplementedError:
            return None
        except Exception as error:  # recorded on the channel, the cron goes on
            _logger.warning("Pull of channel %s stopped: %s", self.id, error)
            self._chain_write_apart(
                {
                    "pull_error": self.env._(
                        "Pull stopped at the orders updated from %(start)s (UTC): %(reason)s",
                        start=fields.Datetime.to_string(start),
                        reason=self._chain_error_text(error),
                    ),
                    "pull_error_date": now,
                    "pull_last_count": stored,
                }
            )
            return stored
        self._chain_write_apart(
            {"pull_error": False, "pull_error_date": False, "pull_last_date": now, "pull_last_count": stored}
        )
        return stored

    def _chain_pull_window(self, start, end):
        """Read every page of ``[start, end)``, store the messages and move the cursor to ``end``,
        all committed together in a cursor of its own. ``None`` when another pull holds the channel."""
        with self.env.registry.cursor() as cr:
            channel = self.with_env(self.env(cr=cr))
            if not channel._chain_lock():
                return None
            adapter = channel._adapter()
            Message = channel.env["chain.channel.message"]
            stored, page, has_next = 0, 1, True
            while has_next:
                if page > MAX_PAGES:
                    raise ChannelError("the platform gave more than %s pages" % MAX_PAGES)
                messages, has_next = channel._chain_fetch_page(adapter, start, end, page)
                raw = json.dumps({"pulled": [str(start), str(end)], "page": page})
                stored += len(Message._chain_ingest(channel, messages, raw))
                page += 1
            channel.pull_cursor = end
            channel.env.flush_all()
        return stored

    def _chain_fetch_page(self, adapter, start, end, page):
        """``(messages, has_next)`` of one page of ``[start, end)``."""
        return self._chain_patiently(adapter.fetch_orders, self, start, end, page, self.pull_page_size)

    @api.model
    def _chain_patiently(self, call, *args):
        """``call(*args)``, waiting and trying again a few times when the platform asks us to slow down."""
        for attempt in range(1, RATE_LIMIT_TRIES + 1):
            try:
                return call(*args)
            except ChannelRateLimited as error:
                if attempt == RATE_LIMIT_TRIES:
                    raise
                time.sleep(min(max(error.retry_after, 0.1), MAX_RATE_WAIT))
        return None

    def _chain_lock(self):
        """Lock the channel row for this cursor's transaction; False when another pull holds it."""
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(SQL("SELECT id FROM chain_channel WHERE id = %s FOR UPDATE NOWAIT", self.id))
        except LockNotAvailable:
            _logger.info("Channel %s is being pulled or reconciled already", self.id)
            return False
        return True

    def _chain_write_apart(self, vals):
        """Write ``vals`` on the channel in a cursor of its own (the windows committed apart too:
        writing the row again in the caller's older transaction would fail to serialize)."""
        with self.env.registry.cursor() as cr:
            # held in a variable: the cursor's commit flushes the environments still alive only
            channel = self.with_env(self.env(cr=cr))
            channel.write(vals)
            channel.env.flush_all()
        self.invalidate_recordset()

    def _chain_read_apart(self, fnames):
        """``read(fnames)`` in a cursor of its own: this transaction's snapshot predates what
        the pull's own cursors committed."""
        with self.env.registry.cursor() as cr:
            return self.with_env(self.env(cr=cr)).read(fnames)

    @api.model
    def _chain_error_text(self, error):
        if isinstance(error, ChannelError):
            details = ", ".join(f"{key}={value}" for key, value in sorted(error.details.items()))
            return f"{error.reason} ({details})" if details else error.reason
        return str(error)[:300] or type(error).__name__

    # ------------------------------------------------------------------ reconciliation
    def _chain_reconcile_orders(self, now=None):
        """Compare the platform's orders of the last ``reconcile_days`` days with ours, store
        the missing ones (healed), write the counts on the channel and open a to-do above the
        tolerance. Returns the counts, or ``None`` when the platform cannot list its orders."""
        self.ensure_one()
        self.env.flush_all()  # see _chain_pull_orders
        now = now or fields.Datetime.now()
        start, end = windows.reconcile_period(now, self.reconcile_days, timedelta(seconds=self.pull_lag_seconds))
        try:
            with self.env.registry.cursor() as cr:
                channel = self.with_env(self.env(cr=cr))
                if not channel._chain_lock():
                    return None
                result = channel._chain_reconcile(start, end, now)
        except NotImplementedError:
            return None
        except Exception as error:  # recorded on the channel, the cron goes on
            _logger.warning("Reconciliation of channel %s failed: %s", self.id, error)
            self._chain_write_apart(
                {
                    "reconcile_date": now,
                    "reconcile_note": self.env._("Reconciliation failed: %s", self._chain_error_text(error)),
                }
            )
            return None
        self.invalidate_recordset()
        return result

    def _chain_reconcile(self, start, end, now):
        platform_ids = self._chain_patiently(self._adapter().fetch_order_ids, self, start, end)
        known_ids = self._chain_known_order_ids(platform_ids)
        recent_ids, later_ids = self._chain_recent_order_ids(start, end)
        found = windows.compare_orders(platform_ids, known_ids, recent_ids, later_ids)
        healed = self._chain_heal(start, end, set(found["missing"])) if found["missing"] else []
        counts = {
            "platform": len(platform_ids),
            "missing": len(found["missing"]),
            "healed": len(healed),
            "extra": len(found["extra"]),
        }
        note = self.env._(
            "%(platform)s orders on the platform, %(missing)s missing (%(healed)s recovered), "
            "%(extra)s unknown to the platform.",
            **counts,
        )
        details = self._chain_reconcile_details(found, healed)
        self.write(
            {
                "reconcile_date": now,
                "reconcile_platform_count": counts["platform"],
                "reconcile_missing_count": counts["missing"],
                "reconcile_healed_count": counts["healed"],
                "reconcile_extra_count": counts["extra"],
                "reconcile_note": "\n".join([note, *details]),
            }
        )
        if windows.needs_alert(counts["missing"], counts["extra"], self.reconcile_tolerance):
            self._chain_reconcile_alert(note, details)
        return dict(counts, missing_ids=found["missing"], extra_ids=found["extra"])

    def _chain_reconcile_details(self, found, healed):
        lines = []
        if found["missing"]:
            lines.append(self.env._("Missing: %s", windows.sample(found["missing"])))
        unhealed = sorted(set(found["missing"]) - set(healed))
        if unhealed:
            lines.append(self.env._("Not recovered: %s", windows.sample(unhealed)))
        if found["extra"]:
            lines.append(self.env._("Unknown to the platform: %s", windows.sample(found["extra"])))
        return lines

    def _chain_known_order_ids(self, platform_ids):
        """The ``platform_ids`` we hold a message or a sales order of (whatever their date)."""
        ids = list(platform_ids)
        if not ids:
            return set()
        domain = [("channel_id", "=", self.id), ("platform_order_id", "in", ids)]
        known = {pid for [pid] in self.env["chain.channel.message"]._read_group(domain, ["platform_order_id"])}
        orders = self.env["sale.order"]._read_group(
            [("chain_channel_id", "=", self.id), ("chain_platform_order_id", "in", ids)], ["chain_platform_order_id"]
        )
        return known | {pid for [pid] in orders}

    def _chain_recent_order_ids(self, start, end):
        """``(ids updated in [start, end), ids updated after end)`` by our messages' own times."""
        recent, later = set(), set()
        messages = self.env["chain.channel.message"].search_read(
            [("channel_id", "=", self.id), ("create_date", ">=", start - timedelta(days=1))],
            ["platform_order_id", "normalized"],
        )
        for row in messages:
            try:
                occurred = (json.loads(row["normalized"] or "{}") or {}).get("occurred_at")
                moment = fields.Datetime.to_datetime(str(occurred)[:19].replace("T", " ")) if occurred else None
            except (ValueError, TypeError, AttributeError):
                moment = None
            if moment is None or not row["platform_order_id"]:
                continue
            if moment >= end:
                later.add(row["platform_order_id"])
            elif moment >= start:
                recent.add(row["platform_order_id"])
        return recent, later

    def _chain_heal(self, start, end, missing):
        """Read the period's pages until every ``missing`` order is found; store their messages.
        Returns the ids stored."""
        adapter = self._adapter()
        Message = self.env["chain.channel.message"]
        healed, page, has_next = set(), 1, True
        while has_next and page <= MAX_PAGES and healed != missing:
            messages, has_next = self._chain_fetch_page(adapter, start, end, page)
            wanted = [m for m in messages if m.get("platform_order_id") in missing]
            raw = json.dumps({"reconciled": [str(start), str(end)], "page": page})
            Message._chain_ingest(self, wanted, raw)
            healed.update(m["platform_order_id"] for m in wanted)
            page += 1
        return sorted(healed)

    def _chain_reconcile_manager(self):
        """Who gets the reconciliation to-do: the channel's manager, else a channel manager."""
        if self.manager_id:
            return self.manager_id
        users = self.env.ref(MANAGER).users.filtered(lambda u: u.active and not u.share and u.id != SUPERUSER_ID)
        return users.sorted("id")[:1]

    def _chain_reconcile_alert(self, note, details):
        """One open to-do per channel and manager: a later reconciliation updates it."""
        user = self._chain_reconcile_manager()
        if not user:
            _logger.warning("Channel %s has orders to check and no manager to tell", self.id)
            return
        summary = self.env._("Check the orders of channel %s", self.name)
        body = Markup("").join(Markup("<p>%s</p>") % line for line in [note, *details])
        todo = self.env.ref("mail.mail_activity_data_todo")
        activity = self.activity_ids.filtered(
            lambda a: a.activity_type_id == todo and a.user_id == user and a.summary == summary
        )[:1]
        if activity:
            activity.write({"note": body, "date_deadline": fields.Date.context_today(self)})
        else:
            self.activity_schedule("mail.mail_activity_data_todo", summary=summary, note=body, user_id=user.id)
