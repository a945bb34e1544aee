"""Shared plumbing of ``scripts/run``, ``scripts/test`` and ``scripts/bench``.

Finds Odoo 18 and PostgreSQL, and runs Odoo commands with the suite's
addons path. Standard library only: this module must work before anything
is installed, to say clearly what is missing.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
PYTHON = os.environ.get("CHAIN_PYTHON") or sys.executable


class SetupError(RuntimeError):
    """Something the suite needs is missing; the message says what to do."""


def log(msg):
    print(f"[chain] {msg}", flush=True)


# ----------------------------------------------------------------------
# Addons
# ----------------------------------------------------------------------
def chain_addons(base=ADDONS):
    """Names of the installable chain addons found in ``base``."""
    names = []
    for manifest in sorted(Path(base).glob("chain_*/__manifest__.py")):
        data = eval(manifest.read_text(), {"__builtins__": {}})
        if data.get("installable", True):
            names.append(manifest.parent.name)
    return names


def addon_depends(name, base=ADDONS):
    manifest = Path(base) / name / "__manifest__.py"
    return eval(manifest.read_text(), {"__builtins__": {}}).get("depends", [])


def addon_core_depends(name, base=ADDONS):
    """The modules other than chain addons that ``name`` depends on, through its chain dependencies too."""
    core, todo, seen = set(), [name], set()
    while todo:
        addon = todo.pop()
        for dep in addon_depends(addon, base):
            if dep.startswith("chain_") and (Path(base) / dep).is_dir():
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
            else:
                core.add(dep)
    return sorted(core)


# ----------------------------------------------------------------------
# Odoo
# ----------------------------------------------------------------------
class Odoo:
    """How to run Odoo 18 here: the interpreter, PYTHONPATH and addons path."""

    def __init__(self):
        home = os.environ.get("ODOO_HOME")
        self.pythonpath = []
        if home:
            home = Path(home).resolve()
            if not (home / "odoo" / "release.py").is_file():
                raise SetupError(f"ODOO_HOME={home} is not an Odoo source tree (no odoo/release.py in it).")
            self.pythonpath = [str(home)]
        probe = (
            "import os, odoo, odoo.release as r; "
            "print(r.version_info[0]); print(os.path.dirname(odoo.__file__)); "
            "import odoo.addons as a; print(os.pathsep.join(a.__path__))"
        )
        out = subprocess.run([PYTHON, "-c", probe], env=self.env(), capture_output=True, text=True, check=False)
        if out.returncode != 0:
            detail = (out.stderr.strip().splitlines() or [""])[-1]
            raise SetupError(
                f"Odoo 18 is not importable by {PYTHON} and ODOO_HOME is not set ({detail}).\n"
                "Install an Odoo 18.0 source checkout into this Python (pip install -e <checkout>, "
                "as in Odoo's 'install from source' guide) or set ODOO_HOME to the checkout.\n"
                "If OCA addon wheels are installed and Odoo was installed editable, reinstall it with "
                "'--config-settings editable_mode=compat' (see README)."
            )
        major, package, namespace = out.stdout.strip().splitlines()[:3]
        if major != "18":
            raise SetupError(f"Odoo {major} found at {package}: the Chain addons need Odoo 18.0.")
        self.package = Path(package)
        paths = [str(ADDONS)]
        source_addons = self.package.parent / "addons"  # a source checkout keeps most addons there
        if (source_addons / "web" / "__manifest__.py").is_file():
            paths.append(str(source_addons))
        for ns in namespace.split(os.pathsep):  # odoo/addons and pip-installed addon wheels
            if ns and Path(ns).is_dir() and ns not in paths:
                paths.append(ns)
        self.addons_paths = paths

    def env(self, extra=None):
        env = dict(os.environ)
        if self.pythonpath:
            env["PYTHONPATH"] = os.pathsep.join(self.pythonpath + [env.get("PYTHONPATH", "")]).strip(os.pathsep)
        env.update(extra or {})
        return env

    def command(self, *args, addons_paths=()):
        """The argv of an Odoo server command with the suite's addons path."""
        paths = list(addons_paths) + self.addons_paths
        return [PYTHON, "-m", "odoo", *args[:1], f"--addons-path={','.join(paths)}", *args[1:]]


