"""Payment-code benchmark of ``chain_pos_payment_cn`` (``scripts/bench run-pay``), run with Odoo importable.

200 customers pay at once by WeChat Pay payment code against the local simulator, each code of
scenario ``6X``: the customer types a password for X = 0..9 seconds (at random) before the money
is taken. Every till does what the POS does, over real JSON-RPC to a real Odoo server: it calls
``pos.payment.method.chain_cn_pay``, then ``chain_cn_poll`` every 2 seconds while the answer is
``pending``, then syncs its order (``pos.order.sync_from_ui``) with the payment line naming the
transaction. The baseline: 200 tills sync the same orders paid in cash, at once.

The server is Odoo's prefork server started for the run (4 HTTP workers, the size
``config/odoo.conf`` gives a 2-core machine): the server never waits for the customers (each call
makes one provider call at most and answers; the till polls), so 200 customers typing passwords
hold none of its 4 workers. Measured: the wall time, throughput (payments per second), p50/p95 of a
payment (first call to order synced), p95 of each server call; the ratios to the cash baseline.
Checked: the simulator charged exactly 200 trades, 200 transactions are ``done``, each paid one
POS payment of one paid order, and the 200 cash orders are paid.

The dataset (a store, its cashier, a till with cash and WeChat Pay, the company's WeChat Pay
account pointing to the simulator) is made on the first run in the database ``scripts/bench``
creates with ``chain_pos_payment_cn`` only, and committed; each run adds its own orders.

Usage (internal): benchpay.py --db NAME --addons-path PATHS [--payments 200] [--json PATH]
"""

import argparse
import atexit
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

import requests

import odoo
from odoo import Command
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import percentile

SERVER_PORT = 8339  # the run's Odoo server (and 8340, its gevent port)
SIM_PORT = 18393
LOGIN = "bench.pay.cashier"
PASSWORD = "bench-pay-cashier"  # a benchmark user of a local database
STORE_CODE = "BPAY"
PRICE = 120.0
POLL_SECONDS = 2.0  # as the POS polls
RETRIES = 30  # attempts of a call refused at the connection
WECHAT_CODE = "1345678901234567{:02d}"  # 18 digits, starting 13; scenario = the last two digits


# ----------------------------------------------------------------------
# Dataset and processes
# ----------------------------------------------------------------------
def _environment(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    registry = odoo.modules.registry.Registry(db)
    return registry


def setup(env, sim):
    """The store, cashier, till and account of the benchmark (made once, then pointed to ``sim``); committed."""
    env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True))
    store = env["chain.store"].search([("code", "=", STORE_CODE)], limit=1)
    if not store:
        store = env["chain.store"].create({"code": STORE_CODE, "name": "Bench payment-code store"})
        store.action_open()
    user = env["res.users"].search([("login", "=", LOGIN)], limit=1)
    if not user:
        groups = [env.ref(x).id for x in ("base.group_user", "point_of_sale.group_pos_user",
                                           "chain_store.group_chain_store_user")]  # fmt: skip
        user = env["res.users"].create(
            {"name": "Bench cashier", "login": LOGIN, "password": PASSWORD, "groups_id": [Command.set(groups)],
             "chain_store_ids": [Command.set(store.ids)], "chain_store_id": store.id}
        )  # fmt: skip
    product = env["product.product"].search([("default_code", "=", "BENCH-PAY")], limit=1)
    if not product:
        product = env["product.product"].create(
            {"name": "Infant formula (bench)", "default_code": "BENCH-PAY", "available_in_pos": True,
             "lst_price": PRICE, "taxes_id": [Command.clear()]}
        )  # fmt: skip
    Account = env["chain.pay.cn.account"]
    account = Account.search([("provider", "=", "wechatpay"), ("store_id", "=", store.id)], limit=1)
    keys = {"endpoint": sim.url, "appid": sim.appid, "mch_id": sim.mch_id, "api_key": sim.api_key}
    if account:
        account.write(keys)
    else:
        account = Account.create({"name": "WeChat Pay (bench simulator)", "provider": "wechatpay",
                                  "store_id": store.id, **keys})  # fmt: skip
    pos_config = store.pos_config_ids[:1]
    if not pos_config:
        pos_config = env["pos.config"].create(
            {"name": "Bench payment-code till", "picking_type_id": store.warehouse_id.pos_type_id.id}
        )
    methods = pos_config.payment_method_ids
    cash = methods.filtered("is_cash_count")[:1]
    wechat = methods.filtered(lambda m: m.use_payment_terminal == "chain_wechatpay")[:1]
    if not wechat:
        bank = methods.filtered(lambda m: m.journal_id.type == "bank")[:1].journal_id
        wechat = env["pos.payment.method"].create(
            {"name": "WeChat Pay (bench)", "journal_id": bank.id, "use_payment_terminal": "chain_wechatpay"}
        )
        pos_config.payment_method_ids = [Command.link(wechat.id)]
    if not pos_config.current_session_id:
        pos_config.with_user(user).open_ui()
    session = pos_config.current_session_id
    env.cr.commit()  # a benchmark's dataset, not business code
    return {
        "user": user.id, "store": store.id, "product": product.id, "config": pos_config.id, "session": session.id,
        "cash": cash.id, "wechat": wechat.id, "account": account.id, "pricelist": pos_config.pricelist_id.id,
    }  # fmt: skip


