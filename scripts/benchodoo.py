"""The part of ``scripts/bench`` that runs inside Odoo (started by it, with Odoo importable).

Usage (internal): benchodoo.py --db NAME --addons-path PATHS build [--stores N] [--products M]
                  [--quants Q] [--seed S] [--install-seconds T]
                  benchodoo.py --db NAME --addons-path PATHS run [--repeat K] [--json PATH] [names...]
                  benchodoo.py --db NAME --addons-path PATHS build-members [--stores N] [--members M]
                  [--ledger-per-member L] [--install-seconds T]
                  benchodoo.py --db NAME --addons-path PATHS run-members [--repeat K] [--json PATH] [names...]
"""

import argparse
import contextlib
import json
import os
import platform
import sys
from pathlib import Path

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib


@contextlib.contextmanager
def environment(db, addons_path):
    """A superuser environment on ``db``; the transaction is rolled back unless committed."""
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        try:
            yield env
        finally:
            cr.rollback()


def dataset_of(env):
    # sudo: system parameters are readable by administrators only
    raw = env["ir.config_parameter"].sudo().get_param("chain_bench.dataset")
    return json.loads(raw) if raw else None


def _pg_settings(env):
    """The server settings that move query plans, as configured on the server."""
    names = ["shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "jit"]
    env.cr.execute("SELECT name, current_setting(name) FROM pg_settings WHERE name = ANY(%s)", [names])
    return dict(env.cr.fetchall())


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build")
    build.add_argument("--stores", type=int, default=100)
    build.add_argument("--products", type=int, default=5000)
    build.add_argument("--quants", type=int, default=1_000_000)
    build.add_argument("--seed", type=int, default=42)
    build.add_argument("--install-seconds", type=float)
    run = sub.add_parser("run")
    run.add_argument("--repeat", type=int, default=5)
    run.add_argument("--json", required=True)
    run.add_argument("--pg-set", action="append", default=[], metavar="NAME=VALUE")
    run.add_argument("names", nargs="*")
    build_members = sub.add_parser("build-members")
    build_members.add_argument("--stores", type=int, default=500)
    build_members.add_argument("--members", type=int, default=2_000_000)
    build_members.add_argument("--ledger-per-member", type=int, default=10)
    build_members.add_argument("--install-seconds", type=float)
    run_members = sub.add_parser("run-members")
    run_members.add_argument("--repeat", type=int, default=5)
    run_members.add_argument("--json", required=True)
    run_members.add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    if args.command in ("build-members", "run-members"):
        with environment(args.db, args.addons_path) as env:
            import benchmember  # imports odoo.addons.chain_member

            return benchmember.main(env, args, _pg_settings)

    with environment(args.db, args.addons_path) as env:
        # imported once the addons path is known: they import odoo.addons.chain_store
        import benchbuild
        import benchcases
        import benchchannel
        import benchdashboard
        import benchexpiry
        import benchledger
        import benchpos
        import benchreplenish

        if benchexpiry.available(env):
            benchcases.CASES.update({case.name: case for case in benchexpiry.CASES})
        if benchpos.available(env):
            benchcases.CASES.update({case.name: case for case in benchpos.CASES})
        if benchledger.available(env):
            benchcases.CASES.update({case.name: case for case in benchledger.CASES})
        if benchchannel.available(env):
            benchcases.CASES.update({case.name: case for case in benchchannel.CASES})
        if benchdashboard.available(env):
            benchcases.CASES.update({case.name: case for case in benchdashboard.CASES})
        if benchreplenish.available(env):
            benchcases.CASES.update({case.name: case for case in benchreplenish.CASES})

        if args.command == "build":
            benchbuild.build(env, args.stores, args.products, args.quants, args.seed, args.install_seconds)
            return 0
        dataset = dataset_of(env)
        if not dataset:
            print(f"[bench] {args.db} has no complete bench dataset: run `scripts/bench build`", file=sys.stderr)
            return 2
        counts = ", ".join(f"{k} {dataset[k]}" for k in ("stores", "warehouses", "products", "lots", "quants"))
        print(f"[bench] {args.db}: {counts}; {args.repeat} repeats per side", flush=True)
        pg_settings = [tuple(item.split("=", 1)) for item in args.pg_set]
        results = benchcases.run(env, args.names, args.repeat, dataset, pg_settings)
        env.cr.execute("SELECT version()")
        meta = {
            "db": args.db,
            "repeat": args.repeat,
            "odoo": odoo.release.version,
            "postgresql": env.cr.fetchone()[0].split(" on ")[0],
            "pg_settings": _pg_settings(env),
            "pg_set_per_case": dict(pg_settings),
            "python": platform.python_version(),
            "host": platform.node(),
            "cpus": len(os.sched_getaffinity(0)),
        }
        doc = benchlib.document(results, dataset=dataset, meta=meta)
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(doc, indent=2) + "\n")
        summary = doc["summary"]
        print(f"[bench] {summary['passed']}/{summary['total']} targets met; results in {path}", flush=True)
        return 0 if summary["missed"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
