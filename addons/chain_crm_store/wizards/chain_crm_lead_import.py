import base64
import binascii
import csv
import io
import logging
import zipfile

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import lead_import as import_lib

_logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024

SOURCES = [("event", "Event Attendees"), ("channel", "Channel Followers")]


class ChainCrmLeadImport(models.TransientModel):
    """Leads from a spreadsheet (xlsx or csv): the attendees of an event, or a channel's followers.

    Columns (English or Chinese headers): name 姓名, mobile 手机号, due date 预产期,
    hospital 医院, consent 同意, referrer 推荐人 (a member code). Each row is one of:
    created (a new lead of the store), linked (the mobile is already an open lead's or
    a member's: not created again, linked to the event), or refused with its reason;
    the good rows are imported whatever the bad ones.
    """

    _name = "chain.crm.lead.import"
    _description = "Import Leads from a Spreadsheet"
    _chain_guarded_fields = {}  # a wizard: nothing outlives it

    store_id = fields.Many2one(
        "chain.store", string="Store", required=True, default=lambda self: self.env.user.chain_store_id
    )
    event_id = fields.Many2one("chain.crm.event", string="Event", domain="[('chain_store_id', '=', store_id)]")
    source_kind = fields.Selection(SOURCES, string="People from", required=True, default="event")
    file = fields.Binary(string="Spreadsheet", attachment=False, help="An .xlsx or .csv file with a header row.")
    filename = fields.Char()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft", required=True)
    line_ids = fields.One2many("chain.crm.lead.import.line", "wizard_id", string="Rows")
    created_count = fields.Integer(string="Created", compute="_compute_counts")
    linked_count = fields.Integer(string="Already Known", compute="_compute_counts")
    error_count = fields.Integer(string="Refused", compute="_compute_counts")

    @api.depends("line_ids.outcome")
    def _compute_counts(self):
        for wizard in self:
            outcomes = wizard.line_ids.mapped("outcome")
            wizard.created_count = outcomes.count("created")
            wizard.linked_count = outcomes.count("linked_lead") + outcomes.count("linked_member")
            wizard.error_count = outcomes.count("error")

    @api.onchange("event_id")
    def _onchange_event_id(self):
        if self.event_id:
            self.store_id = self.event_id.chain_store_id
            self.source_kind = "event"

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------
    def _chain_read_sheet(self):
        """The rows of the file (lists of cells), the header first; a translated ``UserError`` otherwise."""
        try:
            data = base64.b64decode(self.file or b"", validate=False)
        except (binascii.Error, ValueError):
            raise UserError(_("The file could not be read.")) from None
        if not data:
            raise UserError(_("Choose a spreadsheet to import."))
        if len(data) > MAX_FILE_BYTES:
            raise UserError(_("The file is too large (at most %s MB).", MAX_FILE_BYTES // (1024 * 1024)))
        if data[:2] == b"PK":
            return self._chain_read_xlsx(data)
        return self._chain_read_csv(data)

    def _chain_read_xlsx(self, data):
        import openpyxl  # pylint: disable=import-outside-toplevel

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = []
            for row in sheet.iter_rows(values_only=True):
                rows.append(list(row))
                if len(rows) > import_lib.MAX_ROWS + 1:
                    break
            workbook.close()
        except (zipfile.BadZipFile, KeyError, ValueError, IndexError, OSError, TypeError):
            raise UserError(_("The file is not a readable Excel workbook (.xlsx).")) from None
        return rows

    def _chain_read_csv(self, data):
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise UserError(_("The file is neither an Excel workbook nor a CSV file in UTF-8 or GB18030."))
        if "\x00" in text:
            raise UserError(_("The file is neither an Excel workbook nor a CSV file in UTF-8 or GB18030."))
        first_line = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first_line.count)
        try:
            rows = []
            for row in csv.reader(io.StringIO(text), delimiter=delimiter):
                rows.append(row)
                if len(rows) > import_lib.MAX_ROWS + 1:
                    break
        except csv.Error:
            raise UserError(_("The CSV file could not be read.")) from None
        return rows

    # ------------------------------------------------------------------
    # Import
    # ------------------------------------------------------------------
    def _chain_check_import_allowed(self):
        user = self.env.user
        if not (self.env.su or user.has_group("chain_store.group_chain_manager")):
            visible = user.chain_visible_store_ids
            if not user.has_group("chain_store.group_chain_store_user") or self.store_id not in visible:
                raise AccessError(_("You can only import leads into your own stores."))
        if self.event_id and self.event_id.chain_store_id != self.store_id:
            raise UserError(_("The event %s is not of the chosen store.", self.event_id.display_name))

    def _chain_problem_message(self, code):
        return {
            "name_missing": _("The name is missing."),
            "name_too_long": _("The name is too long (at most %s characters).", import_lib.MAX_NAME),
            "mobile_missing": _("The mobile number is missing."),
            "due_date_invalid": _("The due date is not a date."),
            "hospital_too_long": _("The hospital's name is too long."),
            "referrer_too_long": _("The referrer's member code is too long."),
            "consent_missing": _("No consent: a person who did not agree to be contacted is not imported."),
        }.get(code, code)

    def action_import(self):
        """Read the file, create the new leads, link the known people, list every row's outcome."""
        self.ensure_one()
        if self.state != "draft":
            raise UserError(_("This file has already been imported."))
        self._chain_check_import_allowed()
        if self.source_kind == "event" and not self.event_id:
            raise UserError(_("Choose the event whose attendees you import."))
        rows = self._chain_read_sheet()
        while rows and import_lib.is_blank(rows[0]):
            rows.pop(0)
        if not rows:
            raise UserError(_("The file is empty."))
        columns = import_lib.column_map(rows[0])
        missing = import_lib.missing_columns(columns)
        if missing:
            raise UserError(
                _(
                    "The file has no column %(columns)s. Expected headers: name, mobile, due date, hospital, "
                    "consent, referrer (or 姓名, 手机号, 预产期, 医院, 同意, 推荐人).",
                    columns=", ".join(missing),
                )
            )
        data_rows = rows[1:]
        if len(data_rows) > import_lib.MAX_ROWS:
            raise UserError(_("The file has more than %s rows: split it.", import_lib.MAX_ROWS))
        lines = self._chain_import_rows(data_rows, columns)
        self.write({"state": "done", "line_ids": [fields.Command.create(vals) for vals in lines]})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import Result"),
        }

    def _chain_import_rows(self, data_rows, columns):
        """The result lines' values of ``data_rows``; creates and links what it can."""
        Lead = self.env["crm.lead"]
        store = self.store_id
        company = store.company_id
        parsed, lines, seen = [], [], {}
        for number, row in enumerate(data_rows, start=2):
            if import_lib.is_blank(row):
                continue
            values, problems = import_lib.read_row(row, columns)
            reasons = [self._chain_problem_message(code) for code in problems]
            line = {"row": number, "name": values["name"][:100], "mobile": values["mobile"][:40]}
            if values["mobile"]:
                values["mobile"], message = Lead._chain_intake_mobile_message(values["mobile"])
                if message:
                    reasons.append(message)
                elif values["mobile"] in seen:
                    reasons.append(_("The same mobile number is on row %s.", seen[values["mobile"]]))
                else:
                    seen[values["mobile"]] = number
            if values["due_date"]:
                message = Lead._chain_intake_due_date_message(values["due_date"])
                if message:
                    reasons.append(message)
            if reasons:
                lines.append(dict(line, outcome="error", reason="\n".join(reasons)))
                continue
            parsed.append((line, values))
        holders = Lead._chain_intake_holders(company, [values["mobile"] for _line, values in parsed])
        codes = {values["referrer"] for _line, values in parsed if values["referrer"]}
        referrers = {code: Lead._chain_intake_referrer(company, code) for code in codes}
        consent_text = company.chain_crm_form_consent_text
        to_create, linked_leads, linked_members = [], self.env["crm.lead"], self.env["chain.member"]
        for line, values in parsed:
            holder = holders.get(values["mobile"])
            if holder and holder._name == "chain.member":
                linked_members |= holder
                lines.append(dict(line, outcome="linked_member", reason=_("Already a member: not created again.")))
                continue
            if holder:
                linked_leads |= holder
                lines.append(dict(line, outcome="linked_lead", reason=_("Already an open lead: not created again.")))
                continue
            referrer = referrers.get(values["referrer"]) if values["referrer"] else None
            if values["referrer"] and not referrer:
                lines.append(
                    dict(line, outcome="error", reason=_("No member has the code %s.", values["referrer"][:64]))
                )
                continue
            source = "referral" if referrer and self.source_kind != "event" else self.source_kind
            vals = Lead._chain_prepare_intake_vals(
                store, values, source, consent_text, referrer=referrer, event=self.event_id or None
            )
            to_create.append((line, vals))
        lines += self._chain_create_leads(to_create)
        if self.event_id and (linked_leads or linked_members):
            # sudo: the attendee may be a lead or member of another store of the company, which the
            # importer cannot read; only the event's links are written
            self.event_id.sudo().write(
                {
                    "attendee_lead_ids": [fields.Command.link(lead.id) for lead in linked_leads],
                    "attendee_member_ids": [fields.Command.link(member.id) for member in linked_members],
                }
            )
        return sorted(lines, key=lambda line: line["row"])

    def _chain_create_leads(self, to_create):
        """Create the leads in one batch; when the batch fails, row by row (the failing rows say why)."""
        if not to_create:
            return []
        Lead = self.env["crm.lead"]
        try:
            with self.env.cr.savepoint():
                leads = Lead.create([vals for _line, vals in to_create])
            pairs = zip(to_create, leads, strict=True)
            return [dict(line, outcome="created", lead_id=lead.id) for (line, _vals), lead in pairs]
        except (UserError, ValidationError, AccessError):
            _logger.info("Lead import: the batch failed, importing row by row")
        lines = []
        for line, vals in to_create:
            try:
                with self.env.cr.savepoint():
                    lead = Lead.create(vals)
                lines.append(dict(line, outcome="created", lead_id=lead.id))
            except (UserError, ValidationError, AccessError) as error:
                lines.append(dict(line, outcome="error", reason=str(error.args[0] if error.args else error)))
        return lines