def odoo_server(db):
    """Odoo's prefork server on ``SERVER_PORT`` (4 HTTP workers, no cron), stopped at exit; its
    log is ``bench-results/odoo-pay-server.log``."""
    odoo_root = os.path.dirname(os.path.dirname(odoo.__file__))
    launcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "benchserver.py")
    argv = [
        sys.executable, launcher, "server", f"--addons-path={config['addons_path']}", "-d", db,
        f"--http-port={SERVER_PORT}", f"--gevent-port={SERVER_PORT + 1}", "--workers=4", "--max-cron-threads=0",
        "--load=base,web", "--log-level=warn", "--limit-time-real=600", "--limit-time-cpu=600",
        "--limit-memory-soft=2147483648", "--limit-memory-hard=4294967296",
    ]  # fmt: skip
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if config.get(key):
            argv.append(f"--{key}={config[key]}")
    child_env = dict(os.environ)
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in (odoo_root, os.environ.get("PYTHONPATH")) if p)
    os.makedirs("bench-results", exist_ok=True)
    log = open("bench-results/odoo-pay-server.log", "ab")  # noqa: SIM115 (kept open for the child)
    process = subprocess.Popen(argv, env=child_env, stdout=log, stderr=subprocess.STDOUT)

    def stop():
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()

    atexit.register(stop)
    url = f"http://127.0.0.1:{SERVER_PORT}"
    deadline = time.monotonic() + 180
    while True:
        try:
            requests.get(f"{url}/web/health", timeout=5).raise_for_status()
            return url
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the bench's Odoo server did not start: see bench-results/odoo-pay-server.log")
            time.sleep(0.5)


# ----------------------------------------------------------------------
# The tills (JSON-RPC clients)
# ----------------------------------------------------------------------
class RpcError(RuntimeError):
    pass


