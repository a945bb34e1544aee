# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Committed inbox jobs: channels, messages and jobs committed in cursors of their own, run by
real job workers (child processes running queue_job's own controller code) or in this process.
"""

# the batches must be committed: a worker in another process sees only committed data
# pylint: disable=invalid-commit
import json
import logging
import os
import subprocess
import sys
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase
from odoo.tools import config

_logger = logging.getLogger(__name__)

ORDERS = 12
CTX = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}

WORKER = r"""
import os, signal, sys, time
import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

dbname, crash, uuids = sys.argv[1], sys.argv[2] == "crash", sys.argv[3].split(",")
config.parse_config(sys.argv[4:])
registry = odoo.modules.registry.Registry(dbname)
from odoo.addons.queue_job.controllers.main import RunJobController

if crash:
    def action_confirm(orders):
        # the batch's orders are created and written, not confirmed nor committed
        orders.env.flush_all()
        print("KILLING", len(orders), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    registry["sale.order"].action_confirm = action_confirm

# workers started together begin their jobs at the same moment (the registry loads first)
time.sleep(max(0.0, float(os.environ.get("CHAIN_TEST_START_AT") or 0) - time.time()))
for job_uuid in uuids:
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        job = RunJobController._acquire_job(env, job_uuid)
        if job is None:
            continue
        RunJobController._try_perform_job(env, job)
print("BATCH DONE", flush=True)
"""


class CommittedInboxCase(TransactionCase):
    """Helpers of the tests whose inbox jobs run on committed data."""

    def _cursor(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        # bound to the test's registry: a lookup by name would wait on the registry class lock
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _worker(self, uuids, crash=False):
        process = self._spawn(uuids, crash=crash)
        out, err = process.communicate(timeout=600)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def _spawn(self, uuids, crash=False, start_at=None):
        """A worker process running the jobs ``uuids``; from ``start_at`` (a time.time()) on."""
        args = [f"--addons-path={config['addons_path']}"]
        for key in ("db_host", "db_port", "db_user", "db_password"):
            if config.get(key):
                args.append(f"--{key}={config[key]}")
        env = dict(os.environ)
        odoo_root = os.path.dirname(os.path.dirname(odoo.__file__))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (odoo_root, env.get("PYTHONPATH")) if p)
        env["CHAIN_TEST_START_AT"] = str(start_at or 0)
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, self.env.cr.dbname, "crash" if crash else "run", ",".join(uuids), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def _setup(self, env, tag, orders=ORDERS, jobs=1):
        """A store with stock, a channel with two SKUs, and ``orders`` paid messages in its
        inbox, with ``jobs`` jobs that read them."""
        store = env["chain.store"].create({"name": f"Crash store {tag}", "code": f"CRASH-{tag}"})
        products = env["product.product"].create(
            [{"name": f"Crash {tag} {sku}", "is_storable": True} for sku in ("A", "B")]
        )
        for product in products:
            env["stock.quant"]._update_available_quantity(product, store.warehouse_id.lot_stock_id, 15)
        channel = env["chain.channel"].create(
            {
                "name": f"Crash channel {tag}",
                "platform": "generic",
                "app_secret": "crash",
                "store_ids": [(6, 0, store.ids)],
                "product_ids": [
                    (0, 0, {"sku": sku, "product_id": p.id}) for sku, p in zip("AB", products, strict=True)
                ],
            }
        )
        messages = []
        for n in range(orders):
            order_id = f"CR{n:03d}"
            lines = [{"sku": "A", "qty": 1 + n % 3, "price_unit": 10.0}]
            if n % 2:
                lines.append({"sku": "B", "qty": 2, "price_unit": 5.0})
            messages.append(
                {
                    "key": f"{order_id}:order_paid",
                    "event": "order_paid",
                    "platform_order_id": order_id,
                    "order": {
                        "buyer": {"name": f"Buyer {n}", "phone": f"1380000{n:04d}"},
                        "address": {
                            "name": f"Buyer {n}",
                            "province": "上海市",
                            "city": "上海市",
                            "street": f"{n} Crash Road",
                        },
                        "lines": lines,
                    },
                }
            )
        env["chain.channel.message"]._chain_ingest(channel, messages, json.dumps(messages))
        queued = env["queue.job"].search([("identity_key", "=", channel._chain_inbox_identity())], order="id")
        self.assertEqual(len(queued), 1, "one job reads the inbox")
        channel._chain_inbox_queue(jobs - 1)
        jobs = env["queue.job"].search([("identity_key", "=", channel._chain_inbox_identity())], order="id")
        jobs.write({"state": "enqueued"})
        env.cr.execute(
            "UPDATE queue_job SET date_enqueued = (now() at time zone 'utc') - interval '1 minute' WHERE id IN %s",
            (tuple(jobs.ids),),
        )
        return channel, jobs.mapped("uuid")

    def _batch_state(self, env, channel):
        """What a user sees of the batch: per platform order its state and reserved lines."""
        orders = env["sale.order"].search([("chain_channel_id", "=", channel.id)])
        result = {}
        for order in orders:
            moves = order.picking_ids.move_ids
            result[order.chain_platform_order_id] = (
                order.state,
                sorted((m.product_id.name[-1], m.product_uom_qty, m.quantity, m.state) for m in moves),
            )
        messages = env["chain.channel.message"].search([("channel_id", "=", channel.id)])
        products = channel.product_ids.product_id
        quants = env["stock.quant"].search([("product_id", "in", products.ids), ("location_id.usage", "=", "internal")])
        return {
            "orders": result,
            "order_count": len(orders),
            "messages": sorted(messages.mapped("state")),
            "reserved": sorted((q.product_id.name[-1], q.quantity, q.reserved_quantity) for q in quants),
        }

    def _cleanup(self, channel_ids):
        """Cancel and delete the committed orders, archive the stores (warehouses stay, archived)."""
        try:
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, CTX)
                channels = env["chain.channel"].browse(channel_ids).exists()
                orders = env["sale.order"].search([("chain_channel_id", "in", channels.ids)])
                orders.picking_ids.action_cancel()
                orders._action_cancel()
                partners = orders.partner_id
                orders.picking_ids.unlink()
                orders.unlink()
                partners.unlink()
                keys = [channel._chain_inbox_identity() for channel in channels]
                env["queue.job"].search([("identity_key", "in", keys)]).unlink()
                products = channels.product_ids.product_id
                stores = channels.store_ids
                channels.unlink()
                env["stock.quant"].search([("product_id", "in", products.ids)]).sudo().unlink()
                products.product_tmpl_id.write({"active": False})
                stores.write({"active": False})
                stores.warehouse_id.write({"active": False})
                cr.commit()
        except Exception:  # a row of another addon may hold on: keep it, say so
            _logger.warning("crash proof: could not clean its committed data", exc_info=True)
