from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import pos_lot_rule

# The salted hash of the PIN lives in a column the ORM does not know (as Odoo keeps
# ``res_users.password``): no read, search_read, export or field list can return it.
PIN_HASH_COLUMN = "chain_pos_pin_hash"


def ensure_pin_hash_column(cr):
    cr.execute(SQL("ALTER TABLE res_users ADD COLUMN IF NOT EXISTS %s varchar", SQL.identifier(PIN_HASH_COLUMN)))


class ResUsers(models.Model):
    _inherit = "res.users"
    _chain_guarded_fields = {}  # the PIN is the user's own secret (groups + SELF_WRITEABLE_FIELDS)

    chain_pos_pin = fields.Char(
        string="POS Override PIN",
        compute="_compute_chain_pos_pin",
        inverse="_inverse_chain_pos_pin",
        groups="base.group_erp_manager",
        copy=False,
        help="4 to 8 digits a store manager types at the till to let a refused lot be sold. "
        "Only a salted hash of it is kept; the till sends the PIN to the server, which checks it.",
    )
    chain_pos_pin_set = fields.Boolean(
        string="POS Override PIN Set",
        compute="_compute_chain_pos_pin",
        groups="base.group_erp_manager",
        help="Whether this user has an override PIN.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["chain_pos_pin", "chain_pos_pin_set"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["chain_pos_pin"]

    def init(self):
        ensure_pin_hash_column(self.env.cr)
        return super().init()

    def _compute_chain_pos_pin(self):
        with_pin = set(self._chain_pin_hashes())
        for user in self:
            user.chain_pos_pin = False  # never read back
            user.chain_pos_pin_set = user.id in with_pin

    def _inverse_chain_pos_pin(self):
        for user in self:
            pin = user.chain_pos_pin
            if pin and not pos_lot_rule.pin_valid(pin):
                raise ValidationError(_("The POS override PIN of %s must be 4 to 8 digits.", user.name))
            self.env.cr.execute(
                SQL(
                    "UPDATE res_users SET %s = %s WHERE id = %s",
                    SQL.identifier(PIN_HASH_COLUMN),
                    pos_lot_rule.hash_pin(pin) if pin else None,
                    user.id,
                )
            )
        self.invalidate_recordset(["chain_pos_pin_set"])

    def _chain_pin_hashes(self):
        """``{user id: stored PIN hash}`` of these users (of every user when called on an empty
        recordset) that have a PIN. Server-side only: never return it to a client."""
        ids = tuple(uid for uid in self.ids if isinstance(uid, int))
        if self and not ids:
            return {}  # new records (onchange): no PIN stored yet
        self.env.cr.execute(
            SQL(
                "SELECT id, %(column)s FROM res_users WHERE %(column)s IS NOT NULL AND %(where)s",
                column=SQL.identifier(PIN_HASH_COLUMN),
                where=SQL("id IN %s", ids) if ids else SQL("TRUE"),
            )
        )
        return dict(self.env.cr.fetchall())

    def _chain_check_pos_pin(self, pin):
        """Whether ``pin`` is this user's override PIN (constant-time, salted hash)."""
        self.ensure_one()
        return pos_lot_rule.check_pin(pin, self._chain_pin_hashes().get(self.id))

    @api.model
    def _chain_pos_override_managers(self, store):
        """Users who may override a lot refusal at the tills of ``store``: store managers
        (or above) who see the store and have set a PIN. Returned with sudo."""
        if not store:
            return self.browse()
        group = self.env.ref("chain_store.group_chain_store_manager")
        with_pin = list(self.browse()._chain_pin_hashes())
        # sudo: the till and the sync check run as the cashier, who may not read other users
        users = self.sudo().search([("groups_id", "in", group.ids), ("id", "in", with_pin)])
        return users.filtered(lambda user: store in user.chain_visible_store_ids)
