"""Marketplace settlement benchmark of ``chain_channel_settlement`` (``scripts/bench run-settlement``),
run with Odoo importable.

In a database with ``chain_channel_settlement`` (no demo data; the generic chart is loaded when the
company has none), in one transaction rolled back at the end:

- a channel shop set up for settlements (platform partner, wallet journal, fee accounts, 5%
  commission) and N + S posted customer invoices of 100.00 to the platform, one per platform order
  (one made through the ORM, the others copied from it with set-based SQL: the dataset, not timed);
- **ours**: the platform's settlement of the N orders (a payment and a commission line each, and a
  payout) imported and matched with ``chain.channel.settlement._chain_import``: lines stored
  set-based, matched by platform order id, one journal entry per 20,000 orders with the fees summed,
  the payments reconciled with the invoices' receivables;
- **baseline**: what Odoo's own reconciliation does per line (the bank reconciliation widget's
  logic), on S other orders, extrapolated to N: per order a bank statement line of the payment in
  the wallet journal whose suspense counterpart becomes the invoice's receivable and is reconciled
  with it, and one of the commission whose counterpart becomes the commission account.

Printed: ours (measured), the baseline (extrapolated), their ratio and the target (ours under
5 minutes for 100,000 orders). Checked: every invoice of the N orders is paid, no line unmatched,
the wallet balance equals the settled lines, a second import of the same statement adds nothing.
Results in ``bench-results/settlement.json``.

Usage (internal): benchsettlement.py --db NAME --addons-path PATHS [--orders 100000] [--sample 200]
                  [--json PATH]
"""

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.tools import SQL, config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

TARGET_MS = 300_000
PRICE = 100.0
COMMISSION = 5.0


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


def setup(env):
    """The channel shop and the template invoice (ORM)."""
    company = env.company
    if not env["account.account"].search_count([("company_ids", "in", company.ids)], limit=1):
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    store = env["chain.store"].create({"name": "Settlement Bench Store", "code": "STLB"})
    channel = env["chain.channel"].create(
        {
            "name": "Settlement Bench Shop",
            "platform": "generic",
            "store_ids": [(6, 0, store.ids)],
            "chain_commission_rate": COMMISSION,
        }
    )
    channel.action_chain_settlement_setup()
    product = env["product.product"].create({"name": "Bench formula", "list_price": PRICE, "taxes_id": [(5, 0, 0)]})
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": channel.chain_settlement_partner_id.id,
            "invoice_date": "2026-11-01",
            "invoice_line_ids": [(0, 0, {"product_id": product.id, "price_unit": PRICE, "tax_ids": [(5, 0, 0)]})],
        }
    )
    invoice.action_post()
    invoice.write({"chain_channel_id": channel.id, "chain_platform_order_id": "TEMPLATE"})
    return channel, invoice


def _columns(cr, table, skip):
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        (table,),
    )
    return [row[0] for row in cr.fetchall() if row[0] not in skip]


def clone_invoices(env, template, prefix, count):
    """``count`` copies of the posted ``template`` invoice for platform orders ``<prefix>000001``...
    (set-based SQL); their platform order ids."""
    cr = env.cr
    env.flush_all()
    move_cols = _columns(cr, "account_move", {"id", "name", "chain_platform_order_id", "payment_reference", "ref"})
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_map ON COMMIT DROP AS
            SELECT n, nextval('account_move_id_seq') AS move_id FROM generate_series(1, %s) n
            """,
            count,
        )
    )
    cols = ", ".join(move_cols)
    src = ", ".join(f"m.{c}" for c in move_cols)
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move (id, name, chain_platform_order_id, payment_reference, ref, {cols})
            SELECT b.move_id, %(prefix)s || 'INV/' || lpad(b.n::text, 7, '0'),
                   %(prefix)s || lpad(b.n::text, 6, '0'), %(prefix)s || lpad(b.n::text, 6, '0'),
                   %(prefix)s || lpad(b.n::text, 6, '0'), {src}
              FROM bench_map b, account_move m WHERE m.id = %(template)s
            """,
            prefix=prefix,
            template=template.id,
        )
    )
    line_cols = _columns(cr, "account_move_line", {"id", "move_id", "move_name"})
    cols = ", ".join(line_cols)
    src = ", ".join(f"l.{c}" for c in line_cols)
    cr.execute(
        SQL(
            f"""
            INSERT INTO account_move_line (move_id, move_name, {cols})
            SELECT b.move_id, %(prefix)s || 'INV/' || lpad(b.n::text, 7, '0'), {src}
              FROM bench_map b, account_move_line l WHERE l.move_id = %(template)s
            """,
            prefix=prefix,
            template=template.id,
        )
    )
    cr.execute("DROP TABLE bench_map")
    cr.execute("ANALYZE account_move, account_move_line")
    env.invalidate_all()
    return [f"{prefix}{n:06d}" for n in range(1, count + 1)]