def create_cn_database(odoo, pg, db, run, logfile=None, extra=()):
    """Create ``db`` as a Chinese company before any addon: the demo chain's books are in CNY.

    Odoo picks a company's chart of accounts (and with it the currency) from the
    company's country when the first chart is installed, and refuses to change the
    currency once journal items exist. So the database gets ``base`` first, its
    main company moves to China, then ``l10n_cn`` installs the Chinese chart
    (``cn``, CNY, VAT 13%/9%/6%) before ``account``'s demo data or any chain addon
    posts anything. ``run(argv, logfile, env=...)`` runs a command; returns its
    exit code (0 when all went well).
    """
    rc = run(odoo.command("server", "-d", db, "-i", "base", "--stop-after-init", *extra), logfile, env=odoo.env())
    if rc:
        return rc
    # the currency too, as Odoo's database manager does with a country: the price lists that
    # product creates with the chart's modules are in the company's currency
    pg.psql(
        "UPDATE res_partner SET country_id = (SELECT id FROM res_country WHERE code = 'CN')"
        " WHERE id = (SELECT partner_id FROM res_company WHERE id = 1);"
        " UPDATE res_currency SET active = true WHERE name = 'CNY';"
        " UPDATE res_company SET currency_id = (SELECT id FROM res_currency WHERE name = 'CNY') WHERE id = 1",
        db,
    )
    return run(odoo.command("server", "-d", db, "-i", "l10n_cn", "--stop-after-init", *extra), logfile, env=odoo.env())


# ----------------------------------------------------------------------
# PostgreSQL
# ----------------------------------------------------------------------
def free_port(start=8069):
    for port in range(start, start + 200):
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SetupError(f"no free TCP port from {start}")


