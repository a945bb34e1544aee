import base64
from decimal import Decimal

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import bureau_xml


class ChainFapiaoImportWizard(models.TransientModel):
    """Import the tax bureau's issued-invoice file: fill the numbers of the register entries
    "to issue" that match a row (buyer and amounts); list the rows left and why."""

    _name = "chain.fapiao.import.wizard"
    _description = "Import Issued Fapiao"
    _chain_guarded_fields = {}  # a transient form of the accountant

    data_file = fields.Binary(string="Issued-Invoice File (XML)", required=True)
    filename = fields.Char()
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)
    done = fields.Boolean(readonly=True)
    matched_count = fields.Integer(readonly=True)
    skipped_count = fields.Integer(string="Already Registered", readonly=True)
    result = fields.Text(string="Rows Not Matched", readonly=True)

    def action_import(self):
        """Read the file and fill the register; the wizard shows the outcome."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accountants import issued fapiao."))
        if len(self) != 1 or not self.data_file:
            raise UserError(_("Choose the tax bureau's file first."))
        try:
            rows = bureau_xml.parse(base64.b64decode(self.data_file))
        except bureau_xml.BureauFileError as exc:
            raise UserError(_("This is not a tax bureau's issued-invoice file (XML): %s", exc)) from exc
        Fapiao = self.env["chain.fapiao"]
        known = set(Fapiao.search([("company_id", "=", self.company_id.id), ("number", "!=", False)]).mapped("number"))
        to_issue = Fapiao.search(
            [("company_id", "=", self.company_id.id), ("state", "=", "to_issue"), ("number", "=", False)],
            order="id",
        )
        candidates = [
            {
                "id": f.id,
                "buyer_vat": f.partner_id.commercial_partner_id.vat,
                "buyer_name": f.partner_id.commercial_partner_id.name,
                "total": Decimal(str(f.amount_total)),
                "tax": Decimal(str(f.amount_tax)),
            }
            for f in to_issue
        ]
        matches, skipped, unmatched = bureau_xml.match(rows, candidates, known)
        reasons = {
            "no_number": _("no fapiao number"),
            "no_amount": _("no total amount"),
            "no_candidate": _("no fapiao to issue with this buyer and amount"),
        }
        lines = []
        count = 0
        for row, fapiao_id in matches:
            fapiao = Fapiao.browse(fapiao_id)
            code = None  # the bureau lists digital fapiao: no code
            message = fapiao._chain_number_error(row["number"], code, row["date"])
            if message:
                lines.append(_("%(number)s: %(reason)s", number=row["number"], reason=message))
                continue
            fapiao._chain_issue(row["number"], code, row["date"] or fields.Date.context_today(self))
            count += 1
        for row, reason in unmatched:
            lines.append(
                _(
                    "%(number)s (%(buyer)s, %(total)s): %(reason)s",
                    number=row.get("number") or "-",
                    buyer=row.get("buyer_name") or "-",
                    total=row.get("total") if row.get("total") is not None else "-",
                    reason=reasons[reason],
                )
            )
        self.write({"done": True, "matched_count": count, "skipped_count": len(skipped), "result": "\n".join(lines)})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
