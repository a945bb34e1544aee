from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.hr_attendance.controllers.main import HrAttendance

from ..models.hr_attendance import kiosk_store


class ChainHrAttendance(HrAttendance):
    """Odoo's public attendance kiosk, opened with a store's token, serves that store only.

    A store token (``chain.store.attendance_kiosk_key``) stands for its company in Odoo's
    routes, and every route then keeps to the store's employees: the list shows only them, a
    badge or a PIN of another store's employee is refused with a message, and the attendances
    are recorded in the store. A company token keeps Odoo's behaviour.
    """

    @staticmethod
    def _get_company(token):
        company = HrAttendance._get_company(token)
        if not company:
            company = request.env["chain.store"]._chain_kiosk_store(token).company_id
        return company

    @staticmethod
    def _chain_store(token):
        return request.env["chain.store"]._chain_kiosk_store(token)

    @staticmethod
    def _chain_refuse(store):
        raise UserError(_("This employee does not work in store %s: use the kiosk of their own store.", store.name))

    @http.route()
    def open_kiosk_mode(self, token, from_trial_mode=False):
        store = self._chain_store(token)
        if store:
            from_trial_mode = False  # the trial settings screen changes the company's kiosk
        response = super().open_kiosk_mode(token, from_trial_mode=from_trial_mode)
        if store and getattr(response, "qcontext", None):
            info = response.qcontext["kiosk_backend_info"]
            info["company_name"] = store.name
            if info.get("kiosk_mode") == "settings":
                info["kiosk_mode"] = store.company_id.attendance_kiosk_mode
            info["departments"] = self._chain_store_departments(store)
        return response

    @staticmethod
    def _chain_store_departments(store):
        # sudo: the public kiosk lists the departments of the store's staff (names and counts)
        groups = (
            request.env["hr.employee"]
            .sudo()
            ._read_group(
                [("chain_store_id", "=", store.id), ("department_id", "!=", False)], ["department_id"], ["__count"]
            )
        )
        return [{"id": dep.id, "name": dep.name, "count": count} for dep, count in groups]

    @http.route()
    def employee_attendance_data(self, token, employee_id):
        store = self._chain_store(token)
        if store:
            # sudo: the public kiosk reads the employee the tablet's user tapped
            employee = request.env["hr.employee"].sudo().browse(int(employee_id)).exists()
            if employee.chain_store_id != store:
                self._chain_refuse(store)
        return super().employee_attendance_data(token, employee_id)

    @http.route()
    def scan_barcode(self, token, barcode):
        store = self._chain_store(token)
        if not store:
            return super().scan_barcode(token, barcode)
        # sudo: the public kiosk finds the badge's owner among the company's employees
        employee = (
            request.env["hr.employee"]
            .sudo()
            .search([("barcode", "=", barcode), ("company_id", "=", store.company_id.id)], limit=1)
        )
        if employee and employee.chain_store_id != store:
            self._chain_refuse(store)
        with kiosk_store(store.id):
            return super().scan_barcode(token, barcode)

    @http.route()
    def manual_selection_with_geolocation(self, token, employee_id, pin_code, latitude=False, longitude=False):
        store = self._chain_store(token)
        if not store:
            return super().manual_selection_with_geolocation(token, employee_id, pin_code, latitude, longitude)
        # sudo: the public kiosk checks the selected employee's store before their PIN
        employee = request.env["hr.employee"].sudo().browse(int(employee_id)).exists()
        if employee.chain_store_id != store:
            self._chain_refuse(store)
        with kiosk_store(store.id):
            return super().manual_selection_with_geolocation(token, employee_id, pin_code, latitude, longitude)

    @http.route()
    def employees_infos(self, token, limit, offset, domain):
        store = self._chain_store(token)
        if store:
            domain = expression.AND([domain or [], [("chain_store_id", "=", store.id)]])
        return super().employees_infos(token, limit, offset, domain)

    @http.route()
    def set_user_barcode(self, token, barcode):
        if self._chain_store(token):
            return False  # first-run setup of a fresh database: not from a store's kiosk
        return super().set_user_barcode(token, barcode)

    @http.route()
    def set_attendance_settings(self, token, mode):
        if self._chain_store(token):
            return False  # a store's kiosk follows the company's kiosk settings
        return super().set_attendance_settings(token, mode)
