# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import calendar
import json
import time

import requests

from odoo import api, models

from ..lib import generic
from ..lib.errors import ChannelError, ChannelRateLimited, ChannelTransientError


class ChainChannelAdapterGeneric(models.AbstractModel):
    """A platform speaking the generic webhook protocol (``lib/generic.py``).

    Stock goes out as ``POST <api_url>/stock`` with ``{"items": [{"sku", "qty"}]}``, signed
    like the webhooks; 429 is a rate limit, 5xx and network errors are retried.
    """

    _name = "chain.channel.adapter.generic"
    _inherit = "chain.channel.adapter"
    _description = "Generic Webhook Channel Adapter"
    _chain_guarded_fields = {}  # no field

    @api.model
    def verify_request(self, channel, headers, raw_body, now):
        # sudo: the secret is readable by channel managers only; the webhook is public
        secret = channel.sudo().app_secret
        generic.verify(secret, headers, raw_body, calendar.timegm(now.timetuple()), self.max_clock_skew())

    @api.model
    def parse_messages(self, channel, headers, raw_body):
        return generic.parse(raw_body)

    @api.model
    def push_stock(self, channel, items):
        # sudo: URL and secret are readable by channel managers only
        secret_channel = channel.sudo()
        body = json.dumps({"items": [{"sku": i["sku"], "qty": i["qty"]} for i in items]}).encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Chain-Timestamp": timestamp,
            "X-Chain-Signature": generic.sign(secret_channel.app_secret, timestamp, body),
        }
        url = (secret_channel.api_url or "").rstrip("/") + "/stock"
        try:
            answer = requests.post(url, data=body, headers=headers, timeout=10)
        except requests.RequestException as error:
            raise ChannelTransientError("channel is unreachable", error=str(error)[:200]) from error
        if answer.status_code == 429:
            raise ChannelRateLimited("rate limited", retry_after=answer.headers.get("Retry-After") or 1.0)
        if answer.status_code >= 500:
            raise ChannelTransientError("channel server error", status=answer.status_code)
        if answer.status_code >= 400:
            raise ChannelError("channel refused the stock update", status=answer.status_code)
        try:
            rows = {str(r.get("sku")): r for r in (answer.json().get("results") or []) if isinstance(r, dict)}
        except (ValueError, AttributeError):
            rows = {}
        results = []
        for item in items:
            row = rows.get(str(item["sku"]), {"ok": True})
            results.append(
                {
                    "sku": item["sku"],
                    "ok": bool(row.get("ok")),
                    "error": row.get("error"),
                    "platform_qty": row.get("qty"),
                }
            )
        return results

    @api.model
    def rate_limit(self, channel):
        return 20.0
