"""A local Kingdee EAS WebService server for tests, demos and scripts (stdlib + lxml).

It serves, over real HTTP, the two services the ledger feed uses, each with its WSDL at
``?wsdl``, shaped like EAS's Axis services (``/ormrpc/services/<Service>``, rpc style,
session id in the ``{http://login.webservice.bos.kingdee.com}SessionId`` SOAP header):

- ``EASLogin``: ``login(userName, password, slnName, dcName, language, dbType,
  authPattern)`` returns a ``WSContext`` with a ``sessionId`` (bad credentials: a SOAP
  fault); ``logout(userName, slnName, dcName, language)``;
- ``WSWSVoucher``: ``importVoucher(voucherCols, isVerify, isImpCashflow)`` takes an array
  of ``WSWSVoucher`` entries, groups them by voucher number and validates each voucher
  (known company and accounts, one header per voucher, amounts matching the direction,
  debit = credit, unique number per company, period and voucher type). It answers a
  ``String[][]``, one ``[voucherNumber, status, message]`` row per voucher (``0000``:
  imported) and records the imported vouchers (:attr:`KingdeeSimulator.vouchers`).

A session expires after ``session_calls`` calls or ``session_seconds`` seconds (a SOAP
fault naming the session); :meth:`KingdeeSimulator.fail_next` makes the next imports
answer a SOAP fault. ``GET /_sim/vouchers`` lists the imported vouchers as JSON.

Run alone: ``python3 kingdee_simulator.py --port 18394`` prints one JSON line with the
URL and credentials, then serves until interrupted.

Differences from EAS (see the addon's readme): EAS's Axis services are rpc/encoded
(SOAP-ENC arrays); this server describes and reads them rpc/literal, which zeep handles
fully. The answer's row layout is the simulator's convention.
"""

import argparse
import itertools
import json
import sys
import threading
import time
import uuid
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from lxml import etree

try:
    from .kingdee_wsdl import LOGIN_WSDL, VOUCHER_WSDL
except ImportError:  # run alone as a script: ``python3 kingdee_simulator.py``
    from kingdee_wsdl import LOGIN_WSDL, VOUCHER_WSDL

SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
LOGIN_NS = "http://login.webservice.bos.kingdee.com"
VOUCHER_NS = "http://webservice.app.gl.fi.eas.kingdee.com"
CLIENT_NS = "urn:client"
VOUCHER_BEAN_NS = "urn:client.wswsvoucher"
HEADER_FIELDS = ("companyNumber", "bookedDate", "bizDate", "periodYear", "periodNumber", "voucherType")
STRING_FIELDS = (
    "companyNumber", "bookedDate", "bizDate", "voucherType", "voucherNumber", "voucherAbstract",
    "accountNumber", "currencyNumber", "creator", "attaches", "asstActType1", "asstActNumber1",
    "asstActName1", "asstActType2", "asstActNumber2", "asstActName2",
)  # fmt: skip
INT_FIELDS = ("periodYear", "periodNumber", "entrySeq", "entryDC", "asstSeq")
DOUBLE_FIELDS = ("localRate", "originalAmount", "debitAmount", "creditAmount", "qty", "price")
# the chart the simulator knows when run alone: the codes of Odoo's l10n_cn chart (small enterprises'
# standards, 小企业会计准则), so that a demo company on that chart maps each account to its own code
DEMO_ACCOUNTS = (
    "1001", "1002", "1003", "1012", "101201", "101202", "1101", "1121", "1122", "112201", "1123", "1131",
    "1132", "1221", "122101", "122102", "1231", "1401", "1402", "140201", "140202", "1403", "1404", "1405",
    "1406", "140601", "1407", "1408", "1411", "1421", "1501", "1511", "1601", "1602", "1604", "1605", "1606",
    "1621", "1622", "1701", "1702", "1801", "1802", "1901", "2001", "2201", "2202", "2203", "2211", "2221",
    "222101", "2231", "2232", "2241", "2301", "2401", "2501", "2701", "2801", "3001", "3002", "3101", "3103",
    "3104", "4001", "4101", "4301", "4401", "4403", "5001", "5051", "5111", "5301", "530101", "530102",
    "530103", "530104", "5401", "5402", "5403", "540301", "540302", "540303", "540304", "540305", "540306",
    "540307", "540308", "540309", "540310", "540311", "540312", "5601", "560101", "560102", "5602", "560201",
    "560202", "560203", "5603", "560301", "560302", "560303", "560304", "5711", "571101", "571102", "571103",
    "571104", "571105", "5801",
)  # fmt: skip
DEMO_COMPANY = "01"
DEMO_USER = ("chain", "chain-kingdee")