class Till:
    """One till's JSON-RPC connection (its own HTTP session, the cashier's cookie)."""

    def __init__(self, url, cookie):
        self.url = url
        self.http = requests.Session()
        self.http.cookies.set("session_id", cookie)
        self.timings = []  # (method, seconds) of each server call
        self.retries = 0  # calls tried again after a connection error

    def call(self, model, method, args):
        """The result of ``model.method(*args)``. A connection refused or dropped before an answer
        (the server's listen queue is full when 200 tills call at once; an idle keep-alive
        connection closed by the server) is tried again after a short wait, as the POS does:
        every call here is idempotent (the payment line's uuids name the out_trade_no, the
        order's uuid its record)."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"model": model, "method": method, "args": args, "kwargs": {}}}  # fmt: skip
        for attempt in range(1, RETRIES + 1):
            started = time.monotonic()
            try:
                response = self.http.post(f"{self.url}/web/dataset/call_kw/{model}/{method}", json=payload, timeout=300)
            except requests.ConnectionError:
                if attempt == RETRIES:
                    raise
                self.retries += 1
                time.sleep(random.uniform(0.2, 1.0) * min(attempt, 5))
                continue
            self.timings.append((method, time.monotonic() - started))
            break
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            data = body["error"].get("data") or {}
            raise RpcError(f"{model}.{method}: {data.get('message') or body['error'].get('message')}")
        return body["result"]


def login(url, db):
    response = requests.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "method": "call", "params": {"db": db, "login": LOGIN, "password": PASSWORD}},
        timeout=60,
    )
    response.raise_for_status()
    if response.json().get("error") or "session_id" not in response.cookies:
        raise RuntimeError(f"the bench cashier cannot log in: {response.text[:300]}")
    return response.cookies["session_id"]


def order_vals(ctx, payment):
    """An order of one formula at ``PRICE`` as the till syncs it, paid by ``payment`` (a dict)."""
    now = datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")
    order_uuid = payment.pop("order_uuid")
    return {
        "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": ctx["session"], "sequence_number": 1,
        "user_id": ctx["user"], "pricelist_id": ctx["pricelist"], "fiscal_position_id": False, "partner_id": False,
        "to_invoice": False, "date_order": now, "last_order_preparation_change": "{}", "state": "paid",
        "amount_total": PRICE, "amount_tax": 0.0, "amount_paid": PRICE, "amount_return": 0.0,
        "access_token": str(uuid.uuid4()),
        "lines": [(0, 0, {"uuid": str(uuid.uuid4()), "product_id": ctx["product"], "qty": 1, "price_unit": PRICE,
                          "price_subtotal": PRICE, "price_subtotal_incl": PRICE, "tax_ids": [(6, 0, [])],
                          "discount": 0, "pack_lot_ids": []})],
        "payment_ids": [(0, 0, {"name": now, "amount": PRICE, **payment})],
    }  # fmt: skip


def pay_by_code(till, ctx, seconds):
    """One customer: pay by code (typing a password for ``seconds``), poll, sync. The order uuid."""
    order_uuid, payment_uuid = str(uuid.uuid4()), str(uuid.uuid4())
    data = {"pos_session_id": ctx["session"], "order_uuid": order_uuid, "payment_uuid": payment_uuid,
            "amount": PRICE, "order_amount_due": PRICE, "auth_code": WECHAT_CODE.format(60 + seconds)}  # fmt: skip
    answer = till.call("pos.payment.method", "chain_cn_pay", [[ctx["wechat"]], data])
    polls = 0
    while answer["status"] == "pending":
        time.sleep(POLL_SECONDS)
        polls += 1
        answer = till.call("pos.payment.method", "chain_cn_poll",
                           [[ctx["wechat"]], {"pos_session_id": ctx["session"],
                                              "transaction_id": answer["transaction_id"]}])  # fmt: skip
    if answer["status"] != "done":
        raise RpcError(f"payment of order {order_uuid} ended {answer['status']}: {answer.get('message')}")
    payment = {"order_uuid": order_uuid, "uuid": payment_uuid, "payment_method_id": ctx["wechat"],
               "chain_cn_transaction_id": answer["transaction_id"]}  # fmt: skip
    till.call("pos.order", "sync_from_ui", [[order_vals(ctx, payment)]])
    return order_uuid, polls


def pay_cash(till, ctx, _seconds):
    order_uuid = str(uuid.uuid4())
    payment = {"order_uuid": order_uuid, "uuid": str(uuid.uuid4()), "payment_method_id": ctx["cash"]}
    till.call("pos.order", "sync_from_ui", [[order_vals(ctx, payment)]])
    return order_uuid, 0


def crowd(url, cookie, ctx, count, pay, seeds):
    """``count`` tills paying at once (released together); per till (order uuid, polls, seconds,
    server calls, error, connection retries), and the wall time."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def one(index):
        till = Till(url, cookie)
        barrier.wait()
        started = time.monotonic()
        try:
            order_uuid, polls = pay(till, ctx, seeds[index])
            results[index] = (order_uuid, polls, time.monotonic() - started, till.timings, None, till.retries)
        except Exception as error:  # counted, the others go on
            error = f"{type(error).__name__}: {error}"
            results[index] = (None, 0, time.monotonic() - started, till.timings, error, till.retries)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=count) as pool:
        list(pool.map(one, range(count)))
    return results, time.monotonic() - started


def summary(results, wall):
    done = [r for r in results if r[4] is None]
    latencies = sorted(r[2] for r in done)
    calls = {}
    for result in results:
        for method, seconds in result[3]:
            calls.setdefault(method, []).append(seconds)
    return {
        "payments": len(results),
        "settled": len(done),
        "errors": sorted({r[4] for r in results if r[4]})[:5],
        "wall_s": round(wall, 2),
        "throughput_per_s": round(len(done) / wall, 2) if wall else None,
        "p50_s": round(statistics.median(latencies), 3) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 3) if latencies else None,
        "polls": sum(r[1] for r in results),
        "connection_retries": sum(r[5] for r in results),
        "server_calls": {
            method: {"count": len(values), "p50_ms": round(statistics.median(values) * 1000, 1),
                     "p95_ms": round(percentile(sorted(values), 95) * 1000, 1),
                     "max_ms": round(max(values) * 1000, 1)}
            for method, values in sorted(calls.items())
        },
    }  # fmt: skip


