from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.float_utils import float_compare, float_is_zero


class ChainStockTransferReceiveWizard(models.TransientModel):
    """The receiving store counts what arrived, lot by lot; differences become discrepancies."""

    _name = "chain.stock.transfer.receive.wizard"
    _description = "Receive an Inter-Store Transfer"
    _chain_guarded_fields = {}  # receives through the transfer's own method

    transfer_id = fields.Many2one("chain.stock.transfer", required=True, readonly=True)
    line_ids = fields.One2many("chain.stock.transfer.receive.line", "wizard_id", string="Lines")
    note = fields.Text(help="Anything worth saying about this delivery (driver, packaging...).")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        transfer = self.env["chain.stock.transfer"].browse(
            res.get("transfer_id") or self.env.context.get("default_transfer_id")
        )
        if transfer and "line_ids" in fields_list:
            # the lots shipped are shown to those who may see the transfer (the sudo below reads
            # the shared transit location, not any transfer named in the context)
            transfer.check_access("read")
            # sudo: the shipped lots wait in the shared transit location
            res["line_ids"] = [
                Command.create(
                    {
                        "product_id": ml.product_id.id,
                        "lot_id": ml.lot_id.id,
                        "shipped_qty": ml.quantity,
                        "received_qty": ml.quantity,
                        "is_extra": False,
                    }
                )
                for ml in transfer.sudo().receipt_picking_id.move_line_ids
            ]
        return res

    def action_confirm(self):
        self.ensure_one()
        transfer = self.transfer_id
        if transfer.state != "in_transit":
            raise UserError(_("Transfer %s is not in transit.", transfer.name))
        transfer._chain_check_store_side(transfer.dest_store_id)
        transfer.check_access("write")
        self._chain_check_lines()
        # sudo: receiving reads the sending store and the shared transit location, and records
        # discrepancies for both stores; the receiving user's rights were checked above (uid kept)
        wizard = self.sudo()
        transfer = transfer.sudo()
        plan = wizard._chain_plan()
        wizard._chain_book(plan)
        discrepancies = self.env["chain.stock.transfer.discrepancy"].sudo().create(plan["discrepancies"])
        transfer._chain_mark_received()
        if self.note:
            transfer.message_post(body=self.note)
        transfer.activity_feedback(["mail.mail_activity_data_todo"])
        if discrepancies:
            discrepancies._chain_assign()
            transfer.message_post(
                body=_("Received with %s discrepancies; both store managers must settle them.", len(discrepancies))
            )
        return self.transfer_id.action_view_discrepancies() if discrepancies else True

    def _chain_check_lines(self):
        for line in self.line_ids:
            name = line.product_id.display_name
            if line.received_qty < 0 or line.damaged_qty < 0:
                raise UserError(_("%s: quantities cannot be negative.", name))
            if (
                float_compare(line.damaged_qty, line.received_qty, precision_rounding=line.product_id.uom_id.rounding)
                > 0
            ):
                raise UserError(_("%s: more damaged than received.", name))
            if line.is_extra and line.product_id.tracking != "none" and not line.lot_name:
                raise UserError(_("%s is tracked by lot: give the lot of the goods received.", name))

    def _chain_plan(self):
        """What to book and which discrepancies to record, from the counted lines.

        Returns ``{"book": [(move_line, good_qty, damaged_qty)], "discrepancies": [vals]}``.
        Per shipped lot: what arrived up to the shipped quantity is booked (the damaged part
        into quarantine), the rest stays in transit as *missing*, more than shipped is *extra*.
        Goods of a lot that was not shipped are first matched with the missing quantity of the
        same product as a *wrong lot*.
        """
        transfer = self.transfer_id  # run as superuser by action_confirm (shared transit location)
        transit = transfer.receipt_picking_id.location_id
        quarantine = transfer.dest_store_id.warehouse_id.sudo()._chain_quarantine_location()
        counted = defaultdict(lambda: [0.0, 0.0])  # lot id -> [received, damaged]
        extras = []
        for line in self.line_ids:
            if line.is_extra:
                if line.received_qty > 0:
                    extras.append(line)
            else:
                counted[line.lot_id.id][0] += line.received_qty
                counted[line.lot_id.id][1] += line.damaged_qty
        book, discrepancies = [], []
        missing = defaultdict(list)  # product id -> [[lot, qty]]

        def vals(kind, product, qty, lot=None, location=None, received_lot=None, received_name=None):
            return {
                "transfer_id": transfer.id, "kind": kind, "product_id": product.id, "quantity": qty,
                "lot_id": lot.id if lot else False, "location_id": location.id if location else False,
                "received_lot_id": received_lot.id if received_lot else False,
                "received_lot_name": received_name or (received_lot.name if received_lot else False),
            }  # fmt: skip

        for ml in transfer.receipt_picking_id.move_line_ids:
            rounding = ml.product_id.uom_id.rounding
            received, damaged = counted.pop(ml.lot_id.id, [0.0, 0.0])
            booked = min(received, ml.quantity)
            damaged_booked = min(damaged, booked)
            book.append((ml, booked - damaged_booked, damaged_booked))
            if not float_is_zero(damaged_booked, precision_rounding=rounding):
                discrepancies.append(vals("damaged", ml.product_id, damaged_booked, ml.lot_id, quarantine))
            if float_compare(received, ml.quantity, precision_rounding=rounding) > 0:
                discrepancies.append(vals("extra", ml.product_id, received - ml.quantity, received_lot=ml.lot_id))
            elif float_compare(received, ml.quantity, precision_rounding=rounding) < 0:
                missing[ml.product_id.id].append([ml.lot_id, ml.quantity - received])
        for line in extras:
            qty = line.received_qty
            for entry in missing.get(line.product_id.id, []):
                matched = min(qty, entry[1])
                if matched <= 0:
                    continue
                discrepancies.append(
                    vals("wrong_lot", line.product_id, matched, entry[0], transit, received_name=line.lot_name)
                )
                entry[1] -= matched
                qty -= matched
            if qty > 0:
                discrepancies.append(vals("extra", line.product_id, qty, received_name=line.lot_name))
        for product_id, entries in missing.items():
            product = self.env["product.product"].browse(product_id)
            for lot, qty in entries:
                if not float_is_zero(qty, precision_rounding=product.uom_id.rounding):
                    discrepancies.append(vals("missing", product, qty, lot, transit))
        return {"book": book, "discrepancies": discrepancies, "quarantine": quarantine}

    def _chain_book(self, plan):
        """Validate the receipt: good goods to the shelf, damaged ones to quarantine, the rest
        left in transit (no backorder)."""
        transfer = self.transfer_id
        # sudo: the receipt takes goods out of the shared transit location (rights checked by the caller)
        picking = transfer.receipt_picking_id.sudo()
        MoveLine = self.env["stock.move.line"].sudo()
        damaged_moves = {}
        for ml, good, damaged in plan["book"]:
            ml.quantity = good
            if damaged:
                move = damaged_moves.get(ml.move_id)
                if not move:
                    move = ml.move_id.copy(
                        {
                            "picking_id": picking.id,
                            "product_uom_qty": 0.0,
                            "location_dest_id": plan["quarantine"].id,
                            "chain_transfer_line_id": ml.move_id.chain_transfer_line_id.id,
                        }
                    )
                    move._action_confirm(merge=False)
                    damaged_moves[ml.move_id] = move
                move.product_uom_qty += damaged
                MoveLine.create(
                    {
                        "move_id": move.id,
                        "picking_id": picking.id,
                        "product_id": ml.product_id.id,
                        "product_uom_id": ml.product_uom_id.id,
                        "lot_id": ml.lot_id.id,
                        "quantity": damaged,
                        "location_id": ml.location_id.id,
                        "location_dest_id": plan["quarantine"].id,
                    }
                )
        picking.move_line_ids.filtered(lambda line: not line.quantity).unlink()
        if not picking.move_line_ids:
            picking.action_cancel()
            return
        picking.move_ids.picked = True
        picking.with_context(cancel_backorder=True)._action_done()
