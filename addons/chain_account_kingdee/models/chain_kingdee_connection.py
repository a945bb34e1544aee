from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.base.models.res_partner import _tz_get

from ..lib.kingdee_client import KingdeeError, KingdeeSession


class ChainKingdeeConnection(models.Model):
    """Where and as whom a company's days are sent to Kingdee EAS (one per company)."""

    _name = "chain.kingdee.connection"
    _description = "Kingdee EAS Connection"
    _order = "company_id"
    _chain_guarded_fields = {}  # configuration: accounting managers only (ACL)

    name = fields.Char(required=True, default="Kingdee EAS")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    url = fields.Char(
        string="Services URL",
        required=True,
        help="The base URL of EAS's WebServices, e.g. http://eas.example.com:6888/ormrpc/services/ "
        "(the services EASLogin and WSWSVoucher are found under it).",
    )
    user_name = fields.Char(string="User", required=True)
    password = fields.Char(groups="account.group_account_manager", copy=False)
    sln_name = fields.Char(string="Solution", required=True, default="eas")
    dc_name = fields.Char(string="Data Centre", required=True, help="EAS's data centre code (dcName).")
    language = fields.Char(required=True, default="L2", help="L2: simplified Chinese, L3: traditional Chinese.")
    db_type = fields.Integer(string="Database Type", default=0, help="0: SQL Server, 1: Oracle, 2: DB2, 3: PostgreSQL.")
    auth_pattern = fields.Char(string="Authentication Pattern", default="BaseDB")
    company_number = fields.Char(required=True, help="The company's number in EAS (companyNumber of the vouchers).")
    voucher_type = fields.Char(required=True, default="记", help="EAS's voucher type (voucherType), e.g. 记.")
    voucher_prefix = fields.Char(
        default="OD",
        help="Voucher numbers are this prefix and the day (OD20261207): the same number at every send, "
        "so that EAS refuses a second voucher for a day.",
    )
    currency_number = fields.Char(required=True, default="BB01", help="The company currency's number in EAS.")
    creator = fields.Char(help="The preparer named on the vouchers (creator); empty: EAS's login user.")
    voucher_abstract = fields.Char(string="Voucher Description", default="Odoo", help="Followed by the day.")
    is_verify = fields.Integer(string="isVerify", default=0, help="EAS's isVerify flag of importVoucher.")
    is_imp_cashflow = fields.Integer(string="isImpCashflow", default=0, help="EAS's isImpCashflow flag.")
    timeout = fields.Integer(string="Timeout (s)", default=30)
    tz = fields.Selection(_tz_get, string="Timezone", default="Asia/Shanghai", help="Which day is yesterday.")

    _sql_constraints = [
        ("company_uniq", "unique(company_id)", "A company has one Kingdee EAS connection."),
    ]

    @api.constrains("timeout", "voucher_prefix")
    def _check_values(self):
        for connection in self:
            if connection.timeout <= 0:
                raise ValidationError(_("The timeout of %s must be positive.", connection.name))
            if connection.voucher_prefix and len(connection.voucher_prefix) > 20:
                raise ValidationError(
                    _("The voucher prefix of %s is too long (20 characters at most).", connection.name)
                )

    def _chain_check_manager(self):
        if not self.env.user.has_group("account.group_account_manager"):
            raise AccessError(_("Only accounting managers may use the Kingdee EAS connection."))

    def _chain_settings(self):
        """What :class:`KingdeeSession` needs; the password read as superuser (field restricted)."""
        self.ensure_one()
        # sudo: the password is readable by accounting managers only; the sending workflow needs it
        connection = self.sudo()
        return {
            "url": connection.url,
            "user": connection.user_name,
            "password": connection.password or "",
            "sln_name": connection.sln_name,
            "dc_name": connection.dc_name,
            "language": connection.language,
            "db_type": connection.db_type,
            "auth_pattern": connection.auth_pattern,
            "timeout": connection.timeout,
        }

    def _chain_session(self):
        return KingdeeSession(self._chain_settings())

    def action_test_connection(self):
        """Log in to EAS and out again; a notification tells the outcome (accounting managers)."""
        self._chain_check_manager()
        for connection in self:
            try:
                with connection._chain_session() as session:
                    session.login()
            except KingdeeError as error:
                raise UserError(_("Kingdee EAS refused the login: %s", error.message)) from None
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": _("Kingdee EAS accepted the login.")},
        }

    def action_send_pending(self):
        """Send yesterday and every day not yet accepted, now (accounting managers)."""
        self._chain_check_manager()
        Day = self.env["chain.kingdee.day"]
        for connection in self:
            Day._chain_send_connection(connection)
        return True

    def _chain_today(self):
        self.ensure_one()
        return fields.Date.context_today(self.with_context(tz=self.tz or "UTC"))
