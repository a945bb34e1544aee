# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

KIND_SELECTION = [
    ("payment", "Order payment"),
    ("commission", "Platform commission"),
    ("service_fee", "Service fee"),
    ("freight_insurance", "Freight insurance"),
    ("subsidy", "Subsidy"),
    ("refund", "Refund"),
    ("payout", "Payout to bank"),
]


class ChainChannelSettlementMappingType(models.Model):
    """A platform's business-type label (业务类型) and the kind of settlement line it is."""

    _name = "chain.channel.settlement.mapping.type"
    _description = "Settlement File Type Label"
    _order = "mapping_id, id"
    _chain_guarded_fields = {}  # configuration

    mapping_id = fields.Many2one("chain.channel.settlement.mapping", required=True, ondelete="cascade", index=True)
    label = fields.Char(required=True, help="The text of the file's type column.")
    kind = fields.Selection(KIND_SELECTION, required=True)

    _sql_constraints = [("label_uniq", "unique(mapping_id, label)", "A type label is mapped once per file mapping.")]