class SoapFault(Exception):
    """Answered as a SOAP 1.1 fault (``soapenv:Server``) with this message as faultstring."""


def _bean_elements():
    types = [(name, "xsd:string") for name in STRING_FIELDS]
    types += [(name, "xsd:int") for name in INT_FIELDS]
    types += [(name, "xsd:double") for name in DOUBLE_FIELDS]
    return "\n".join(f'     <element name="{n}" type="{t}" minOccurs="0" nillable="true"/>' for n, t in types)


def _cents(value):
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class KingdeeSimulator:
    """One EAS data centre: users, companies, a chart of accounts, imported vouchers.

    ``accounts``: the account numbers vouchers may use (a set), or ``{number: aux type}``
    where an account requiring an auxiliary item names its type (``asstActType1``); None:
    any account number is known.
    """

    def __init__(self, users=None, companies=(DEMO_COMPANY,), accounts=DEMO_ACCOUNTS, host="127.0.0.1",
                 port=0, session_calls=0, session_seconds=0, dc_name="chain", sln_name="eas"):  # fmt: skip
        self.users = dict(users or [DEMO_USER])
        self.companies = set(companies)
        if accounts is None:
            self.accounts = None
        else:
            self.accounts = dict(accounts) if isinstance(accounts, dict) else dict.fromkeys(accounts)
        self.host, self.port = host, port
        self.session_calls = session_calls
        self.session_seconds = session_seconds
        self.dc_name, self.sln_name = dc_name, sln_name
        self.sessions = {}  # id -> {"user", "calls", "since"}
        self.vouchers = []  # imported, in order: {"company", "number", "period", "type", "entries"}
        self.requests = []  # (service, operation) of every call
        self.logins = 0
        self.session_ids = []  # every session id given out (tests check that none is logged)
        self._faults = []
        self._lock = threading.Lock()
        self.server = None
        self.thread = None

    # -- control -----------------------------------------------------------------------------------

    @property
    def url(self):
        """The services' base URL, e.g. ``http://127.0.0.1:18394/ormrpc/services/``."""
        return f"http://{self.host}:{self.port}/ormrpc/services/"

    def start(self):
        handler = type("KingdeeHandler", (_Handler,), {"sim": self})
        self.server = ThreadingHTTPServer((self.host, self.port), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True, name="kingdee-sim")
        self.thread.start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def reset(self):
        """Forget vouchers, sessions, calls and pending faults (between tests)."""
        with self._lock:
            self.vouchers.clear()
            self.sessions.clear()
            self.requests.clear()
            self.session_ids.clear()
            self._faults.clear()
            self.logins = 0

    def fail_next(self, message="com.kingdee.bos.BOSException: 系统繁忙, 请稍后再试", count=1):
        """The next ``count`` imports answer a SOAP fault with ``message``."""
        with self._lock:
            self._faults.extend([message] * count)

    def expire_sessions(self):
        """Every open session is dropped (as EAS does on restart or timeout)."""
        with self._lock:
            self.sessions.clear()

    def voucher_numbers(self):
        return [v["number"] for v in self.vouchers]

    # -- services ----------------------------------------------------------------------------------

    def login(self, userName=None, password=None, slnName=None, dcName=None, language=None, dbType=None,
              authPattern=None):  # fmt: skip
        self.logins += 1
        if not userName or self.users.get(userName) != password:
            raise SoapFault("com.kingdee.eas.base.permission.PermissionException: 用户名或密码错误 (login failed)")
        if dcName != self.dc_name or (slnName or "eas") != self.sln_name:
            raise SoapFault(f"com.kingdee.bos.BOSException: 数据中心[{dcName}]不存在")
        session_id = uuid.uuid4().hex
        with self._lock:
            self.sessions[session_id] = {"user": userName, "calls": 0, "since": time.monotonic()}
            self.session_ids.append(session_id)
        return {"dbType": dbType or 0, "dcName": dcName, "password": None, "sessionId": session_id,
                "slnName": slnName, "userName": userName}  # fmt: skip

    def logout(self, session_id):
        with self._lock:
            self.sessions.pop(session_id, None)
        return True

    def _check_session(self, session_id):
        with self._lock:
            session = self.sessions.get(session_id or "")
            if session is not None:
                session["calls"] += 1
                too_many = self.session_calls and session["calls"] > self.session_calls
                too_old = self.session_seconds and time.monotonic() - session["since"] > self.session_seconds
                if too_many or too_old:
                    del self.sessions[session_id]
                    session = None
        if session is None:
            raise SoapFault("com.kingdee.bos.webservice.WSInvokeException: 会话已失效, 请重新登录 (session expired)")

    def import_voucher(self, session_id, entries, is_verify=0, is_imp_cashflow=0):
        self._check_session(session_id)
        with self._lock:
            if self._faults:
                raise SoapFault(self._faults.pop(0))
        vouchers = {}
        for entry in entries:
            vouchers.setdefault(entry.get("voucherNumber") or "", []).append(entry)
        rows = []
        for number, voucher in vouchers.items():
            error = self._validate(number, voucher)
            if error:
                rows.append([number, "9001" if "已存在" in error else "9002", error])
                continue
            head = voucher[0]
            with self._lock:
                self.vouchers.append(
                    {
                        "company": head.get("companyNumber"),
                        "number": number,
                        "period": (head.get("periodYear"), head.get("periodNumber")),
                        "type": head.get("voucherType"),
                        "booked": head.get("bookedDate"),
                        "entries": voucher,
                    }
                )
            rows.append([number, "0000", f"凭证[{number}]引入成功"])
        return rows

    def _validate(self, number, entries):
        """EAS's refusal of one voucher (its message), or None."""
        if not number:
            return "凭证号不能为空"
        head = entries[0]
        for entry in entries:
            if any(entry.get(f) != head.get(f) for f in HEADER_FIELDS):
                return f"凭证[{number}]分录的凭证头不一致"
        company = head.get("companyNumber")
        if company not in self.companies:
            return f"公司[{company}]不存在"
        debit = credit = Decimal(0)
        for entry in entries:
            account = entry.get("accountNumber")
            if not account or (self.accounts is not None and account not in self.accounts):
                return f"第{entry.get('entrySeq')}行: 科目[{account}]不存在"
            required = self.accounts.get(account) if self.accounts is not None else None
            if required and (entry.get("asstActType1") != required or not entry.get("asstActNumber1")):
                return f"第{entry.get('entrySeq')}行: 科目[{account}]需要核算项目[{required}]"
            d, c = _cents(entry.get("debitAmount")), _cents(entry.get("creditAmount"))
            direction = entry.get("entryDC")
            if (direction == 1 and (c or d <= 0)) or (direction in (0, -1) and (d or c <= 0)):
                return f"第{entry.get('entrySeq')}行: 借贷方向与金额不符"
            if direction not in (1, 0, -1):
                return f"第{entry.get('entrySeq')}行: 借贷方向错误"
            if _cents(entry.get("originalAmount")) != d + c:
                return f"第{entry.get('entrySeq')}行: 原币金额与本位币金额不符"
            debit, credit = debit + d, credit + c
        if debit != credit:
            return f"凭证[{number}]借贷不平衡: 借方 {debit} 贷方 {credit}"
        key = (company, head.get("periodYear"), head.get("periodNumber"), head.get("voucherType"), number)
        with self._lock:
            taken = any((v["company"], *v["period"], v["type"], v["number"]) == key for v in self.vouchers)
        if taken:
            return f"凭证号[{number}]在公司[{company}]期间[{key[1]}-{key[2]}]已存在"
        return None