def _pg_bindir():
    for candidate in (os.environ.get("PG_BINDIR"),):
        if candidate and (Path(candidate) / "initdb").exists():
            return Path(candidate)
    pg_config = shutil.which("pg_config")
    if pg_config:
        out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        path = Path(out.stdout.strip())
        if (path / "initdb").exists():
            return path
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if versions:
        return versions[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise SetupError(
        "No PostgreSQL server answers on the PG* settings and no PostgreSQL server binaries "
        "were found to start one (install Debian's 'postgresql' package, or set PGHOST/PGPORT/PGUSER)."
    )


class Postgres:
    """A PostgreSQL server for the suite: the one on the PG* settings, or a private one.

    The private cluster lives in ``$TMPDIR/chain-pg-<uid>`` so that the cached
    template databases survive between runs; it is started on demand and
    stopped by :meth:`stop` (also on failure, through ``with``) by the last run
    using it: each run registers its pid under ``users/``, so a run that ends
    never stops the server under another one still running.
    """

    ROLE = "chain"

    def __init__(self):
        self.started = False
        self.env = {}
        self.datadir = None
        self.as_user = None

    # -- discovery -----------------------------------------------------
    def _answers(self, env):
        psql = shutil.which("psql")
        if not psql:
            return False
        out = subprocess.run(
            [psql, "-XAtqc", "select rolcreatedb or rolsuper from pg_roles where rolname = current_user", "postgres"],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
        return out.returncode == 0 and out.stdout.strip() == "t"

    def __enter__(self):
        if os.environ.get("CHAIN_PRIVATE_PG") != "1" and any(k.startswith("PG") for k in os.environ):
            if self._answers({}):
                self.env = {}
                log(f"PostgreSQL: using the server on PGHOST={os.environ.get('PGHOST', '(default)')}")
                return self
            raise SetupError(
                "PG* settings are set but no PostgreSQL server answers there with a role allowed to "
                "create databases. Fix them, or unset them to let the suite start its own server."
            )
        self._start_private()
        return self

    def __exit__(self, *exc):
        self.stop()

    # -- private cluster -----------------------------------------------
    def _run_as(self, argv, **kw):
        if self.as_user:
            argv = ["runuser", "-u", self.as_user, "--", *argv]
        return subprocess.run(argv, check=True, **kw)

    def _start_private(self):
        bindir = _pg_bindir()
        uid = os.getuid()
        base = Path(os.environ.get("CHAIN_PG_DIR") or Path(tempfile.gettempdir()) / f"chain-pg-{uid}")
        self.datadir = base / "data"
        sockdir = base
        if uid == 0:  # PostgreSQL refuses to run as root: run it as an unprivileged system user
            for name in ("postgres", "nobody"):
                try:
                    pwd.getpwnam(name)
                except KeyError:
                    continue
                self.as_user = name
                break
            else:
                raise SetupError("running as root and no 'postgres' user to run PostgreSQL as")
        base.mkdir(parents=True, exist_ok=True)
        if self.as_user:
            shutil.chown(base, user=self.as_user)
        port = int(os.environ.get("CHAIN_PG_PORT") or 0) or self._port_for(base)
        self.env = {"PGHOST": str(sockdir), "PGPORT": str(port), "PGUSER": self.ROLE, "PGDATABASE": "postgres"}
        os.environ.update(self.env)  # children (odoo, psql) inherit it
        if not (self.datadir / "PG_VERSION").exists():
            log(f"PostgreSQL: creating a private cluster in {self.datadir}")
            if self.datadir.exists():
                shutil.rmtree(self.datadir)
            self._run_as(
                [str(bindir / "initdb"), "-D", str(self.datadir), "-A", "trust", "-U", "postgres",
                 "-E", "UTF8", "--locale=C.UTF-8"],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        prefix = ["runuser", "-u", self.as_user, "--"] if self.as_user else []
        status = subprocess.run(
            [*prefix, str(bindir / "pg_ctl"), "status", "-D", str(self.datadir)], capture_output=True, check=False
        )
        if status.returncode != 0:
            opts = (
                f"-p {port} -k {sockdir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                "-c full_page_writes=off -c max_connections=100 -c shared_buffers=256MB"
            )
            self._run_as(
                [str(bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.datadir), "-o", opts,
                 "-l", str(base / "postgres.log")],
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            self.started = True
            self._bindir = bindir
            (base / "started-by-run").touch()
            log(f"PostgreSQL: started a private server on {sockdir}:{port}")
        else:
            log(f"PostgreSQL: reusing the private server on {sockdir}:{port}")
        self._register(base)
        subprocess.run(
            ["psql", "-XAtq", "-U", "postgres", "-c",
             f"DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{self.ROLE}') "
             f"THEN CREATE ROLE {self.ROLE} SUPERUSER LOGIN; END IF; END$$;", "postgres"],
            check=True, env={**os.environ, "PGUSER": "postgres"},
        )  # fmt: skip

    @staticmethod
    def _port_for(base):
        port_file = base / "port"
        if port_file.exists():
            return int(port_file.read_text())
        port = free_port(54320)
        port_file.write_text(str(port))
        return port

    def _register(self, base):
        self._users = base / "users"
        self._users.mkdir(exist_ok=True)
        if self.as_user:
            shutil.chown(self._users, user=self.as_user)
        (self._users / str(os.getpid())).touch()
        self._bindir = _pg_bindir()

    def _other_users(self):
        """Pids of other live runs registered on the private server (stale entries are removed)."""
        others = []
        for entry in self._users.iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            pid = int(entry.name)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                entry.unlink(missing_ok=True)
                continue
            except PermissionError:
                pass
            others.append(pid)
        return others

    def stop(self):
        users = getattr(self, "_users", None)
        if users is not None:
            (users / str(os.getpid())).unlink(missing_ok=True)
            if self._other_users():
                log("PostgreSQL: left the private server running for the other runs using it")
                self.started = False
                return
            # the last run out stops the server if a run started it (not one started by hand)
            self.started = (users.parent / "started-by-run").exists()
        if self.started:
            self._run_as(
                [str(self._bindir / "pg_ctl"), "stop", "-m", "fast", "-D", str(self.datadir)],
                stdout=subprocess.DEVNULL,
            )
            self.started = False
            if users is not None:
                (users.parent / "started-by-run").unlink(missing_ok=True)
            log("PostgreSQL: stopped the private server")

    # -- databases -----------------------------------------------------
    def psql(self, sql, db="postgres"):
        out = subprocess.run(
            ["psql", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql, db], capture_output=True, text=True, check=False
        )
        if out.returncode != 0:
            raise RuntimeError(f"psql failed: {sql}\n{out.stderr}")
        return out.stdout.strip()

    def db_exists(self, name):
        return self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"

    def databases(self, prefix):
        rows = self.psql(f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'")
        return [r for r in rows.splitlines() if r]

    def drop(self, name):
        subprocess.run(["dropdb", "--if-exists", "--force", name], check=True)

    def clone(self, template, name):
        self.drop(name)
        subprocess.run(["createdb", "-T", template, name], check=True)

    def rename(self, old, new):
        self.psql(f'ALTER DATABASE "{old}" RENAME TO "{new}"')


def install_signal_handlers():
    """Turn SIGTERM/SIGHUP into SystemExit so ``with`` blocks clean up."""

    def _exit(signum, _frame):
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _exit)


def wait_for_http(port, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.closing(socket.socket()) as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.5)
    return False
