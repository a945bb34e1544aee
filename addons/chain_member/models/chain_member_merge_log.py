from odoo import fields, models

from ..lib import member as member_lib


class ChainMemberMergeLog(models.Model):
    """The audit entry of a member merge: who merged which member into which, when, and what moved."""

    _name = "chain.member.merge.log"
    _description = "Member Merge"
    _order = "date desc, id desc"
    _rec_name = "removed_code"
    _chain_store_field = "member_id.home_store_id"
    # written only by the merge wizard (as superuser): no role has write access to it (ACL)
    _chain_guarded_fields = {}

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one("res.users", string="Merged by", required=True, readonly=True)
    member_id = fields.Many2one("chain.member", string="Kept Member", required=True, readonly=True, index=True)
    removed_member_id = fields.Many2one("chain.member", string="Removed Member", readonly=True, index=True)
    removed_code = fields.Char(string="Removed Member Code", readonly=True)
    removed_mobile = fields.Char(string="Removed Member's Mobile", readonly=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    moved_rows = fields.Integer(string="Rows Moved", readonly=True)
    moved_orders = fields.Integer(string="Orders Moved", readonly=True)
    details = fields.Text(readonly=True, help="What moved, table by table, and the identities dropped.")

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """The removed member's mobile masked in the exports of store users, as the members' own."""
        rows = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if self.env.su or self.env.user.has_group("chain_store.group_chain_store_manager"):
            return rows
        columns = [index for index, path in enumerate(fields) if path == ["removed_mobile"]]
        for row in rows:
            for index in columns:
                if row[index]:
                    row[index] = member_lib.mask_mobile(row[index])
        return rows
