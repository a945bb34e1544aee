from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainMemberIdentity(models.Model):
    """An external id of a member on a platform (WeChat unionid, Youzan open id, ...).

    Unique per source, whoever holds it (enforced by the database): channel
    orders attach to the member through it, never by name.
    """

    _name = "chain.member.identity"
    _description = "Member Identity"
    _order = "source, id"
    _chain_store_field = "member_id.home_store_id"
    _chain_guarded_fields = {}  # staff record identities of the members of their stores (rules)

    member_id = fields.Many2one("chain.member", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    source = fields.Selection(
        [
            ("wechat_unionid", "WeChat unionid"),
            ("wechat_openid", "WeChat openid"),
            ("youzan_open_id", "Youzan open id"),
            ("taobao_buyer_open_uid", "Taobao buyer open uid"),
            ("jd_pin", "JD pin"),
            ("other", "Other"),
        ],
        required=True,
    )
    external_id = fields.Char(string="External ID", required=True)

    _sql_constraints = [
        ("source_external_id_uniq", "UNIQUE(source, external_id)", "This identity already belongs to a member."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._chain_check_unclaimed(vals.get("source"), vals.get("external_id"))
        return super().create(vals_list)

    def write(self, vals):
        if "source" in vals or "external_id" in vals:
            for identity in self:
                identity._chain_check_unclaimed(
                    vals.get("source", identity.source), vals.get("external_id", identity.external_id)
                )
        return super().write(vals)

    def _chain_check_unclaimed(self, source, external_id):
        """A clear error before the database's: the member who already holds the identity."""
        # sudo: the identity may belong to a member of a store the user does not see
        other = self.sudo().search(
            [("source", "=", source), ("external_id", "=", external_id), ("id", "not in", self.ids)], limit=1
        )
        if other:
            raise ValidationError(
                _(
                    "The identity %(identity)s is already claimed by member %(member)s.",
                    identity=external_id,
                    member=other.member_id.code,
                )
            )
