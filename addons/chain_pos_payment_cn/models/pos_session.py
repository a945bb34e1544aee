from odoo import models

# The shape of the customers' payment codes, as the till checks them before sending anything
# (the server checks them again): WeChat Pay 18 digits starting 10-15, Alipay 16-24 digits
# starting 25-30.
PAY_CODE_SHAPES = {
    "chain_wechatpay": {"key": "wechatpay", "minLength": 18, "maxLength": 18, "prefixes": [10, 15]},
    "chain_alipay": {"key": "alipay", "minLength": 16, "maxLength": 24, "prefixes": [25, 30]},
}
POLL_MS = 2500  # how often the till asks while the customer types her password


class PosSession(models.Model):
    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        result["data"][0]["_chain_cn_pay"] = self._chain_cn_pay_pos_settings()
        return result

    def _chain_cn_pay_pos_settings(self):
        """What the till needs to take payment codes: the code shapes of the providers its
        payment methods use and the polling interval. Nothing of the provider accounts (ids,
        keys, certificates, endpoints) reaches the till: it calls ``pos.payment.method.chain_cn_*``."""
        terminals = set(self.config_id.payment_method_ids.mapped("use_payment_terminal"))
        return {
            "poll_ms": POLL_MS,
            "providers": {name: dict(shape) for name, shape in PAY_CODE_SHAPES.items() if name in terminals},
        }
