"""Fed to ``odoo shell`` by scripts/test --full: uninstall $CHAIN_ADDON and check nothing is left.

Prints ``UNINSTALL OK`` when the addon uninstalled and left no model,
field, view, menu or table of its own behind.
"""
# ruff: noqa: F821 - ``env`` is given by odoo shell
import os

addon = os.environ["CHAIN_ADDON"]
module = env["ir.module.module"].search([("name", "=", addon)])
assert module.state == "installed", f"{addon} is {module.state}, not installed"
models = env["ir.model"].search([("modules", "ilike", addon)]).filtered(
    lambda m: m.modules.split(", ") == [addon]
)
tables = [env[m.model]._table for m in models if m.model in env and env[m.model]._auto]
module.button_immediate_uninstall()
env.invalidate_all()
left = []
if module.state != "uninstalled":
    left.append(f"state {module.state}")
if env["ir.model.data"].search_count([("module", "=", addon)]):
    left.append("ir.model.data records")
for table in tables:
    env.cr.execute("SELECT to_regclass(%s)", [table])
    if env.cr.fetchone()[0]:
        left.append(f"table {table}")
print("UNINSTALL OK" if not left else f"UNINSTALL LEFT: {', '.join(left)}")
env.cr.commit()
