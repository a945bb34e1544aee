import hmac
import time

from odoo import http
from odoo.http import request

from ..lib import proof as proof_lib


class ChainMemberQr(http.Controller):
    """The member's dynamic QR code, for the mini-program.

    The mini-program's server (which knows the member through WeChat) asks
    ``/chain_pos_member/qr`` with the member's code and the member's page key
    (``chain.member._chain_qr_page_key``, handed to the mini-program when the
    member binds their WeChat) and shows the returned token as a QR code,
    renewing it every ``refresh`` seconds; the cashier scans it at the till.
    """

    @http.route("/chain_pos_member/qr", type="http", auth="public", methods=["GET"], csrf=False, readonly=True)
    def member_qr(self, member=None, key=None, **kwargs):
        # sudo: a public route; the page key, not a session, proves who may see this member's QR code
        Member = request.env["chain.member"].sudo()
        found = Member.search([("code", "=", member or "")], limit=1) if member else Member
        if not (found and found.state == "active" and key and hmac.compare_digest(found._chain_qr_page_key(), key)):
            return request.make_json_response({"error": "not found"}, status=404)
        return request.make_json_response(
            {
                "qr": found._chain_qr_token(time.time()),
                "refresh": 60,
                "valid": int(proof_lib.QR_VALIDITY.total_seconds()),
            },
            headers=[("Cache-Control", "no-store")],
        )
