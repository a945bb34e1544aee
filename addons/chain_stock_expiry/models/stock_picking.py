import datetime

from odoo import Command, _, api, models
from odoo.exceptions import UserError

# product_expiry's switch ``skip_expired`` (skip the confirmation of expired lots) is set by its
# own wizard on the server; sent by a client it is ignored (chain_store's lib/guard.py)


class StockPicking(models.Model):
    _inherit = "stock.picking"
    _chain_guarded_fields = {}  # no field of its own

    # -- receipt gate -------------------------------------------------------

    def _chain_gate_kind(self, line):
        """ "receipt", "transfer" or None: which minimum remaining shelf life ``line`` must meet."""
        source, dest = line.location_id, line.location_dest_id
        if dest.usage != "internal" or not dest.warehouse_id.chain_store_id:
            return None
        if source.usage == "supplier":
            return "receipt"
        if source.usage in ("internal", "transit") and source.warehouse_id != dest.warehouse_id:
            return "transfer"
        return None

    def _chain_short_dated_lines(self):
        """Move lines whose lot has less remaining life than its policy accepts, without a
        recorded reason: ``[(move_line, kind, days_left, fraction)]``."""
        result = []
        for line in self.move_line_ids:
            if line.chain_receipt_exception or line.lot_id.chain_receipt_exception or not line.quantity:
                continue
            kind = self._chain_gate_kind(line)
            if not kind:
                continue
            ok, days_left, fraction = line._chain_remaining_life(kind)
            if not ok:
                result.append((line, kind, days_left, fraction))
        return result

    @api.model
    def _chain_short_dated_message(self, short):
        lines = []
        for line, kind, days_left, fraction in short:
            policy = line._chain_policy()
            value, unit = policy._threshold(kind)
            minimum = _("%s days", int(value)) if unit == "days" else f"{value:g}%"
            life = _("%(days)s days left", days=days_left)
            if fraction is not None:
                life = _("%(days)s days left (%(pct)s%% of the shelf life)", days=days_left, pct=round(fraction * 100))
            lines.append(
                _(
                    "- %(product)s, lot %(lot)s: %(life)s, minimum %(minimum)s",
                    product=line.product_id.display_name,
                    lot=line.lot_id.name or line.lot_name or "?",
                    life=life,
                    minimum=minimum,
                )
            )
        return "\n".join(lines)

    def _pre_action_done_hook(self):
        res = super()._pre_action_done_hook()
        if res is not True:
            return res
        short = self._chain_short_dated_lines()
        if not short:
            return res
        if self.env.user.has_group("chain_stock_expiry.group_chain_expiry_exception"):
            return {
                "type": "ir.actions.act_window",
                "name": _("Short-Dated Goods"),
                "res_model": "chain.receipt.exception.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {
                    "default_picking_ids": [Command.set(self.ids)],
                    "default_move_line_ids": [Command.set([line.id for line, *_rest in short])],
                    "default_summary": self._chain_short_dated_message(short),
                    "button_validate_picking_ids": self.ids,
                },
            }
        raise UserError(self._chain_refusal(short))

    def _chain_refusal(self, short):
        return _(
            "These lots have less remaining shelf life than the policy accepts:\n%(lines)s\n"
            "Refuse them, or ask a user allowed to accept short-dated goods to validate with a reason.",
            lines=self._chain_short_dated_message(short),
        )

    def _action_done(self):
        # The rule holds whatever the entry point (RPC, import, another addon): no short-dated lot
        # enters a store without a reason recorded by a user with the right.
        # a transfer into quarantine takes stock off sale: no shelf-life minimum applies to it
        short = self.filtered(lambda p: not p.location_dest_id.chain_quarantine)._chain_short_dated_lines()
        if short:
            raise UserError(self._chain_refusal(short))
        res = super()._action_done()
        for picking in self:
            excepted = picking.move_line_ids.filtered("chain_receipt_exception")
            for line in excepted:
                line.lot_id.message_post(
                    body=_(
                        "Accepted short-dated on %(picking)s: %(reason)s",
                        picking=picking.name,
                        reason=line.chain_receipt_exception,
                    )
                )
        return res

    # -- GS1 receiving ------------------------------------------------------

    @api.model
    def _chain_gs1_values(self, code, company=None):
        """Decode a GS1-128 / DataMatrix string with Odoo's GS1 nomenclature.

        Returns ``{"product", "gtin", "lot_name", "production_date", "expiration_date", "quantity"}``
        (missing parts absent). Raises UserError, in the user's language, when the code is not
        GS1, is malformed, or names a product the database does not know.
        """
        code = (code or "").strip()
        nomenclature = self.env.ref("barcodes_gs1_nomenclature.default_gs1_nomenclature", raise_if_not_found=False)
        if not code or not nomenclature:
            raise UserError(_("Nothing to read: scan a GS1 code."))
        try:
            parts = nomenclature.sudo().gs1_decompose_extanded(code)  # sudo: nomenclature rules are config
        except Exception as error:  # Odoo raises ValidationError on impossible dates
            raise UserError(_("This GS1 code is malformed (%(code)s): %(error)s", code=code, error=error)) from error
        if not parts:
            raise UserError(_("This is not a valid GS1 code: %s", code))
        by_ai = {part["ai"]: part for part in parts}
        gtin_part = by_ai.get("01") or by_ai.get("02")
        if not gtin_part:
            raise UserError(_("The GS1 code has no product number (AI 01): %s", code))
        gtin = gtin_part["value"]
        candidates = {gtin, gtin.lstrip("0"), gtin[1:] if gtin.startswith("0") else gtin}
        product = self.env["product.product"].search([("barcode", "in", list(candidates))], limit=1)
        if not product:
            raise UserError(_("No product has the GTIN %s.", gtin))
        values = {"product": product, "gtin": gtin}
        if "10" in by_ai:
            values["lot_name"] = by_ai["10"]["value"]
        if "11" in by_ai:
            values["production_date"] = by_ai["11"]["value"]
        if "17" in by_ai:
            values["expiration_date"] = datetime.datetime.combine(by_ai["17"]["value"], datetime.time())
        if "37" in by_ai:
            values["quantity"] = by_ai["37"]["value"]
        if product.tracking != "none" and not values.get("lot_name"):
            raise UserError(_("%s is tracked by lot: the GS1 code must carry the lot (AI 10).", product.display_name))
        return values

    def chain_receive_gs1(self, code):
        """Fill this receipt from a scanned GS1 code: product, lot, production and expiry dates,
        quantity (AI 37, else 1). The product must be expected on the receipt. Returns the move
        line. Nothing changes when the code is refused."""
        self.ensure_one()
        if self.state in ("done", "cancel"):
            raise UserError(_("%s is already done or cancelled.", self.name))
        values = self._chain_gs1_values(code, self.company_id)
        product = values["product"]
        move = self.move_ids.filtered(lambda m: m.product_id == product and m.state not in ("done", "cancel"))[:1]
        if not move:
            raise UserError(
                _("%(product)s is not expected on %(picking)s.", product=product.display_name, picking=self.name)
            )
        quantity = values.get("quantity") or 1
        lot_name = values.get("lot_name")
        lines = move.move_line_ids
        line = lines.filtered(lambda ml: lot_name and (ml.lot_name == lot_name or ml.lot_id.name == lot_name))[:1]
        vals = {}
        if values.get("production_date"):
            vals["chain_production_date"] = values["production_date"]
        if values.get("expiration_date"):
            vals["expiration_date"] = values["expiration_date"]
        if line:
            vals["quantity"] = line.quantity + quantity
            line.write(vals)
            return line
        line = lines.filtered(lambda ml: not ml.lot_name and not ml.lot_id)[:1]
        existing = (
            self.env["stock.lot"].search(
                [
                    ("name", "=", lot_name),
                    ("product_id", "=", product.id),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                limit=1,
            )
            if lot_name
            else self.env["stock.lot"]
        )
        vals.update({"quantity": quantity, "picked": True})
        if existing:
            vals["lot_id"] = existing.id
        elif lot_name:
            vals["lot_name"] = lot_name
        if line:
            line.write(vals)
            return line
        vals.update(move._prepare_move_line_vals(quantity=quantity))
        vals["quantity"] = quantity
        return self.env["stock.move.line"].create(vals)

    def action_chain_gs1_scan(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Scan GS1 Code"),
            "res_model": "chain.gs1.scan.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }
