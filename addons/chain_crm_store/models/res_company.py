# ruff: noqa: RUF001 - the default consent text is Chinese, with full-width punctuation
from odoo import fields, models

DEFAULT_CONSENT_TEXT = (
    "本人自愿向本门店提供姓名、手机号、预产期及生产医院等个人信息，并同意门店及其导购据此通过电话、短信或微信"
    "与本人联系，提供孕产及母婴相关的咨询、会员服务与活动信息。上述信息仅用于上述目的，"
    "依照《中华人民共和国个人信息保护法》妥善保管，不向无关第三方提供。"
    "本人可随时通过门店撤回同意，或要求查阅、更正、删除本人的个人信息。"
)


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # settings: no workflow

    # the public lead form of the stores (leadform)
    chain_crm_form_consent_text = fields.Text(
        string="Lead Form Consent Text",
        translate=True,
        default=DEFAULT_CONSENT_TEXT,
        help="What an expectant parent agrees to on the store's public form (kept on each lead).",
    )
    chain_crm_form_ip_limit = fields.Integer(
        string="Lead Form Submissions per IP (10 min)",
        default=5,
        help="Submissions of the public lead form from one IP address in 10 minutes; more are refused.",
    )
    chain_crm_form_store_limit = fields.Integer(
        string="Lead Form Registrations per Store (hour)",
        default=60,
        help="Registrations accepted by one store's public form in an hour; more are refused.",
    )
    chain_crm_form_product_tmpl_ids = fields.Many2many(
        "product.template",
        "res_company_chain_crm_form_product_rel",
        "company_id",
        "product_tmpl_id",
        string="Lead Form Products",
        help="Products the public lead form offers as 'products of interest' (none: not asked).",
    )
