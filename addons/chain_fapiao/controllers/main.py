import logging
import time
from collections import deque

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

_logger = logging.getLogger(__name__)

# Failed look-ups (unknown tokens) per client address, this worker: a guesser is slowed down.
_MAX_FAILURES = 20
_WINDOW = 600
_failures = {}


def _throttled(address):
    now = time.monotonic()
    hits = _failures.get(address)
    while hits and now - hits[0] > _WINDOW:
        hits.popleft()
    return bool(hits) and len(hits) >= _MAX_FAILURES


def _failed(address):
    if len(_failures) > 10000:
        _failures.clear()
    _failures.setdefault(address, deque()).append(time.monotonic())


class ChainFapiaoController(http.Controller):
    """The public fapiao page of a receipt's QR code: ``/chain/fapiao/<token>``.

    It shows only the order's date, store and amount; within the company's deadline
    it takes the buyer's title, tax id and type, and records the request.
    """

    def _order(self, token):
        address = request.httprequest.remote_addr or "-"
        if _throttled(address):
            _logger.warning("Fapiao page: too many unknown tokens from %s", address)
            return None
        order = None
        if token and len(token) >= 20:
            # sudo: a public page; the order is found by its secret token only
            order = request.env["pos.order"].sudo().search([("chain_fapiao_token", "=", token)], limit=1)
        if not order:
            _failed(address)
        return order or None

    def _render(self, order, token, **values):
        store = order.config_id.chain_store_id
        return request.render(
            "chain_fapiao.fapiao_public_page",
            {
                "token": token,
                "store_name": store.name or order.company_id.name,
                "order_date": order.date_order.date(),
                "amount": order.amount_total,
                "currency": order.currency_id,
                "values": values.get("values") or {},
                **values,
            },
        )

    @http.route("/chain/fapiao/<string:token>", type="http", auth="public", methods=["GET"], sitemap=False)
    def fapiao_page(self, token, **kwargs):
        order = self._order(token)
        if order is None:
            return request.not_found()
        return self._render(order, token, **self._page_state(order))

    def _page_state(self, order):
        if order._chain_fapiao_request():
            return {"closed": _("A fapiao has already been requested for this purchase.")}
        if not order._chain_fapiao_within_deadline():
            return {"closed": _("The deadline to ask for a fapiao for this purchase is over.")}
        return {}

    @http.route("/chain/fapiao/<string:token>", type="http", auth="public", methods=["POST"], sitemap=False)
    def fapiao_submit(self, token, **post):
        order = self._order(token)
        if order is None:
            return request.not_found()
        state = self._page_state(order)
        if state:
            return self._render(order, token, **state)
        values = {
            "buyer_name": (post.get("buyer_name") or "").strip()[:200],
            "buyer_vat": (post.get("buyer_vat") or "").strip()[:30],
            "fapiao_type": "special" if post.get("fapiao_type") == "special" else "normal",
            "email": (post.get("email") or "").strip()[:200],
            "mobile": (post.get("mobile") or "").strip()[:40],
        }
        if not values["buyer_name"]:
            return self._render(order, token, error=_("Enter the buyer title (抬头)."), values=values)
        try:
            with request.env.cr.savepoint():
                # sudo: the public visitor holds the order's token; the request checks the deadline
                request.env["chain.fapiao.request"].sudo().create({**values, "order_id": order.id, "source": "qr"})
        except (UserError, ValidationError) as exc:
            return self._render(order, token, error=exc.args[0], values=values)
        return self._render(order, token, done=_("Thank you: your fapiao request is recorded."))
