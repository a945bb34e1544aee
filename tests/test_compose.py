"""Static checks of docker-compose.yml and config/odoo.conf (no Docker, no Odoo, no database).

Each test guards something a user would notice breaking: ``docker compose up`` no longer
serving the demo on port 8069, ``docker compose run --rm test`` not running the suite,
Odoo unable to reach the database, or a production setting lost from the sample config.
"""

import configparser
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
ODOO_CONF = ROOT / "config" / "odoo.conf"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def conf():
    # Odoo reads its config file with RawConfigParser too (no interpolation).
    parser = configparser.RawConfigParser()
    assert parser.read(ODOO_CONF), f"{ODOO_CONF} is missing"
    return parser


def environment(service):
    """A service's ``environment`` as a dict, whichever YAML form it uses."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: None if value is None else str(value) for key, value in env.items()}


def mounts(service):
    """``{target: (source, read_only)}`` of a service's volumes, short or long syntax."""
    result = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, str):
            parts = volume.split(":")
            source, target = parts[0], parts[1]
            read_only = len(parts) > 2 and "ro" in parts[2].split(",")
        else:
            source, target = volume.get("source"), volume["target"]
            read_only = bool(volume.get("read_only"))
        result[target] = (source, read_only)
    return result


def argv(value):
    """A command/entrypoint as one string, whichever YAML form it uses."""
    if value is None:
        return ""
    return value if isinstance(value, str) else " ".join(str(part) for part in value)


def dockerfile_stages(service):
    """``{stage name: stage text}`` of the service's inline Dockerfile."""
    text = service["build"]["dockerfile_inline"]
    stages = {}
    for chunk in re.split(r"^(?=FROM )", text, flags=re.MULTILINE):
        match = re.match(r"FROM (\S+)(?: AS (\S+))?", chunk)
        if match:
            stages[match.group(2) or match.group(1)] = chunk
    return stages


def published_ports(service):
    ports = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            ports.add((str(port.get("published")), str(port["target"])))
        else:
            host, _, container = str(port).rpartition(":")
            ports.add((host.rpartition(":")[2], container.split("/")[0]))
    return ports


# ----------------------------------------------------------------------
# docker-compose.yml
# ----------------------------------------------------------------------
def test_the_three_services_exist(services):
    assert {"db", "odoo", "test"} <= set(services)


def test_db_is_postgres_16_with_persistent_data_and_healthcheck(compose, services):
    db = services["db"]
    assert db["image"] == "postgres:16"
    source, _ro = mounts(db)["/var/lib/postgresql/data"]
    assert source in (compose.get("volumes") or {}), "the database must live in a named volume"
    assert "pg_isready" in argv(db["healthcheck"]["test"])


def test_db_user_is_not_postgres(services):
    # Odoo aborts with "Using the database user 'postgres' is a security risk".
    assert environment(services["db"]).get("POSTGRES_USER") not in (None, "postgres")


def test_odoo_image_extends_the_official_odoo_18(services):
    stages = dockerfile_stages(services["odoo"])
    first = next(iter(stages.values()))
    assert first.startswith("FROM odoo:18.0")
    stage = stages[services["odoo"]["build"]["target"]]
    assert "requirements.txt" in stage and "requirements-test.txt" in stage
    pip = re.search(r"^RUN .*pip install(?:.*\\\n)*.*$", stage, flags=re.MULTILINE)
    assert pip, "the requirements must be pip-installed"
    assert "--break-system-packages" in pip.group(0), "pip refuses the image's externally managed Python without it"
    assert "requirements.txt" in pip.group(0) and "requirements-test.txt" in pip.group(0)
    users = re.findall(r"^USER (\S+)", stage, flags=re.MULTILINE)
    assert users and users[-1] == "odoo", "the image must end running as odoo, not root"


def test_build_copies_files_that_exist(services):
    for name in ("odoo", "test"):
        build = services[name]["build"]
        context = ROOT / build.get("context", ".")
        for source in re.findall(r"^COPY (\S+) ", build["dockerfile_inline"], flags=re.MULTILINE):
            assert (context / source).is_file(), f"{name}: COPY {source}: no such file in the build context"


def test_odoo_serves_port_8069(services):
    assert ("8069", "8069") in published_ports(services["odoo"])