def _text(element, name):
    child = element.find(name)
    if child is None or child.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
        return None
    return child.text


def _parse_entry(item):
    entry = {}
    for name in STRING_FIELDS:
        entry[name] = _text(item, name)
    for name in INT_FIELDS:
        value = _text(item, name)
        entry[name] = int(value) if value not in (None, "") else None
    for name in DOUBLE_FIELDS:
        value = _text(item, name)
        entry[name] = float(value) if value not in (None, "") else None
    return entry


def _envelope(body_child):
    envelope = etree.Element(f"{{{SOAP_ENV}}}Envelope", nsmap={"soapenv": SOAP_ENV})
    body = etree.SubElement(envelope, f"{{{SOAP_ENV}}}Body")
    body.append(body_child)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _fault(message):
    fault = etree.Element(f"{{{SOAP_ENV}}}Fault")
    etree.SubElement(fault, "faultcode").text = "soapenv:Server.userException"
    etree.SubElement(fault, "faultstring").text = message
    return _envelope(fault)


class _Handler(BaseHTTPRequestHandler):
    sim = None  # set on the subclass made by KingdeeSimulator.start
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        return  # quiet: a request carries a session id

    def _send(self, status, body, content_type="text/xml; charset=utf-8"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _service(self):
        path = urlsplit(self.path).path.rstrip("/")
        prefix = "/ormrpc/services/"
        return path[len(prefix) :] if path.startswith(prefix) else None

    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/_sim/vouchers":
            body = json.dumps(self.sim.vouchers, ensure_ascii=False, default=str).encode()
            return self._send(200, body, "application/json")
        service = self._service()
        address = f"http://{self.headers.get('Host') or self.sim.host}/ormrpc/services/{service}"
        if service == "EASLogin" and parts.query.lower() == "wsdl":
            wsdl = LOGIN_WSDL.format(login_ns=LOGIN_NS, client_ns=CLIENT_NS, address=address)
        elif service == "WSWSVoucher" and parts.query.lower() == "wsdl":
            wsdl = VOUCHER_WSDL.format(voucher_ns=VOUCHER_NS, bean_ns=VOUCHER_BEAN_NS, address=address,
                                       bean_elements=_bean_elements())  # fmt: skip
        else:
            return self._send(404, b"not found", "text/plain")
        return self._send(200, wsdl.encode())

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        service = self._service()
        try:
            root = etree.fromstring(raw, parser=etree.XMLParser(resolve_entities=False, no_network=True))
            body = root.find(f"{{{SOAP_ENV}}}Body")
            operation = body[0]
            name = etree.QName(operation).localname
            header = root.find(f"{{{SOAP_ENV}}}Header")
            session_el = header.find(f"{{{LOGIN_NS}}}SessionId") if header is not None else None
            session_id = (session_el.text or "").strip() if session_el is not None else None
            self.sim.requests.append((service, name))
            answer = self._dispatch(service, name, operation, session_id)
        except SoapFault as fault:
            return self._send(500, _fault(str(fault)))
        except (etree.XMLSyntaxError, IndexError, AttributeError, ValueError, TypeError) as error:
            return self._send(500, _fault(f"org.xml.sax.SAXException: {type(error).__name__}"))
        return self._send(200, _envelope(answer))

    def _dispatch(self, service, name, operation, session_id):
        if service == "EASLogin" and name == "login":
            args = {child.tag: child.text for child in operation}
            db_type = args.get("dbType")
            context = self.sim.login(
                args.get("userName"), args.get("password"), args.get("slnName"), args.get("dcName"),
                args.get("language"), int(db_type) if db_type else 0, args.get("authPattern"),
            )  # fmt: skip
            response = etree.Element(f"{{{LOGIN_NS}}}loginResponse", nsmap={"ns1": LOGIN_NS})
            ret = etree.SubElement(response, "loginReturn")
            for key in ("dbType", "dcName", "password", "sessionId", "slnName", "userName"):
                child = etree.SubElement(ret, key)
                if context[key] is None:
                    child.set("{http://www.w3.org/2001/XMLSchema-instance}nil", "true")
                else:
                    child.text = str(context[key])
            return response
        if service == "EASLogin" and name == "logout":
            response = etree.Element(f"{{{LOGIN_NS}}}logoutResponse", nsmap={"ns1": LOGIN_NS})
            etree.SubElement(response, "logoutReturn").text = "true" if self.sim.logout(session_id) else "false"
            return response
        if service == "WSWSVoucher" and name == "importVoucher":
            cols = operation.find("voucherCols")
            entries = [_parse_entry(item) for item in (cols.findall("item") if cols is not None else [])]
            rows = self.sim.import_voucher(session_id, entries)
            response = etree.Element(f"{{{VOUCHER_NS}}}importVoucherResponse", nsmap={"ns1": VOUCHER_NS})
            ret = etree.SubElement(response, "importVoucherReturn")
            for row in rows:
                row_el = etree.SubElement(ret, "item")
                for cell in row:
                    etree.SubElement(row_el, "item").text = cell
            return response
        raise SoapFault(f"No such operation '{name}' on service '{service}'")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18394)
    parser.add_argument("--session-calls", type=int, default=0, help="a session expires after N calls")
    parser.add_argument("--session-seconds", type=int, default=0, help="a session expires after N seconds")
    parser.add_argument("--any-account", action="store_true", help="accept any account number (default: l10n_cn's)")
    args = parser.parse_args(argv)
    sim = KingdeeSimulator(host=args.host, port=args.port, session_calls=args.session_calls,
                           session_seconds=args.session_seconds,
                           accounts=None if args.any_account else DEMO_ACCOUNTS).start()  # fmt: skip
    user, password = DEMO_USER
    info = {"url": sim.url, "user": user, "password": password, "dc_name": sim.dc_name,
            "sln_name": sim.sln_name, "company_number": DEMO_COMPANY}  # fmt: skip
    sys.stdout.write(json.dumps(info) + "\n")  # a command-line tool: it reports on its standard output
    sys.stdout.flush()
    try:
        for _tick in itertools.count():
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
