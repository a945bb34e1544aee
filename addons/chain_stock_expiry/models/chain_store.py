from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models


class ChainStore(models.Model):
    _inherit = "chain.store"
    _chain_guarded_fields = {}  # no field of its own

    @api.model_create_multi
    def create(self, vals_list):
        stores = super().create(vals_list)
        stores.warehouse_id._chain_quarantine_location()
        return stores

    def write(self, vals):
        res = super().write(vals)
        if vals.get("warehouse_id"):
            self.warehouse_id._chain_quarantine_location()
        return res

    def action_chain_expiry_worklist(self):
        """The near-expiry worklist of this store."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_expiry.chain_expiry_worklist_action")
        action["domain"] = [("store_id", "=", self.id)]
        action["context"] = {"search_default_on_shelf": 1}
        return action

    def action_chain_stock_sellable(self):
        """The sellable stock of this store, per product."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_expiry.chain_stock_sellable_action")
        action["domain"] = [("store_id", "=", self.id)]
        return action

    # -- daily near-expiry digest ----------------------------------------------

    @api.model
    def _chain_expiry_changes(self, stores, since):
        """Lots of ``stores`` that entered a stage since ``since``:
        ``{store_id: [(stage, lot, qty)]}`` (one entry per lot and stage, latest stage only)."""
        now = fields.Datetime.now()
        Worklist = self.env["chain.expiry.worklist"].sudo()  # sudo: the cron reads every store's rows
        groups = Worklist._read_group(
            [("store_id", "in", stores.ids), ("in_quarantine", "=", False)],
            ["store_id", "lot_id", "stage"],
            ["quantity:sum"],
        )
        stage_field = {
            "near": "alert_date",
            "last_sale": "chain_last_sale_date",
            "removal": "removal_date",
            "expired": "expiration_date",
        }
        changes = {}
        for store, lot, stage, qty in groups:
            entered = lot[stage_field[stage]]
            if entered and since < entered <= now:
                changes.setdefault(store.id, []).append((stage, lot, qty))
        return changes

    @api.model
    def _chain_cron_expiry_digest(self):
        """One activity per store manager per day: counts per stage in each of their stores
        and the lots that changed stage in the last day. An activity already created today is
        updated, not duplicated."""
        stores = self.search([("manager_id", "!=", False), ("state", "!=", "closed")])
        if not stores:
            return
        since = fields.Datetime.now() - timedelta(days=1)
        totals = (
            self.env["chain.expiry.worklist"]
            .sudo()
            ._read_group(
                [("store_id", "in", stores.ids)], ["store_id", "stage"], ["__count", "quantity:sum", "value:sum"]
            )
        )
        per_store = {}
        for store, stage, count, qty, value in totals:
            per_store.setdefault(store.id, []).append((stage, count, qty, value))
        changes = self._chain_expiry_changes(stores, since)
        activity_type = self.env.ref("chain_stock_expiry.mail_activity_type_expiry_digest")
        for manager, managed in stores.grouped("manager_id").items():
            managed = managed.filtered(lambda s: s.id in per_store)
            if not managed:
                continue
            note = (
                managed.with_user(manager).with_context(lang=manager.lang)._chain_expiry_digest_note(per_store, changes)
            )
            target = managed[0]
            existing = self.env["mail.activity"].search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "=", manager.id),
                    ("res_model", "=", self._name),
                    ("date_deadline", "=", fields.Date.context_today(self)),
                ],
                limit=1,
            )
            if existing:
                existing.note = note
            else:
                target.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=manager.id,
                    note=note,
                    date_deadline=fields.Date.context_today(self),
                )

    def _chain_expiry_digest_note(self, per_store, changes):
        stage_labels = dict(self.env["chain.expiry.worklist"]._fields["stage"]._description_selection(self.env))
        parts = []
        for store in self:
            items = "".join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(stage)s: %(count)s lots, %(qty)s units, value %(value)s",
                    stage=stage_labels[stage],
                    count=count,
                    qty=round(qty, 2),
                    value=round(value, 2),
                )
                for stage, count, qty, value in sorted(per_store.get(store.id, []))
            )
            changed = "".join(
                Markup("<li>%s</li>")
                % self.env._(
                    "%(lot)s (%(product)s) is now: %(stage)s, %(qty)s units",
                    lot=lot.name,
                    product=lot.product_id.display_name,
                    stage=stage_labels[stage],
                    qty=round(qty, 2),
                )
                for stage, lot, qty in changes.get(store.id, [])
            )
            parts.append(Markup("<p><b>%s</b></p><ul>%s</ul>") % (store.display_name, Markup(items)))
            if changed:
                parts.append(Markup("<p>%s</p><ul>%s</ul>") % (_("Changed since yesterday:"), Markup(changed)))
        return Markup("").join(parts)
