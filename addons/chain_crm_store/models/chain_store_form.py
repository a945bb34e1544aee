import uuid

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL


class ChainStoreFormMixin(models.AbstractModel):
    """The store's public lead form: its secret token, its URL and its printable QR code.

    Mixed into ``chain.store`` (one class per model per addon). The token is the
    form's only credential: printed as a QR code in the store, it opens
    ``/chain/lead/<token>``; a new token (button) makes the old posters useless.
    """

    _name = "chain.crm.store.form.mixin"
    _description = "Store Lead Form"
    # the token is changed only by its regenerate button (never set to a chosen value)
    _chain_guarded_fields = {"chain_lead_form_token": ("action_chain_regenerate_lead_form_token",)}

    chain_lead_form_token = fields.Char(
        string="Lead Form Token",
        default=lambda self: uuid.uuid4().hex,
        copy=False,
        readonly=True,
        index=True,
        help="Secret of the store's public lead form URL (the QR code printed in the store).",
    )
    chain_lead_form_url = fields.Char(string="Lead Form URL", compute="_compute_chain_lead_form_url")

    _sql_constraints = [
        (
            "chain_lead_form_token_uniq",
            "unique (chain_lead_form_token)",
            "The lead form token of a store must be unique.",
        ),
    ]

    def _init_column(self, column_name):
        """Existing stores get a token each (a plain default would give them all the same one)."""
        if column_name != "chain_lead_form_token":
            return super()._init_column(column_name)
        table = SQL.identifier(self._table)
        self.env.cr.execute(SQL("SELECT id FROM %s WHERE chain_lead_form_token IS NULL", table))
        for (store_id,) in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL("UPDATE %s SET chain_lead_form_token = %s WHERE id = %s", table, uuid.uuid4().hex, store_id)
            )
        return None

    @api.depends("chain_lead_form_token")
    def _compute_chain_lead_form_url(self):
        for store in self:
            token = store.chain_lead_form_token
            store.chain_lead_form_url = f"{store.get_base_url()}/chain/lead/{token}" if token else False

    def _chain_check_lead_form_admin(self):
        """A chain manager, or a store manager of each of the stores."""
        if self.env.su:
            return
        if not self.env.user._chain_manages_stores(self, all_of=True):
            raise AccessError(_("Only the store's manager or a chain manager can change the store's lead form."))

    def action_chain_regenerate_lead_form_token(self):
        """Give the stores a new lead form token: the old URL and printed QR codes stop working."""
        self._chain_check_lead_form_admin()
        for store in self:
            # sudo: a store manager may not write the store itself; the role and store were checked
            store.sudo().chain_lead_form_token = uuid.uuid4().hex
        return True

    def action_chain_print_lead_form_qr(self):
        """Open the printable page of the store's QR code (a new tab)."""
        self.ensure_one()
        self.check_access("read")
        if not self.chain_lead_form_token:
            raise UserError(_("The store %s has no lead form token: generate one first.", self.display_name))
        return {"type": "ir.actions.act_url", "target": "new", "url": f"/chain/lead/{self.chain_lead_form_token}/qr"}

    @api.model
    def _chain_lead_form_store(self, token):
        """The active store whose lead form token is ``token`` (empty recordset if none)."""
        if not token or not isinstance(token, str) or len(token) > 64:
            return self.browse()
        # sudo: the form is public; the token is its only credential
        return self.sudo().search([("chain_lead_form_token", "=", token)], limit=1)
