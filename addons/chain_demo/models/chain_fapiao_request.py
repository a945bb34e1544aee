from odoo import api, fields, models

from odoo.addons.chain_fapiao.lib import tax_id

# A demo buyer: a company asking for a special fapiao (专票) for its office's baby-room supplies.
DEMO_BUYER = "上海晨曦母婴用品贸易有限公司"
DEMO_BUYER_VAT_17 = "91310104MA1FL8XQ3"


class ChainFapiaoRequest(models.Model):
    _inherit = "chain.fapiao.request"

    @api.model
    def _chain_demo_load_fapiao(self, store=None):
        """Two fapiao requests on paid orders of ``store`` (SH01 by default) whose session is closed.

        The first is a company's special fapiao (专票), invoiced after the session closed and
        issued as a 数电票; the second, from the receipt's QR code, is invoiced and waits for its
        number. Idempotent: a store whose orders already have requests is skipped.
        """
        store = store or self.env.ref("chain_demo.chain_store_sh01_demo")
        orders = self.env["pos.order"].search(
            [
                ("config_id.chain_store_id", "=", store.id),
                ("session_id.state", "=", "closed"),
                ("state", "=", "done"),
                ("amount_total", ">", 0),
                ("account_move", "=", False),
            ],
            order="date_order desc",
            limit=2,
        )
        if len(orders) < 2 or self.search_count([("order_id.config_id.chain_store_id", "=", store.id)]):
            return self
        vat = DEMO_BUYER_VAT_17 + tax_id.check_character(DEMO_BUYER_VAT_17)
        first = self.create(
            {
                "order_id": orders[0].id,
                "buyer_name": DEMO_BUYER,
                "buyer_vat": vat,
                "fapiao_type": "special",
                "email": "finance@chenxi-demo.cn",
                "source": "till",
            }
        )
        second = self.create(
            {
                "order_id": orders[1].id,
                "buyer_name": "李女士",
                "fapiao_type": "normal",
                "mobile": "+86 139 1234 5678",
                "source": "qr",
            }
        )
        today = fields.Date.context_today(self)
        issued = first.fapiao_ids.filtered(lambda f: f.state == "to_issue")[:1]
        if issued:
            number = f"{today.year % 100:02d}312" + f"{first.id:015d}"
            issued._chain_issue(number, issue_date=today)
        return first | second
