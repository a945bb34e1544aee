"""A Kingdee EAS WebService client on Odoo's zeep wrapper (``odoo.tools.zeep``), no ORM.

``EASLogin.login`` opens a session; its ``sessionId`` travels on every later call as the
SOAP header ``{http://login.webservice.bos.kingdee.com}SessionId`` (what EAS's Axis
clients send with ``stub.setHeader(...)``). ``WSWSVoucher.importVoucher`` imports vouchers.
A call refused because the session expired logs in again, once, and is repeated.

Nothing here logs a password or a session id: zeep's transport logs whole envelopes at
DEBUG level, so the client gives it a logger that never logs.
"""

import contextlib
import logging
import re

import requests
from lxml import etree

from odoo.tools import zeep

from . import kingdee_protocol as protocol

LOGIN_NS = "http://login.webservice.bos.kingdee.com"
# zeep's transport logs request and response bodies (credentials, session ids): not this one
_SILENT = logging.Logger("chain_account_kingdee.soap.silent", level=logging.CRITICAL + 1)


class KingdeeError(Exception):
    """EAS refused a call (a SOAP fault, a failed login): ``message`` is EAS's text."""

    def __init__(self, message, uncertain=False):
        super().__init__(message)
        self.message = message
        # the request may have reached EAS: a voucher may have been imported
        self.uncertain = uncertain


class KingdeeSession:
    """One login to EAS for a batch of calls; a context manager that logs out at the end.

    ``settings``: ``url`` (the services' base, ``http://host:6888/ormrpc/services/``),
    ``user``, ``password``, ``sln_name``, ``dc_name``, ``language``, ``db_type``,
    ``auth_pattern``, ``timeout`` (seconds).
    """

    def __init__(self, settings):
        self.settings = dict(settings)
        self.session_id = None
        self.logins = 0
        self.login_error = None  # a refused login is not tried again in this session (no lockout)
        self._login_client = None
        self._voucher_client = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.logout()
        return False

    def _client(self, service):
        base = self.settings["url"]
        if not base.endswith("/"):
            base += "/"
        transport = zeep.Transport()
        transport.logger = _SILENT
        timeout = self.settings.get("timeout") or 30
        try:
            return zeep.Client(f"{base}{service}?wsdl", transport=transport, timeout=timeout,
                               operation_timeout=timeout)  # fmt: skip
        except (requests.RequestException, zeep.exceptions.Error, etree.XMLSyntaxError) as error:
            raise KingdeeError(f"Kingdee EAS service {service} is not available: {_short(error)}") from None

    @property
    def login_client(self):
        if self._login_client is None:
            self._login_client = self._client("EASLogin")
        return self._login_client

    @property
    def voucher_client(self):
        if self._voucher_client is None:
            self._voucher_client = self._client("WSWSVoucher")
        return self._voucher_client

    def login(self):
        """Open a session (``EASLogin.login``); raise :class:`KingdeeError` if EAS refuses."""
        if self.login_error:
            raise self.login_error
        s = self.settings
        try:
            context = self._call(
                self.login_client.service.login,
                s.get("user") or "", s.get("password") or "", s.get("sln_name") or "eas", s.get("dc_name") or "",
                s.get("language") or "L2", int(s.get("db_type") or 0), s.get("auth_pattern") or "BaseDB",
            )  # fmt: skip
            session_id = context["sessionId"] if context is not None else None
            if not session_id:
                raise KingdeeError("Kingdee EAS refused the login (no session).")
        except KingdeeError as error:
            self.login_error = error
            raise
        self.session_id = session_id
        self.logins += 1
        return session_id

    def logout(self):
        """Close the session if one is open; errors are ignored (the session times out anyway)."""
        if not self.session_id:
            return
        s = self.settings
        # a failed logout changes nothing: EAS times the session out
        with contextlib.suppress(KingdeeError, requests.RequestException, zeep.exceptions.Error):
            self.login_client.service.logout(
                s.get("user") or "", s.get("sln_name") or "eas", s.get("dc_name") or "", s.get("language") or "L2",
                _soapheaders=[self._session_header()],
            )  # fmt: skip
        self.session_id = None

    def _session_header(self):
        header = etree.Element(f"{{{LOGIN_NS}}}SessionId", nsmap={"ns1": LOGIN_NS})
        header.text = self.session_id or ""
        return header

    def import_vouchers(self, entries, is_verify=0, is_imp_cashflow=0):
        """Send ``entries`` (``WSWSVoucher`` dicts) to ``importVoucher``; EAS's rows as lists of strings.

        Logs in first if needed; if EAS answers that the session expired, logs in once
        more and repeats the call (it was refused, so nothing was imported).
        """
        if not self.session_id:
            self.login()
        for attempt in (1, 2):
            try:
                answer = self._call(
                    self.voucher_client.service.importVoucher,
                    {"item": entries}, int(is_verify or 0), int(is_imp_cashflow or 0),
                    _soapheaders=[self._session_header()], _uncertain=True,
                )  # fmt: skip
            except KingdeeError as error:
                if attempt == 1 and protocol.SESSION_EXPIRED.search(error.message or ""):
                    self.session_id = None
                    self.login()
                    continue
                raise
            return protocol.result_rows(answer)
        return []  # not reached

    @staticmethod
    def _call(operation, *args, _uncertain=False, **kwargs):
        try:
            return operation(*args, **kwargs)
        except zeep.exceptions.Fault as fault:
            raise KingdeeError(_short(fault.message or fault)) from None
        except (requests.ConnectionError, requests.Timeout) as error:
            # a timeout after sending may hide an imported voucher; a refused connection cannot
            sent = _uncertain and not isinstance(error, requests.ConnectTimeout)
            raise KingdeeError(f"Kingdee EAS did not answer: {_short(error)}", uncertain=sent) from None
        except (requests.RequestException, zeep.exceptions.Error, etree.XMLSyntaxError) as error:
            raise KingdeeError(f"Kingdee EAS answered an unreadable message: {_short(error)}",
                               uncertain=_uncertain) from None  # fmt: skip


def _short(error, limit=500):
    """An error's text on one line, without anything that looks like a credential."""
    text = re.sub(r"\s+", " ", str(error)).strip()
    text = re.sub(r"(?i)(password|sessionid)\W*[:=]\s*\S+", r"\1=***", text)
    return text[:limit]
