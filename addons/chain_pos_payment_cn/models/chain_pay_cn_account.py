from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..lib.alipay import AlipayClient
from ..lib.wechatpay import WechatPayClient

WECHAT_GATEWAY = "https://api.mch.weixin.qq.com"
ALIPAY_GATEWAY = "https://openapi.alipay.com/gateway.do"
SECRET_GROUPS = "point_of_sale.group_pos_manager,chain_store.group_chain_manager"


class ChainPayCnAccount(models.Model):
    """A WeChat Pay merchant or Alipay app the tills charge through.

    A store's account overrides the company's (``_chain_for``). The keys are read only by POS
    managers and chain managers (ACL, and ``groups`` on each secret); the tills never see
    this model: the server calls the provider (``pos.payment.method.chain_cn_*``).
    """

    _name = "chain.pay.cn.account"
    _description = "WeChat Pay / Alipay Account"
    _order = "provider, store_id, id"
    _chain_store_field = "store_id"  # a store's own account (company accounts have none)
    # configuration, not workflow: POS managers and chain managers edit it (ACL)
    _chain_guarded_fields = {}

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    provider = fields.Selection([("wechatpay", "WeChat Pay"), ("alipay", "Alipay")], required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index=True,
        help="Leave empty for the company's account; a store's own account (e.g. its sub-merchant "
        "in service-provider mode) is used by that store's tills instead.",
    )
    endpoint = fields.Char(
        help="Base URL of the provider's API. Empty: the real gateway. Point it to a local simulator "
        "for tests and demos (e.g. http://127.0.0.1:18391).",
    )
    mode = fields.Selection(
        [("merchant", "Merchant"), ("service_provider", "Service Provider")],
        default="merchant",
        help="WeChat Pay: a merchant account, or a service provider (服务商) charging for its "
        "sub-merchants (sub_mch_id per store).",
    )
    appid = fields.Char(string="AppID", groups=SECRET_GROUPS)
    mch_id = fields.Char(string="Merchant ID (mch_id)", groups=SECRET_GROUPS)
    sub_appid = fields.Char(string="Sub-merchant AppID", groups=SECRET_GROUPS)
    sub_mch_id = fields.Char(string="Sub-merchant ID (sub_mch_id)", groups=SECRET_GROUPS)
    api_key = fields.Char(string="API Key (v2)", groups=SECRET_GROUPS, copy=False)
    cert_pem = fields.Text(string="Client Certificate (PEM)", groups=SECRET_GROUPS, copy=False)
    cert_key_pem = fields.Text(string="Client Certificate Key (PEM)", groups=SECRET_GROUPS, copy=False)
    alipay_app_id = fields.Char(string="Alipay App ID", groups=SECRET_GROUPS)
    alipay_private_key = fields.Text(string="App Private Key (RSA2)", groups=SECRET_GROUPS, copy=False)
    alipay_public_key = fields.Text(string="Alipay Public Key", groups=SECRET_GROUPS, copy=False)
    alipay_app_auth_token = fields.Char(string="App Auth Token", groups=SECRET_GROUPS, copy=False)
    user_paying_seconds = fields.Integer(
        string="Customer Confirmation Limit (s)",
        default=30,
        help="How long a customer may take to confirm a payment (password) before the till's "
        "payment is cancelled (reversed). WeChat Pay and Alipay advise 30 seconds.",
    )

    _sql_constraints = [
        ("user_paying_seconds_positive", "CHECK(user_paying_seconds > 0)", "The confirmation limit must be positive."),
    ]

    @api.constrains("provider", "company_id", "store_id", "active")
    def _check_one_per_scope(self):
        for account in self.filtered("active"):
            same = self.search_count(
                [
                    ("id", "!=", account.id),
                    ("provider", "=", account.provider),
                    ("company_id", "=", account.company_id.id),
                    ("store_id", "=", account.store_id.id),
                ]
            )
            if same:
                raise ValidationError(
                    _("There is already an active %s account for this company or store.", account.provider)
                )

    @api.constrains("store_id", "company_id")
    def _check_store_company(self):
        for account in self:
            if account.store_id and account.store_id.company_id != account.company_id:
                raise ValidationError(_("The store of account %s belongs to another company.", account.name))

    @api.model
    def _chain_for(self, provider, company, store):
        """The account the tills of ``store`` use for ``provider``: the store's, else the
        company's; raises a ``UserError`` when there is none. Superuser record: call it only
        from server code that never hands the keys to a client."""
        # sudo: the cashier's payment needs the keys the cashier may not read; they stay on the server
        Account = self.sudo()
        domain = [("provider", "=", provider), ("company_id", "=", company.id)]
        account = Account.search(domain + [("store_id", "=", store.id)], limit=1) if store else Account
        account = account or Account.search(domain + [("store_id", "=", False)], limit=1)
        if not account:
            label = dict(self._fields["provider"].selection)[provider]
            raise UserError(_("No %s account is set up for this store: ask your manager.", label))
        return account

    def _chain_client(self):
        """The protocol client of this account (superuser record: it holds the keys)."""
        self.ensure_one()
        if self.provider == "wechatpay":
            return WechatPayClient(
                self.endpoint or WECHAT_GATEWAY,
                self.appid,
                self.mch_id,
                self.api_key or "",
                sub_appid=self.sub_appid if self.mode == "service_provider" else None,
                sub_mch_id=self.sub_mch_id if self.mode == "service_provider" else None,
                cert_pem=self.cert_pem,
                key_pem=self.cert_key_pem,
            )
        return AlipayClient(
            self.endpoint or ALIPAY_GATEWAY,
            self.alipay_app_id,
            self.alipay_private_key or "",
            self.alipay_public_key or "",
            app_auth_token=self.alipay_app_auth_token,
        )