def checks(registry, sim, ctx, code_results, cash_results, count):
    """The settlement checks, read from the database and the simulator."""
    code_orders = [r[0] for r in code_results if r[0]]
    cash_orders = [r[0] for r in cash_results if r[0]]
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        orders = env["pos.order"].search([("uuid", "in", code_orders + cash_orders)])
        by_uuid = {order.uuid: order for order in orders}
        transactions = env["chain.pay.cn.transaction"].search([("order_uuid", "in", code_orders)])
        done = transactions.filtered(lambda t: t.state == "done")
        charged = {no: trade for no, trade in sim.charged().items() if no in set(transactions.mapped("out_trade_no"))}
        return [
            (f"simulator charged {len(charged)} of the run's trades (once each)", len(charged) == count),
            (f"simulator holds {len(sim.trades)} trades in all", len(sim.trades) == count),
            (f"{len(done)} transactions done", len(done) == count == len(transactions)),
            (
                "each done transaction paid exactly one POS payment of a paid order",
                all(
                    len(t.pos_payment_ids) == 1 and t.pos_payment_ids.pos_order_id.state in ("paid", "done", "invoiced")
                    for t in done
                ),
            ),
            (
                f"{sum(1 for u in code_orders if u in by_uuid)} payment-code orders and "
                f"{sum(1 for u in cash_orders if u in by_uuid)} cash orders in the database",
                len(code_orders) == len(cash_orders) == count and all(u in by_uuid for u in code_orders + cash_orders),
            ),
        ]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--payments", type=int, default=200)
    parser.add_argument("--json", default="bench-results/pay.json")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args(argv)

    registry = _environment(args.db, args.addons_path)
    from odoo.addons.chain_pos_payment_cn.lib.wechatpay_simulator import WechatPaySimulator

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        account = env["chain.pay.cn.account"].search(
            [("provider", "=", "wechatpay"), ("store_id.code", "=", STORE_CODE)], limit=1
        )
        api_key = account.api_key if account else None
    sim = WechatPaySimulator(port=SIM_PORT, api_key=api_key).start()
    atexit.register(sim.stop)
    with registry.cursor() as cr:
        ctx = setup(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), sim)
    print(f"[bench] pay: simulator on {sim.url}; starting Odoo (4 HTTP workers) on port {SERVER_PORT}", flush=True)
    url = odoo_server(args.db)
    cookie = login(url, args.db)
    load_before = os.getloadavg()
    rng = random.Random(args.seed)
    seeds = [rng.randrange(10) for _ in range(args.payments)]
    # warm the workers up alike (registry, routes): a few cash sales, not counted
    crowd(url, cookie, ctx, 8, pay_cash, [0] * 8)
    print(f"[bench] pay: {args.payments} payment-code payments (customers confirm in 0-9 s) ...", flush=True)
    code_results, code_wall = crowd(url, cookie, ctx, args.payments, pay_by_code, seeds)
    print(f"[bench] pay: {args.payments} cash payments ...", flush=True)
    cash_results, cash_wall = crowd(url, cookie, ctx, args.payments, pay_cash, seeds)
    code, cash = summary(code_results, code_wall), summary(cash_results, cash_wall)
    results = checks(registry, sim, ctx, code_results, cash_results, args.payments)
    ratios = {
        "throughput_cash_over_code": round(cash["throughput_per_s"] / code["throughput_per_s"], 2)
        if code["throughput_per_s"] else None,
        "p95_code_over_cash": round(code["p95_s"] / cash["p95_s"], 2) if code["p95_s"] and cash["p95_s"] else None,
        "mean_customer_wait_s": round(statistics.mean(seeds), 2),
    }  # fmt: skip
    doc = {
        "case": "pay_code_200_vs_cash",
        "payments": args.payments,
        "payment_code": code,
        "cash": cash,
        "ratios": ratios,
        "checks": [{"check": name, "ok": ok} for name, ok in results],
        "meta": {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
                 "cpus": len(os.sched_getaffinity(0)), "server": "prefork, 4 HTTP workers",
                 "poll_s": POLL_SECONDS, "at": datetime.utcnow().isoformat(timespec="seconds"),
                 "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)]},
    }  # fmt: skip
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    for side, figures in (("payment code", code), ("cash", cash)):
        calls = ", ".join(f"{m} p95 {c['p95_ms']} ms (x{c['count']})" for m, c in figures["server_calls"].items())
        print(
            f"[bench] {side:12}: {figures['settled']}/{figures['payments']} settled in {figures['wall_s']} s, "
            f"{figures['throughput_per_s']}/s, p50 {figures['p50_s']} s, p95 {figures['p95_s']} s; {calls}; "
            f"{figures['connection_retries']} calls tried again",
            flush=True,
        )
        for error in figures["errors"]:
            print(f"[bench]   error: {error}", flush=True)
    print(f"[bench] ratios: {ratios}; load average {doc['meta']['load_average_before_after']}", flush=True)
    for name, ok in results:
        print(f"[bench] {'ok  ' if ok else 'FAIL'} {name}", flush=True)
    print(f"[bench] results in {path}", flush=True)
    return 0 if all(ok for _name, ok in results) else 1


if __name__ == "__main__":
    sys.exit(main())