def statement(order_ids):
    lines = []
    for order_id in order_ids:
        lines.append({"key": f"P-{order_id}", "platform_order_id": order_id, "kind": "payment", "amount": PRICE,
                      "currency": "", "date": None, "reference": ""})  # fmt: skip
        lines.append({"key": f"C-{order_id}", "platform_order_id": order_id, "kind": "commission",
                      "amount": -PRICE * COMMISSION / 100, "currency": "", "date": None, "reference": ""})  # fmt: skip
    lines.append({"key": "PAYOUT-1", "platform_order_id": "", "kind": "payout", "amount": -1000.0, "currency": "",
                  "date": None, "reference": "BENCH-PAYOUT-1"})  # fmt: skip
    return lines


def baseline(env, channel, order_ids):
    """Odoo's per-line reconciliation on ``order_ids``: seconds."""
    journal = channel.chain_wallet_journal_id
    Move = env["account.move"]
    started = time.perf_counter()
    for order_id in order_ids:
        invoice = Move.search([("chain_platform_order_id", "=", order_id), ("move_type", "=", "out_invoice")])
        receivable = invoice.line_ids.filtered(lambda line: line.display_type == "payment_term")
        pay = env["account.bank.statement.line"].create(
            {
                "journal_id": journal.id,
                "date": "2026-11-30",
                "amount": PRICE,
                "payment_ref": order_id,
                "partner_id": channel.chain_settlement_partner_id.id,
            }
        )
        _liquidity, suspense, _other = pay._seek_for_lines()
        suspense.write({"account_id": receivable.account_id.id})
        (suspense + receivable).reconcile()
        fee = env["account.bank.statement.line"].create(
            {
                "journal_id": journal.id,
                "date": "2026-11-30",
                "amount": -PRICE * COMMISSION / 100,
                "payment_ref": f"commission {order_id}",
            }
        )
        _liquidity, suspense, _other = fee._seek_for_lines()
        suspense.write({"account_id": channel.chain_commission_account_id.id})
    env.flush_all()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--json", type=Path, default=Path("bench-results/settlement.json"))
    args = parser.parse_args()
    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        started = time.perf_counter()
        channel, template = setup(env)
        orders = clone_invoices(env, template, "BO", args.orders)
        sample = clone_invoices(env, template, "BS", args.sample)
        build_s = time.perf_counter() - started
        print(f"[bench] dataset: {args.orders:,} + {args.sample} invoices in {build_s:.1f} s", flush=True)
        lines = statement(orders)
        started = time.perf_counter()
        settlement = env["chain.channel.settlement"]._chain_import(channel, lines, "Bench statement", when="2026-11-30")
        env.flush_all()
        ours_s = time.perf_counter() - started
        print(f"[bench] ours: {len(lines):,} lines imported and matched in {ours_s:.1f} s", flush=True)
        again = env["chain.channel.settlement"]._chain_import(
            channel, lines, "Bench statement again", when="2026-11-30"
        )
        cr.execute(
            "SELECT count(*) FILTER (WHERE amount_residual = 0), count(*) FROM account_move "
            "WHERE chain_platform_order_id LIKE 'BO%%'"
        )
        paid, total = cr.fetchone()
        balance = channel.chain_wallet_balance()[channel.id]
        expected = round(args.orders * PRICE * (1 - COMMISSION / 100) - 1000.0, 2)
        checks = [
            (f"every invoice of the {args.orders:,} orders paid ({paid:,}/{total:,})", paid == total == args.orders),
            ("no settlement line unmatched", settlement.unmatched_count == 0),
            (f"wallet balance {balance['wallet']:,.2f} = settled lines = {expected:,.2f}",
             abs(balance["wallet"] - expected) < 0.01 and abs(balance["settled"] - expected) < 0.01),
            ("the same statement imported again adds nothing", not again),
        ]  # fmt: skip
        base_s = baseline(env, channel, sample)
        extrapolated_s = base_s / args.sample * args.orders
        print(f"[bench] baseline: {args.sample} orders in {base_s:.1f} s, {args.orders:,} extrapolated "
              f"{extrapolated_s:.0f} s", flush=True)  # fmt: skip
        cr.rollback()
    result = summarize(
        "settlement_import_100k",
        [ours_s * 1000],
        [extrapolated_s * 1000],
        Target("ms", TARGET_MS),
        note=f"ours: {args.orders:,} orders ({len(lines):,} lines) measured; baseline: Odoo's per-line "
        f"statement-line reconciliation on {args.sample} orders, extrapolated",
    )
    info = {"orders": args.orders, "lines": len(lines), "sample": args.sample, "dataset_s": round(build_s, 1)}
    meta = {"host": platform.node(), "cpus": os.cpu_count(), "baseline_sample_s": round(base_s, 2)}
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
