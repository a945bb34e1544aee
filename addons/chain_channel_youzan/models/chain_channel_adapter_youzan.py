# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
import logging
from datetime import timedelta

import requests

from odoo import api, fields, models

from odoo.addons.chain_channel.lib.errors import (
    ChannelAuthError,
    ChannelError,
    ChannelPayloadError,
    ChannelTransientError,
)

from ..lib import youzan_protocol as yz
from ..lib import youzan_trades as yzt

_logger = logging.getLogger(__name__)

TOKEN_MARGIN = timedelta(minutes=5)


class ChainChannelAdapterYouzan(models.AbstractModel):
    """The core's adapter contract for the Youzan open platform (有赞云).

    ``app_key`` is the app's ``client_id``, ``app_secret`` its ``client_secret``, ``shop_ref``
    the shop's ``kdt_id`` and ``api_url`` the platform's base URL (``https://open.youzanyun.com``,
    or the simulator's). The protocol itself lives in ``lib/youzan_protocol.py``.
    """

    _name = "chain.channel.adapter.youzan"
    _inherit = "chain.channel.adapter"
    _description = "Youzan Channel Adapter"
    _chain_guarded_fields = {}  # no field

    # ------------------------------------------------------------------ inbound
    @api.model
    def verify_request(self, channel, headers, raw_body, now):
        """Check ``Event-Sign`` and ``Client-Id``, then the message's ``version`` against the
        core's clock-skew limit (trade messages only: other types store no order)."""
        # sudo: credentials are readable by channel managers only; the webhook is public
        secret_channel = channel.sudo()
        yz.verify_event_sign(secret_channel.app_key, secret_channel.app_secret, headers, raw_body)
        try:
            body = yz.parse_json(raw_body, "push body")
        except ChannelPayloadError:
            return  # signed but malformed: parse_messages flags it
        kdt_id = body.get("kdt_id")
        if kdt_id not in (None, "", 0) and secret_channel.shop_ref and str(kdt_id) != secret_channel.shop_ref:
            # one app may serve several shops: a message of another shop must not land here
            raise ChannelAuthError("message of another Youzan shop", kdt_id=str(kdt_id)[:40])
        if isinstance(body.get("type"), str) and body["type"] in yz.EVENTS:
            try:
                occurred = yzt.message_time(body)
            except ChannelPayloadError as error:
                raise ChannelAuthError("message has no usable version", cause=error.reason) from None
            yz.check_skew(occurred, now, self.max_clock_skew())

    @api.model
    def parse_messages(self, channel, headers, raw_body):
        """Normalized messages of a push; Youzan's test pings and unhandled types give none."""
        try:
            body = yz.parse_json(raw_body, "push body")
            if body.get("test") is True:
                return []
            return yzt.parse_push(raw_body)
        except ChannelPayloadError as error:
            details = dict(getattr(error, "details", None) or {})
            reason = self.env._("Youzan message cannot be read: %s", error.reason)
            raise ChannelPayloadError(reason, **details) from None

    @api.model
    def ack_response(self, channel, ok):
        return 200, yzt.ack_body(ok), "application/json"

    # ------------------------------------------------------------------ outbound
    @api.model
    def fetch_orders(self, channel, start, end, page, page_size):
        page_size = min(int(page_size), yz.MAX_PAGE_SIZE)
        data = self._youzan_call(channel, yz.API_TRADES_SOLD_GET, yz.trades_sold_request(start, end, page, page_size))
        return yzt.parse_trades_page(data, page, page_size)

    @api.model
    def fetch_order_ids(self, channel, start, end):
        ids, page, has_next = set(), 1, True
        while has_next:
            messages, has_next = self.fetch_orders(channel, start, end, page, yz.MAX_PAGE_SIZE)
            ids.update(message["platform_order_id"] for message in messages)
            page += 1
        return ids

    @api.model
    def fetch_stock(self, channel, skus):
        stock = {}
        skus = [str(sku) for sku in skus]
        for index in range(0, len(skus), yz.MAX_PUSH_BATCH):
            data = self._youzan_call(channel, yz.API_SKUS_GET, {"sku_ids": skus[index : index + yz.MAX_PUSH_BATCH]})
            for row in data.get("skus") or []:
                if isinstance(row, dict) and isinstance(row.get("quantity"), int):
                    stock[str(row.get("sku_id"))] = row["quantity"]
        return stock

    @api.model
    def push_stock(self, channel, items):
        """Send ``items`` in one ``youzan.skus.update`` call (the core batches by
        ``max_push_batch``). Absolute quantities by default; increments when the channel asks
        for them, made idempotent by ``chain.channel.youzan.stock.push``."""
        if not items:
            return []
        # sudo: the channel's Youzan options are readable by channel managers only
        incremental = channel.sudo().youzan_incremental_stock
        done, send = {}, list(items)
        if incremental:
            keyed = [item for item in items if item.get("delta") is not None and item.get("idempotency_key")]
            log = self.env["chain.channel.youzan.stock.push"]
            # A cursor of its own: the log must survive this job's rollback (see the model).
            with self.env.registry.cursor() as cr:
                before = log._claim(cr, channel.id, [item["idempotency_key"] for item in keyed])
            send = []
            for item in items:
                state = before.get(item.get("idempotency_key")) if item.get("delta") is not None else None
                if state == "sent":
                    done[item["sku"]] = {"sku": item["sku"], "ok": True, "error": None, "platform_qty": None}
                elif state == "uncertain":
                    send.append(dict(item, delta=None))  # the outcome is unknown: the absolute is safe
                else:
                    send.append(item)
        results = []
        if send:
            data = self._youzan_call(channel, yz.API_SKUS_UPDATE, yz.skus_update_request(send, incremental))
            results = yzt.parse_skus_update(data, send)
            if incremental:
                keys = {item["sku"]: item.get("idempotency_key") for item in send if item.get("delta") is not None}
                confirmed = [keys[row["sku"]] for row in results if row["ok"] and keys.get(row["sku"])]
                with self.env.registry.cursor() as cr:
                    self.env["chain.channel.youzan.stock.push"]._confirm(cr, channel.id, confirmed)
        by_sku = {row["sku"]: row for row in results}
        by_sku.update(done)
        return [by_sku[item["sku"]] for item in items]

    @api.model
    def rate_limit(self, channel):
        return yz.RATE_LIMIT_PER_SECOND

    @api.model
    def max_push_batch(self, channel):
        return yz.MAX_PUSH_BATCH

    # ------------------------------------------------------------------ hooks
    @api.model
    def _youzan_post(self, channel, path, body):
        """``(status, raw body, Retry-After)`` of a JSON POST; transport failures are transient."""
        # sudo: the base URL and timeout are readable by channel managers only
        secret_channel = channel.sudo()
        url = (secret_channel.api_url or "https://open.youzanyun.com").rstrip("/") + path
        try:
            answer = requests.post(
                url,
                data=json.dumps(body, ensure_ascii=False).encode(),
                headers={"Content-Type": "application/json;charset=UTF-8"},
                timeout=secret_channel.youzan_timeout or 10.0,
            )
        except requests.Timeout as error:
            raise ChannelTransientError("Youzan did not answer in time", url=path.split("?")[0]) from error
        except requests.RequestException as error:
            raise ChannelTransientError("Youzan is unreachable", error=str(error)[:200]) from error
        return answer.status_code, answer.content, answer.headers.get("Retry-After")

    @api.model
    def _youzan_token(self, channel, force=False):
        """The cached access token, asked for again when missing, near expiry or ``force``."""
        # sudo: the token and credentials are readable by channel managers only
        secret_channel = channel.sudo()
        now = fields.Datetime.now()
        expires = secret_channel.youzan_token_expires
        if secret_channel.access_token and not force and expires and expires - TOKEN_MARGIN > now:
            return secret_channel.access_token
        path, body = yz.token_request(secret_channel.app_key, secret_channel.app_secret, secret_channel.shop_ref)
        status, raw, retry_after = self._youzan_post(channel, path, body)
        try:
            data = yz.parse_api_response(status, raw, retry_after)
        except ChannelTransientError:
            raise
        except ChannelError as error:
            raise ChannelAuthError("Youzan refused the app credentials", cause=error.reason) from None
        token, expires_at = yz.parse_token(data, now)
        secret_channel.write({"access_token": token, "youzan_token_expires": expires_at})
        return token

    @api.model
    def _youzan_call(self, channel, api_name, body):
        """``data`` of a Youzan API call; one new token and retry when the token is refused."""
        token = self._youzan_token(channel)
        for attempt in (1, 2):
            status, raw, retry_after = self._youzan_post(channel, yz.api_path(api_name, token), body)
            try:
                return yz.parse_api_response(status, raw, retry_after)
            except ChannelAuthError:
                if attempt == 2:
                    raise
                _logger.info("Youzan refused the token of channel %s: asking for a new one", channel.id)
                token = self._youzan_token(channel, force=True)
