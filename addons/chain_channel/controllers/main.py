# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import datetime

from odoo import SUPERUSER_ID, http
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from ..lib.errors import ChannelAuthError, ChannelPayloadError

_logger = logging.getLogger(__name__)

# what a webhook reads of its channel: its adapter and the credentials that verify the signature
WEBHOOK_FIELDS = ["name", "platform", "company_id", "app_key", "app_secret", "shop_ref"]


class ChainChannelWebhook(http.Controller):
    @http.route(
        "/chain_channel/<int:channel_id>/webhook",
        type="http",
        auth="none",
        methods=["POST"],
        csrf=False,
        readonly=False,
    )
    def webhook(self, channel_id, **_kwargs):
        """Verify, parse, store once, queue; answer 401 / 400 / the platform's ack."""
        # the webhook has no session: the superuser stores the messages, the signature is the auth
        env = request.env(user=SUPERUSER_ID)
        # one query: an archived channel is not found (active_test), as an unknown one
        channel = env["chain.channel"].search_fetch([("id", "=", channel_id)], WEBHOOK_FIELDS)
        if not channel:
            return request.make_response("unknown channel", status=404)
        adapter = channel._adapter()
        raw_body = request.httprequest.get_data()
        headers = dict(request.httprequest.headers)
        try:
            adapter.verify_request(channel, headers, raw_body, datetime.utcnow())
        except ChannelAuthError as error:
            _logger.warning("Channel %s: webhook refused: %s %s", channel.id, error.reason, error.details)
            return request.make_response("unauthorized", status=401)
        except Exception:  # an adapter's bug on a hostile body: refused, never a server error
            _logger.exception("Channel %s: webhook refused, the adapter failed to verify it", channel.id)
            return request.make_response("unauthorized", status=401)
        try:
            messages = adapter.parse_messages(channel, headers, raw_body)
        except ChannelPayloadError as error:
            _logger.warning("Channel %s: unreadable webhook: %s %s", channel.id, error.reason, error.details)
            return self._refused(adapter, channel)
        except Exception:  # an adapter's bug on a hostile body: refused, never a server error
            _logger.exception("Channel %s: unreadable webhook, the adapter failed to parse it", channel.id)
            return self._refused(adapter, channel)
        try:
            with env.cr.savepoint():
                env["chain.channel.message"]._chain_ingest(channel, messages, raw_body)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # Odoo runs the request again
        except Exception:  # not stored: the platform delivers it again (the error is logged)
            _logger.exception("Channel %s: webhook messages could not be stored", channel.id)
            return self._refused(adapter, channel)
        status, body, content_type = adapter.ack_response(channel, True)
        return request.make_response(body, status=status, headers=[("Content-Type", content_type)])

    def _refused(self, adapter, channel):
        """The platform's "not taken" answer, as a 400 (it delivers the message again)."""
        _status, body, content_type = adapter.ack_response(channel, False)
        return request.make_response(body, status=400, headers=[("Content-Type", content_type)])
