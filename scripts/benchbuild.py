"""The scale dataset of ``scripts/bench build``, built inside Odoo (see ``benchodoo.py``).

Stores (with their real warehouses), regions, users and products go through
the ORM, because Odoo does real work there (warehouse locations, routes,
operation types, sequences, user groups, product variants). Lots and quants
are inserted with ``COPY``: the ORM would only fill the same columns, one
row at a time. The stored fields Odoo derives from those rows are filled the
way Odoo computes them (``stock.quant.company_id``, ``inventory_date``,
``inventory_diff_quantity``, ``stock.lot.location_id``), the result is checked
against Odoo's rules (:func:`_verify`), the tables are vacuumed and the ORM
caches dropped.

Everything is random but seeded: the same arguments give the same dataset.
"""

import csv
import io
import json
import math
import random
import time
from datetime import datetime, timedelta

import benchexpiry
import benchpos

from odoo import Command, fields

from odoo.addons.chain_store.lib.codes import make_gtin13

PARAM = "chain_bench.dataset"
STORE_CHUNK = 50
STORES_PER_REGION = 25
SHELVES = ("Shelf A", "Shelf B")  # sub-locations of each store's stock location
TRACKED_SHARE = 0.3  # formula, baby food, nappies: lot-tracked in a mother-and-baby chain
LOTS_PER_PRODUCT = 8
GTIN_PREFIX = "69"
VACUUMED = ("stock_quant", "stock_lot", "stock_location", "stock_warehouse", "product_product", "product_template",
            "chain_store", "res_users")  # fmt: skip


class Phases:
    """Times the build phases and prints each one as it ends."""

    def __init__(self):
        self.seconds = {}

    def run(self, name, func, *args):
        started = time.perf_counter()
        result = func(*args)
        self.seconds[name] = round(time.perf_counter() - started, 1)
        print(f"[bench] {name:<10} {self.seconds[name]:8.1f} s  {_describe(result)}", flush=True)
        return result


def _describe(result):
    if isinstance(result, str) or result is None:
        return result or ""
    if hasattr(result, "_name"):
        return f"{len(result)} {result._name}"
    if isinstance(result, tuple):
        return " + ".join(str(len(part)) for part in result)
    return f"{len(result)} entries"


def build(env, stores=100, products=5000, quants=1_000_000, seed=42, install_seconds=None, pos_lines=200_000):
    """Fill an empty ``chain_store`` database (installed without demo data).

    Commits after each phase. Records what was built in the system parameter
    ``chain_bench.dataset`` (JSON) last: a database without it is incomplete.
    """
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    rng = random.Random(seed)
    phases = Phases()
    if install_seconds is not None:
        phases.seconds["install"] = round(install_seconds, 1)
    step = _committing(env, phases)
    step("settings", _settings, env)
    regions = step("regions", _regions, env, stores)
    store_recs = step("stores", _stores, env, stores, regions)
    locations = step("locations", _locations, env, store_recs)
    step("users", _users, env, store_recs)
    tracked, untracked = step("products", _products, env, products, rng)
    lots = step("lots", _lots, env, tracked)
    step("quants", _quants, env, locations, tracked, untracked, lots, quants, rng)
    extra = {}
    if benchexpiry.available(env):
        extra = benchexpiry.build(env, rng, step, pos_lines=pos_lines)
    if benchpos.available(env):
        extra.update(benchpos.build(env, rng, step))
    step("finish", _finish, env)
    dataset = _counts(env)
    dataset.update(extra)
    dataset.update(seed=seed, built_at=fields.Datetime.to_string(fields.Datetime.now()), phases_s=phases.seconds)
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(dataset))
    env.cr.commit()  # a build script, not business code: each phase is kept
    print(f"[bench] built: {json.dumps({k: v for k, v in dataset.items() if k != 'phases_s'})}", flush=True)
    return dataset


def _committing(env, phases):
    def step(name, func, *args):
        result = phases.run(name, func, *args)
        env.cr.commit()
        return result

    return step


# ----------------------------------------------------------------------
# ORM phases
# ----------------------------------------------------------------------
def _settings(env):
    env["res.config.settings"].create({"group_stock_production_lot": True}).execute()
    return "lots and serial numbers enabled"