def test_odoo_mounts_addons_config_and_data(compose, services):
    volumes = mounts(services["odoo"])
    assert volumes["/mnt/extra-addons"][0] in ("./addons", "addons")
    source, read_only = volumes["/etc/odoo/odoo.conf"]
    assert source in ("./config/odoo.conf", "config/odoo.conf") and read_only
    assert volumes["/var/lib/odoo"][0] in (compose.get("volumes") or {}), "the filestore must survive the container"


def test_odoo_waits_for_a_healthy_db(services):
    assert services["odoo"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_odoo_installs_every_chain_addon_with_demo_then_serves(services):
    odoo = services["odoo"]
    script = argv(odoo.get("command"))
    assert "chain_" in script and "/mnt/extra-addons" in script, "the addon list must be computed from the mount"
    assert re.search(r"odoo -d \S+ -i \S+ --stop-after-init", script)
    assert "without-demo" not in script and "without_demo" not in script
    assert re.search(r"exec odoo -d ", script), "odoo must end as the container's main process"
    assert environment(odoo).get("CHAIN_DB") == "chain_demo"


def test_test_service_is_not_started_by_up_and_runs_scripts_test(services):
    test = services["test"]
    assert test.get("profiles"), "without a profile `docker compose up` would run the tests too"
    assert "scripts/test" in argv(test.get("entrypoint")) + " " + argv(test.get("command"))
    source, _ro = mounts(test)["/chain"]
    assert source in (".", "./")
    assert test["build"]["target"] in dockerfile_stages(test)


def test_test_service_uses_the_db_service(services):
    env = environment(services["test"])
    assert env.get("PGHOST") == "db"
    assert env.get("PGPORT") == "5432"
    assert "ODOO_HOME" not in env, "Odoo is importable in the image; ODOO_HOME would point elsewhere"
    assert not env.get("CHAIN_TEST_LOGS", "/chain").startswith("/chain"), "/chain is read-only"


def test_credentials_match_everywhere(services, conf):
    db_env = environment(services["db"])
    test_env = environment(services["test"])
    options = conf["options"]
    assert options["db_host"] == "db"
    assert options["db_port"] == "5432"
    assert options["db_user"] == db_env["POSTGRES_USER"] == test_env["PGUSER"]
    assert options["db_password"] == db_env["POSTGRES_PASSWORD"] == test_env["PGPASSWORD"]


# ----------------------------------------------------------------------
# config/odoo.conf
# ----------------------------------------------------------------------
def test_conf_has_no_inline_comments(conf):
    # RawConfigParser, as Odoo uses it, keeps "; ..." after a value as part of the value.
    for section in conf.sections():
        for key, value in conf.items(section):
            assert not re.search(r"\s[;#]", value), f"[{section}] {key}: inline comment in {value!r}"


def test_conf_paths_match_the_image(conf):
    options = conf["options"]
    assert options["addons_path"].split(",")[0] == "/mnt/extra-addons"
    assert "/usr/lib/python3/dist-packages/odoo/addons" in options["addons_path"].split(",")
    assert options["data_dir"] == "/var/lib/odoo"


def test_conf_is_production_ready(conf):
    options = conf["options"]
    assert int(options["workers"]) > 0
    assert options["proxy_mode"] == "True"
    assert options["list_db"] == "False"
    assert int(options["limit_time_real"]) > int(options["limit_time_cpu"]) > 0
    assert int(options["limit_memory_hard"]) > int(options["limit_memory_soft"]) > 0
    assert int(options["gevent_port"]) == 8072
    assert options.get("admin_passwd") not in (None, "", "admin")


def test_conf_runs_queue_job_with_channels(conf):
    options = conf["options"]
    assert "queue_job" in options["server_wide_modules"].split(",")
    channels = dict(item.split(":")[:2] for item in conf["queue_job"]["channels"].split(","))
    assert {"root", "root.channel_sync", "root.reports"} <= set(channels)
    # Jobs run in HTTP workers: more concurrent jobs than workers would starve users.
    assert int(channels["root"]) < int(options["workers"])


def test_test_requirements_include_the_browser_test_client():
    names = {
        re.split(r"[<>=!~;\[ ]", line.strip(), maxsplit=1)[0].lower()
        for line in (ROOT / "scripts" / "requirements-test.txt").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    }
    assert {"ruff", "pylint-odoo", "pytest", "websocket-client", "pyyaml"} <= names
