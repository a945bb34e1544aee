from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainKingdeeAccountMap(models.Model):
    """Which Kingdee EAS account an Odoo account's day total goes to, with an optional auxiliary item."""

    _name = "chain.kingdee.account.map"
    _description = "Kingdee EAS Account Mapping"
    _order = "company_id, account_code, id"
    _rec_name = "kingdee_account"
    _chain_guarded_fields = {}  # configuration: accounting managers only (ACL)

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    account_id = fields.Many2one(
        "account.account",
        string="Odoo Account",
        required=True,
        ondelete="cascade",
        domain="[('company_ids', 'parent_of', company_id)]",
    )
    account_code = fields.Char(related="account_id.code", store=True, string="Code")
    kingdee_account = fields.Char(string="Kingdee Account", required=True, help="The account number in EAS, e.g. 6001.")
    auxiliary = fields.Selection(
        [("none", "None"), ("store", "Store"), ("region", "Region")],
        string="Auxiliary Item",
        default="none",
        required=True,
        help="Send the store (or its region) of each amount as EAS's auxiliary accounting item "
        "(asstActType1/asstActNumber1): one voucher line per store. None: one line for the account.",
    )
    asst_act_type = fields.Char(
        string="Auxiliary Type",
        help="EAS's auxiliary accounting type number (asstActType1) of the store or region item.",
    )

    _sql_constraints = [
        ("account_uniq", "unique(company_id, account_id)", "An Odoo account is mapped once per company."),
    ]

    @api.constrains("auxiliary", "asst_act_type", "kingdee_account")
    def _check_auxiliary(self):
        for mapping in self:
            if mapping.auxiliary != "none" and not (mapping.asst_act_type or "").strip():
                raise ValidationError(
                    _("The mapping of %s sends an auxiliary item: give its EAS type.", mapping.account_id.display_name)
                )
            if not (mapping.kingdee_account or "").strip():
                raise ValidationError(_("The Kingdee account of %s is empty.", mapping.account_id.display_name))

    def _chain_auxiliary_item(self, store):
        """``(type, number, name)`` of the auxiliary item of ``store``'s amount (Nones if none)."""
        self.ensure_one()
        if self.auxiliary == "store" and store:
            return self.asst_act_type, store.code or str(store.id), store.name
        if self.auxiliary == "region" and store and store.region_id:
            region = store.region_id
            return self.asst_act_type, region.code or str(region.id), region.name
        return None, None, None

    @api.model
    def _chain_map_same_codes(self, company, auxiliary_prefixes=("5001", "5401", "5601", "5602")):
        """Map each account of ``company`` without a mapping to the Kingdee account of the same code.

        For a group ledger on the same chart (and the demo): accounts whose code starts with one of
        ``auxiliary_prefixes`` (sales, cost of goods, store expenses) send the store as auxiliary
        item (type ``门店``). Returns the new mappings.
        """
        accounts = (
            self.env["account.account"]
            .with_company(company)
            .search([("company_ids", "in", company.ids), ("code", "!=", False)])
        )
        mapped = set(self.search([("company_id", "=", company.id)]).account_id.ids)
        vals = []
        for account in accounts:
            if account.id in mapped:
                continue
            by_store = account.code.startswith(tuple(auxiliary_prefixes))
            vals.append(
                {
                    "company_id": company.id,
                    "account_id": account.id,
                    "kingdee_account": account.code,
                    "auxiliary": "store" if by_store else "none",
                    "asst_act_type": "门店" if by_store else False,
                }
            )
        return self.create(vals)