def _regions(env, stores):
    count = max(1, math.ceil(stores / STORES_PER_REGION))
    regions = env["chain.store.region"].create(
        [{"code": f"BR{i:02d}", "name": f"Bench Region {i:02d}"} for i in range(1, count + 1)]
    )
    return regions


def _stores(env, count, regions):
    Store = env["chain.store"]
    created = Store.browse()
    started = time.perf_counter()
    for first in range(0, count, STORE_CHUNK):
        numbers = range(first + 1, min(count, first + STORE_CHUNK) + 1)
        created |= Store.create(
            [
                {
                    "code": f"B{n:04d}",
                    "name": f"Bench Store {n:04d}",
                    "kind": "store",
                    "state": "open",
                    "region_id": regions[(n - 1) // STORES_PER_REGION % len(regions)].id,
                }
                for n in numbers
            ]
        )
        env.cr.commit()
        rate = (time.perf_counter() - started) / len(created)
        print(f"[bench]   {len(created)}/{count} stores ({rate * 1000:.0f} ms per store)", flush=True)
    missing = created.filtered(lambda s: not s.warehouse_id)
    if missing:
        raise RuntimeError(f"{len(missing)} stores got no warehouse")
    return created


def _locations(env, stores):
    """Two shelves under each store's stock location; returns {store: [location ids]}."""
    vals = [
        {"name": shelf, "usage": "internal", "location_id": store.warehouse_id.lot_stock_id.id}
        for store in stores
        for shelf in SHELVES
    ]
    shelves = env["stock.location"].create(vals)
    result = {}
    for i, store in enumerate(stores):
        mine = shelves[i * len(SHELVES) : (i + 1) * len(SHELVES)]
        result[store] = [store.warehouse_id.lot_stock_id.id, *mine.ids]
    bad = shelves.filtered(lambda loc: not loc.warehouse_id)
    if bad:
        raise RuntimeError(f"{len(bad)} shelves are outside any warehouse")
    return result


def _users(env, stores):
    staff = env.ref("chain_store.group_chain_store_user")
    hq = env.ref("chain_store.group_chain_manager")
    internal = env.ref("base.group_user")
    Users = env["res.users"]
    vals = [
        {
            "name": f"Staff {store.code}",
            "login": f"bench.staff.{store.code.lower()}",
            "groups_id": [Command.set([internal.id, staff.id])],
            "chain_store_ids": [Command.set([store.id])],
            "chain_store_id": store.id,
        }
        for store in stores
    ]
    for first in range(0, len(vals), 100):
        Users.create(vals[first : first + 100])
    Users.create({"name": "Bench HQ", "login": "bench.hq", "groups_id": [Command.set([internal.id, hq.id])]})
    return f"{len(vals)} store users + bench.hq"


def _products(env, count, rng):
    """Storable products, a share of them lot-tracked; returns (tracked, untracked) id lists."""
    Product = env["product.product"]
    categories = env["product.category"].create(
        [{"name": name} for name in ("Formula", "Baby food", "Nappies", "Feeding", "Clothing", "Toys")]
    )
    ids = []
    for first in range(0, count, 500):
        vals = []
        for n in range(first + 1, min(count, first + 500) + 1):
            tracked = rng.random() < TRACKED_SHARE
            vals.append(
                {
                    "name": f"Bench Product {n:05d}",
                    "default_code": f"BP{n:05d}",
                    "barcode": make_gtin13(GTIN_PREFIX, n),
                    "type": "consu",
                    "is_storable": True,
                    "tracking": "lot" if tracked else "none",
                    "categ_id": categories[n % len(categories)].id,
                    "list_price": round(rng.uniform(9, 399), 1),
                }
            )
        ids += Product.create(vals).ids
    products = Product.browse(ids)
    tracked = products.filtered(lambda p: p.tracking == "lot").ids
    untracked = products.filtered(lambda p: p.tracking == "none").ids
    print(f"[bench]   {len(tracked)} lot-tracked, {len(untracked)} untracked products", flush=True)
    return tracked, untracked


# ----------------------------------------------------------------------
# Bulk SQL phases
# ----------------------------------------------------------------------
def _copy(env, table, columns, rows):
    """COPY ``rows`` (tuples, None for NULL) into ``table``; prints the time to generate and to copy."""
    started = time.perf_counter()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(["\\N" if v is None else v for v in row])
    buffer.seek(0)
    generated = time.perf_counter()
    env.cr.copy_expert(
        f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",  # names are ours
        buffer,
    )
    copied = time.perf_counter()
    print(f"[bench]   {table}: rows generated in {generated - started:.1f} s, copied in {copied - generated:.1f} s",
          flush=True)  # fmt: skip


def _lots(env, tracked):
    """LOTS_PER_PRODUCT lots per tracked product; returns {(product id, k): lot id}."""
    env.flush_all()
    uom = dict(env["product.product"].browse(tracked).mapped(lambda p: (p.id, p.uom_id.id)))
    company = env.company.id
    now = fields.Datetime.to_string(fields.Datetime.now())
    uid = env.uid
    rows = (
        (f"LOT{pid:06d}-{k:02d}", pid, uom[pid], company, uid, now, uid, now)
        for pid in tracked
        for k in range(LOTS_PER_PRODUCT)
    )
    columns = ("name", "product_id", "product_uom_id", "company_id", "create_uid", "create_date", "write_uid",
               "write_date")  # fmt: skip
    _copy(env, "stock_lot", columns, rows)
    env.cr.execute("SELECT id, product_id, name FROM stock_lot WHERE product_id = ANY(%s)", [tracked])
    lots = {(pid, int(name.rsplit("-", 1)[1])): lot_id for lot_id, pid, name in env.cr.fetchall()}
    return lots


def _quants(env, locations, tracked, untracked, lots, count, rng):
    """``count`` quants spread over the stores' internal locations, unique per (product, location, lot).

    Each store gets ``count / stores`` quants drawn without replacement from its
    slots: every untracked product in each of its locations, every lot of every
    tracked product in each of its locations.
    """
    stores = list(locations)
    per_location = len(next(iter(locations.values())))
    untracked_slots = len(untracked) * per_location
    space = untracked_slots + len(tracked) * per_location * LOTS_PER_PRODUCT
    base, extra = divmod(count, len(stores))
    if base + (1 if extra else 0) > space:
        raise ValueError(
            f"{count} quants over {len(stores)} stores need {base + 1} per store but only {space} "
            "(product, location, lot) slots exist per store: ask for more products"
        )
    Location = env["stock.location"]
    company = {}
    inventory_date = {}
    for loc_ids in locations.values():
        for loc in Location.browse(loc_ids):
            company[loc.id] = loc.company_id.id
            inventory_date[loc.id] = fields.Date.to_string(loc._get_next_inventory_date())
    now = datetime.now().replace(microsecond=0)
    stamp = fields.Datetime.to_string(now)
    uid = env.uid
    lots_per_location = per_location * LOTS_PER_PRODUCT

    def rows():
        for index, store in enumerate(stores):
            loc_ids = locations[store]
            for slot in rng.sample(range(space), base + (1 if index < extra else 0)):
                if slot < untracked_slots:
                    product, loc, lot = untracked[slot // per_location], loc_ids[slot % per_location], None
                else:
                    slot -= untracked_slots
                    product = tracked[slot // lots_per_location]
                    rest = slot % lots_per_location
                    loc, lot = loc_ids[rest // LOTS_PER_PRODUCT], lots[(product, rest % LOTS_PER_PRODUCT)]
                qty = float(max(1, round(rng.lognormvariate(2.3, 1.0))))
                in_date = fields.Datetime.to_string(now - timedelta(minutes=rng.randrange(525_600)))
                # the values Odoo's computes give a quant created by a receipt (see module docstring)
                yield (product, company[loc], loc, lot, qty, 0.0, -qty, False, inventory_date[loc], in_date,
                       uid, stamp, uid, stamp)  # fmt: skip

    columns = ("product_id", "company_id", "location_id", "lot_id", "quantity", "reserved_quantity",
               "inventory_diff_quantity", "inventory_quantity_set", "inventory_date", "in_date",
               "create_uid", "create_date", "write_uid", "write_date")  # fmt: skip
    _copy(env, "stock_quant", columns, rows())
    return f"{count} quants, {base}-{base + (1 if extra else 0)} per store"


def _finish(env):
    """Fill ``stock.lot.location_id`` as ``_compute_single_location`` does, vacuum, drop caches."""
    cr = env.cr
    cr.execute(
        """
        UPDATE stock_lot l
           SET location_id = s.location_id
          FROM (SELECT lot_id, min(location_id) AS location_id
                  FROM stock_quant
                 WHERE lot_id IS NOT NULL AND quantity > 0
              GROUP BY lot_id
                HAVING count(DISTINCT location_id) = 1) s
         WHERE s.lot_id = l.id
        """
    )
    single = cr.rowcount
    env.invalidate_all()
    checked = _verify(env)
    _vacuum(env)
    env.invalidate_all()
    env.registry.clear_cache()
    return f"{single} lots in a single location; {checked}; tables vacuumed and analyzed"


# what Odoo's constraints and computes guarantee, checked on the bulk-loaded rows: name -> rows breaking it
INVARIANTS = {
    "quant outside an internal location": """
        SELECT count(*) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE l.usage != 'internal' OR l.warehouse_id IS NULL""",
    "quant company differs from its location's": """
        SELECT count(*) FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE q.company_id IS DISTINCT FROM l.company_id""",
    "quant of a non-storable product": """
        SELECT count(*) FROM stock_quant q JOIN product_product p ON p.id = q.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id WHERE NOT t.is_storable""",
    "lot missing on a tracked product's quant, or set on an untracked one": """
        SELECT count(*) FROM stock_quant q JOIN product_product p ON p.id = q.product_id
          JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE (t.tracking = 'lot') != (q.lot_id IS NOT NULL)""",
    "lot of another product": """
        SELECT count(*) FROM stock_quant q JOIN stock_lot l ON l.id = q.lot_id WHERE l.product_id != q.product_id""",
    "two quants for one product, location and lot": """
        SELECT count(*) FROM (SELECT 1 FROM stock_quant GROUP BY product_id, location_id, lot_id, package_id, owner_id
                              HAVING count(*) > 1) d""",
    "quant without in_date or inventory_date": """
        SELECT count(*) FROM stock_quant WHERE in_date IS NULL OR inventory_date IS NULL""",
}


def _verify(env, sample=5000):
    """Check the bulk-loaded rows: SQL invariants on all, Odoo's own constraint methods on lots and a sample.

    :raises RuntimeError: naming every invariant broken
    """
    broken = []
    for name, query in INVARIANTS.items():
        env.cr.execute(query)
        count = env.cr.fetchone()[0]
        if count:
            broken.append(f"{name}: {count}")
    if broken:
        raise RuntimeError("the bulk-loaded stock breaks Odoo's rules: " + "; ".join(broken))
    lots = env["stock.lot"].search([])
    lots._check_unique_lot()
    quants = env["stock.quant"].search([], limit=sample, order="id desc")
    quants.check_product_id()
    quants.check_location_id()
    quants.check_lot_id()
    return f"{len(INVARIANTS)} SQL invariants hold, Odoo's lot and quant constraints pass"


def _vacuum(env):
    """VACUUM ANALYZE the bulk-loaded tables, as autovacuum would soon after such a load.

    Statistics for the planner, and a visibility map so that counts can use
    index-only scans: without it the first benchmarks would measure a table
    that no production database looks like. VACUUM needs autocommit.
    """
    env.cr.commit()
    connection = env.cr._cnx
    connection.autocommit = True
    try:
        with connection.cursor() as raw:
            for table in VACUUMED:
                raw.execute(f"VACUUM ANALYZE {table}")  # our own constant table names
    finally:
        connection.autocommit = False


def _counts(env):
    cr = env.cr
    counts = {}
    for key, query in {
        "stores": "SELECT count(*) FROM chain_store",
        "warehouses": "SELECT count(*) FROM stock_warehouse",
        "store_warehouses": "SELECT count(*) FROM chain_store WHERE warehouse_id IS NOT NULL",
        "regions": "SELECT count(*) FROM chain_store_region",
        "locations": "SELECT count(*) FROM stock_location",
        "users": "SELECT count(*) FROM res_users WHERE login LIKE 'bench.%%'",
        "products": "SELECT count(*) FROM product_product",
        "tracked_products": "SELECT count(*) FROM product_template WHERE tracking = 'lot'",
        "lots": "SELECT count(*) FROM stock_lot",
        "quants": "SELECT count(*) FROM stock_quant",
    }.items():
        cr.execute(query)
        counts[key] = cr.fetchone()[0]
    return counts
