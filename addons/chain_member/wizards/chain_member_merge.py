import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..lib import member as member_lib


class ChainMemberMerge(models.TransientModel):
    """Merge a duplicate member into the member kept (store managers of both members, chain managers).

    What a duplicate is: see ``chain.member.duplicate``. The merge, in one
    savepoint (an error anywhere leaves both members as they were):

    1. ``chain.member._chain_merge_check`` (other addons refuse there), before anything is written;
    2. the identities of a source the kept member already has are dropped (noted in the audit);
    3. every stored many2one (and many2many) of every model whose comodel is
       ``chain.member`` is re-pointed to the kept member in SQL (points ledger,
       tier history, identities, babies, follow-ups, other addons' rows), the
       audit log excepted; the stored fields depending on them are recomputed;
    4. the removed member's contact's documents (``_chain_partner_documents``:
       POS orders, sales orders when installed) move to the kept contact;
    5. the ledger stays whole (the balance is the sum of both ledgers);
    6. the removed member becomes ``merged`` (archived, ``merged_into_id``, its mobile freed);
    7. the kept member's tier is reviewed; a ``chain.member.merge.log`` row and a
       message on both members record who merged what and how many rows moved.
    """

    _name = "chain.member.merge"
    _description = "Merge Members"
    _chain_guarded_fields = {}  # a form: action_merge checks the role and the members' rules

    member_id = fields.Many2one("chain.member", string="Keep", required=True, ondelete="cascade")
    removed_member_id = fields.Many2one(
        "chain.member",
        string="Merge and Remove",
        required=True,
        ondelete="cascade",
        domain="[('id', '!=', member_id), ('state', '=', 'active')]",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "chain.member" and not values.get("member_id"):
            values["member_id"] = self.env.context.get("active_id")
        return values

    def action_swap(self):
        """Keep the other member instead."""
        self.ensure_one()
        self.write({"member_id": self.removed_member_id.id, "removed_member_id": self.member_id.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_merge(self):
        """Merge ``removed_member_id`` into ``member_id``; open the kept member."""
        self.ensure_one()
        kept, removed = self.member_id, self.removed_member_id
        self._chain_check_merge_rights(kept | removed)
        # sudo: the merge moves rows no role writes (points ledger, tier history, other addons' rows)
        # after the rights of the user on both members were checked above
        self.sudo()._chain_merge(kept.sudo(), removed.sudo(), self.env.user)
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.member",
            "res_id": kept.id,
            "view_mode": "form",
            "target": "current",
        }

    def _chain_check_merge_rights(self, members):
        if not self.env.user.has_group("chain_store.group_chain_store_manager"):
            raise AccessError(_("Only a store manager or a chain manager can merge members."))
        try:
            members.check_access("write")
        except AccessError:
            raise AccessError(
                _("You can merge only members of your stores: ask a manager of both members' stores.")
            ) from None

    # ------------------------------------------------------------------
    # The merge
    # ------------------------------------------------------------------
    def _chain_merge(self, kept, removed, user):
        """Merge ``removed`` (one member) into ``kept``; all or nothing. Returns the audit row."""
        kept.ensure_one()
        removed.ensure_one()
        with self.env.cr.savepoint():
            kept._chain_merge_check(removed)
            self.env.flush_all()
            (kept | removed)._chain_lock()
            details = []
            dropped = self._chain_merge_identities(kept, removed)
            # env._, not _: a comprehension has no ``self`` in its frame to find the language
            details += [
                self.env._(
                    "Identity dropped (the kept member has one of this source): %(platform)s %(id)s",
                    platform=source,
                    id=external_id,
                )
                for source, external_id in dropped
            ]
            moved = self._chain_merge_references(kept, removed)
            orders = self._chain_merge_partner_documents(kept, removed)
            details += [
                self.env._("%(table)s: %(count)s", table=name, count=count)
                for name, count in {**moved, **orders}.items()
            ]
            self.env.flush_all()
            self._chain_merge_ledger(kept)
            mobile, code = removed.mobile, removed.code
            removed._chain_mark_merged(kept)
            tiers = self.env["chain.member.tier"].search([("company_id", "=", kept.company_id.id)])
            kept._chain_set_tiers(tiers, fields.Date.context_today(self))
            log = self.env["chain.member.merge.log"].create(
                {
                    "user_id": user.id,
                    "member_id": kept.id,
                    "removed_member_id": removed.id,
                    "removed_code": code,
                    "removed_mobile": mobile,
                    "moved_rows": sum(moved.values()),
                    "moved_orders": sum(orders.values()),
                    "details": "\n".join(details),
                }
            )
            body = _(
                "Member %(removed)s merged into member %(kept)s by %(user)s: "
                "%(rows)s rows and %(orders)s orders moved.",
                removed=code,
                kept=kept.code,
                user=user.name,
                rows=log.moved_rows,
                orders=log.moved_orders,
            )
            for member in kept | removed:
                member.message_post(body=body, author_id=user.partner_id.id)
            self.env.flush_all()
        return log

    def _chain_merge_identities(self, kept, removed):
        """Drop the removed member's identities of a source the kept member has; ``[(source, id), ...]``."""
        sources = set(kept.identity_ids.mapped("source"))
        clashing = removed.identity_ids.filtered(lambda identity: identity.source in sources)
        dropped = [(identity.source, identity.external_id) for identity in clashing]
        clashing.unlink()
        return dropped

    def _chain_merge_reference_fields(self):
        """The stored relational fields pointing to ``chain.member``: ``[(model, field), ...]``."""
        skipped = {"chain.member.merge.log", "chain.member.duplicate"}
        found = []
        for name in self.env.registry:
            Model = self.env[name]
            if Model._abstract or Model._transient or not Model._auto or Model._table_query or name in skipped:
                continue
            for field in Model._fields.values():
                if (
                    field.type in ("many2one", "many2many")
                    and field.store
                    and field.comodel_name == "chain.member"
                    and not field.company_dependent
                ):
                    found.append((Model, field))
        return found

    def _chain_merge_references(self, kept, removed):
        """Re-point every row of every model that points to ``removed``; ``{"model.field": count}``."""
        counts = {}
        for Model, field in self._chain_merge_reference_fields():
            if field.type == "many2one":
                count = self._chain_move_many2one(Model, field, kept, removed)
            else:
                count = self._chain_move_many2many(field, kept, removed)
            if count:
                counts[f"{Model._name}.{field.name}"] = count
        return counts

    def _chain_move_many2one(self, Model, field, kept, removed):
        self.env.cr.execute(
            SQL("SELECT id FROM %s WHERE %s = %s", SQL.identifier(Model._table), SQL.identifier(field.name), removed.id)
        )
        records = Model.browse([row[0] for row in self.env.cr.fetchall()])
        if not records:
            return 0
        records.modified([field.name])  # the removed member's dependent fields (e.g. its balance)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "UPDATE %s SET %s = %s WHERE id IN %s",
                        SQL.identifier(Model._table),
                        SQL.identifier(field.name),
                        kept.id,
                        tuple(records.ids),
                    )
                )
        except psycopg2.IntegrityError as error:
            raise UserError(
                _(
                    "The merge cannot move the %(model)s rows of the member: %(error)s",
                    model=Model._description,
                    error=error.pgerror,
                )
            ) from None
        records.invalidate_recordset([field.name])
        records.modified([field.name])  # the kept member's
        return len(records)

    def _chain_move_many2many(self, field, kept, removed):
        table, own, other = field.relation, field.column1, field.column2
        query = SQL(
            """
            WITH moved AS (
                UPDATE %(table)s SET %(other)s = %(kept)s
                 WHERE %(other)s = %(removed)s
                   AND NOT EXISTS (
                        SELECT 1 FROM %(table)s same
                         WHERE same.%(own)s = %(table)s.%(own)s AND same.%(other)s = %(kept)s
                   )
                RETURNING 1
            ) SELECT COUNT(*) FROM moved
            """,
            table=SQL.identifier(table),
            other=SQL.identifier(other),
            own=SQL.identifier(own),
            kept=kept.id,
            removed=removed.id,
        )
        self.env.cr.execute(query)
        count = self.env.cr.fetchone()[0]
        self.env.cr.execute(
            SQL("DELETE FROM %s WHERE %s = %s", SQL.identifier(table), SQL.identifier(other), removed.id)
        )
        self.env[field.model_name].invalidate_model([field.name])
        return count

    @api.model
    def _chain_partner_documents(self):
        """Hook: ``[(model, partner field), ...]`` of the documents that follow the member's contact."""
        documents = [("pos.order", "partner_id")]
        if "sale.order" in self.env:
            documents += [
                ("sale.order", "partner_id"),
                ("sale.order", "partner_invoice_id"),
                ("sale.order", "partner_shipping_id"),
            ]
        return documents

    def _chain_merge_partner_documents(self, kept, removed):
        """Move the removed member's contact's documents to the kept contact; ``{"model.field": count}``."""
        counts = {}
        if kept.partner_id == removed.partner_id:
            return counts
        for model, fname in self._chain_partner_documents():
            records = self.env[model].with_context(active_test=False).search([(fname, "=", removed.partner_id.id)])
            if records:
                records.write({fname: kept.partner_id.id})
                counts[f"{model}.{fname}"] = len(records)
        return counts

    def _chain_merge_ledger(self, kept):
        """Keep the merged ledger's invariant: the points left sum to the balance (or to 0 when in debt).

        The two ledgers are kept whole (the balance is their sum); when one of
        the members was in debt, the other's points left pay it, first in first out.
        """
        kept.invalidate_recordset(["points_balance"])
        Line = self.env["chain.member.points.line"]
        rows = Line.search([("member_id", "=", kept.id), ("remaining", ">", 0)], order="expiry_date, date, id")
        excess = sum(rows.mapped("remaining")) - max(kept.points_balance, 0)
        if excess <= 0:
            return
        takes, _shortfall = member_lib.fifo_take([(row, row.remaining) for row in rows], excess)
        for row, take in takes:
            row.remaining -= take
