from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"
    _chain_guarded_fields = {}  # configuration: its access rights are the guard

    chain_expiry_mode = fields.Selection(
        [("refuse", "Refuse the order"), ("flag", "Accept and flag the order")],
        string="Expired Lot at Sync",
        default="refuse",
        required=True,
        help="What the server does with a synced order that sells an expired lot, or a lot past its "
        "removal date, without a valid store manager override. Refused: the order is kept as a draft "
        "with the reason and the cashier is told; its stock does not move until a manager decides. "
        "Flagged: the order goes through and is marked for review. A missing or blocked lot is always "
        "refused.",
    )
