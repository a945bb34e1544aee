from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"
    _chain_guarded_fields = {}  # the PIN is the user's own secret (groups + SELF_WRITEABLE_FIELDS)

    chain_pos_pin = fields.Char(
        string="POS Override PIN",
        groups="base.group_erp_manager",
        copy=False,
        help="4 to 8 digits a store manager types at the till to let a refused lot be sold. "
        "The till only holds a digest of it.",
    )

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["chain_pos_pin"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return super().SELF_WRITEABLE_FIELDS + ["chain_pos_pin"]

    @api.constrains("chain_pos_pin")
    def _check_chain_pos_pin(self):
        for user in self:
            pin = user.chain_pos_pin
            if pin and not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 8):
                raise ValidationError(_("The POS override PIN of %s must be 4 to 8 digits.", user.name))

    @api.model
    def _chain_pos_override_managers(self, store):
        """Users who may override a lot refusal at the tills of ``store``: store managers
        (or above) who see the store and have set a PIN. Returned with sudo."""
        if not store:
            return self.browse()
        group = self.env.ref("chain_store.group_chain_store_manager")
        # sudo: the till and the sync check run as the cashier, who may not read other users' PINs
        users = self.sudo().search([("groups_id", "in", group.ids), ("chain_pos_pin", "!=", False)])
        return users.filtered(lambda user: store in user.chain_visible_store_ids)
