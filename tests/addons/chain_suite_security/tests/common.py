"""What the adversarial tests read from the registry, and the roles they attack with."""

import inspect

from odoo import Command, fields, models
from odoo.tests import new_test_user

CHAIN_PREFIX = "odoo.addons.chain_"
SUITE_MODULE = "odoo.addons.chain_suite_"

# Every chain role, with the groups that make it. A user of each works in one store.
ROLE_GROUPS = {
    "store staff": "chain_store.group_chain_store_user",
    "store manager": "chain_store.group_chain_store_manager",
    "region manager": "chain_store.group_chain_region_manager",
    "chain manager": "chain_store.group_chain_manager",
    "channel user": "chain_channel.group_channel_user,chain_store.group_chain_store_user",
    "channel manager": "chain_channel.group_channel_manager,chain_store.group_chain_store_user",
    "expiry exception": "chain_stock_expiry.group_chain_expiry_exception,chain_store.group_chain_store_user",
    "expiry manager": "chain_stock_expiry.group_chain_expiry_manager,chain_store.group_chain_store_manager",
    "recall manager": "chain_stock_recall.group_chain_recall_manager,chain_store.group_chain_store_user",
}

# Names a chain class may define without them being "public methods" of a workflow:
# the ORM's own entry points (their guards are tested through write/create/load).
ORM_METHODS = {
    "create", "write", "unlink", "copy", "copy_data", "read", "search", "search_read", "search_count",
    "name_search", "name_create", "default_get", "fields_get", "read_group", "web_read", "web_save",
    "web_search_read", "web_read_group", "onchange", "load", "export_data", "get_views", "init",
    "toggle_active", "action_archive", "action_unarchive", "message_post", "get_empty_list_help",
}  # fmt: skip


def chain_classes(model_class):
    """The classes of a model that Chain addons define (new model or extension)."""
    return [
        klass
        for klass in model_class.__mro__
        if klass.__module__.startswith(CHAIN_PREFIX)
        and isinstance(klass, models.MetaModel)
        and ("_name" in klass.__dict__ or "_inherit" in klass.__dict__)
    ]


def defines_fields(klass):
    """Whether the class body defines fields (not the magic ones Odoo adds: id, display_name, ...)."""
    return any(
        isinstance(value, fields.Field) and not value.automatic and name not in models.MAGIC_COLUMNS
        for name, value in klass.__dict__.items()
    )


def chain_models(env, with_suite=False):
    """``{model name: [chain classes]}`` of every model a Chain addon adds or extends."""
    result = {}
    for name in env.registry:
        classes = chain_classes(type(env[name]))
        if not with_suite:
            classes = [k for k in classes if not k.__module__.startswith(SUITE_MODULE)]
        if classes:
            result[name] = classes
    return result


def public_methods(classes):
    """Public method names (callable over RPC) that the given classes define."""
    names = set()
    for klass in classes:
        for name, value in klass.__dict__.items():
            if name.startswith("_") or name in ORM_METHODS:
                continue
            if inspect.isfunction(value):
                names.add(name)
    return sorted(names)


def store_paths(model):
    """The declared paths from a record of ``model`` to its store(s), as a tuple."""
    declared = type(model)._chain_store_field
    if not declared:
        return ()
    return (declared,) if isinstance(declared, str) else tuple(declared)


def stores_of(records, paths):
    """``{record id: set of store ids}`` read as superuser along ``paths``."""
    result = {}
    for record in records.sudo().with_context(active_test=False):
        ids = set()
        for path in paths:
            value = record if path == "id" else record.mapped(path)
            ids.update(value.ids)
        result[record.id] = ids
    return result


def make_role_users(env, store, suffix=""):
    """One user per chain role, working in ``store`` (managers manage it)."""
    users = {}
    installed = set(env.registry._init_modules) | {
        m.name for m in env["ir.module.module"].sudo().search([("state", "=", "installed")])
    }
    for role, groups in ROLE_GROUPS.items():
        if any(g.split(".")[0] not in installed for g in groups.split(",")):
            continue
        user = new_test_user(
            env,
            login=f"adv_{role.replace(' ', '_')}{suffix}",
            groups=f"base.group_user,{groups}",
            chain_store_ids=[Command.set(store.ids)],
            chain_store_id=store.id,
        )
        users[role] = user
    if "store manager" in users:
        store.manager_id = users["store manager"]
    return users
