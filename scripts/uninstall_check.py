"""Fed to ``odoo shell`` by scripts/test --full: uninstall $CHAIN_ADDON and check nothing is left.

Prints ``UNINSTALL OK`` when the addon uninstalled and left no model,
field, view, menu or table of its own behind.
"""

# ruff: noqa: F821 - ``env`` is given by odoo shell
import os

addon = os.environ["CHAIN_ADDON"]
module = env["ir.module.module"].search([("name", "=", addon)])
assert module.state == "installed", f"{addon} is {module.state}, not installed"
own = [name for name, model in env.registry.items() if model._original_module == addon]
tables = [env[name]._table for name in own if env[name]._auto and not env[name]._abstract]
views = [env[name]._table for name in own if not env[name]._auto and not env[name]._abstract]
# stored fields that only this addon defines (an addon may also redefine a core field)
env.cr.execute(
    """
    SELECT m.model, f.name
      FROM ir_model_fields f
      JOIN ir_model m ON m.id = f.model_id
      JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
     WHERE f.store AND f.ttype NOT IN ('one2many', 'many2many')
     GROUP BY m.model, f.name
    HAVING array_agg(DISTINCT d.module) = ARRAY[%s]::varchar[]
    """,
    [addon],
)
columns = [
    (env[model]._table, name)
    for model, name in env.cr.fetchall()
    if model in env and env[model]._auto and env[model]._original_module != addon
]
module.button_immediate_uninstall()
env.invalidate_all()
left = []
if module.state != "uninstalled":
    left.append(f"state {module.state}")
if env["ir.model.data"].search_count([("module", "=", addon)]):
    left.append("ir.model.data records")
for table in tables + views:
    env.cr.execute("SELECT to_regclass(%s)", [table])
    if env.cr.fetchone()[0]:
        left.append(f"table {table}")
for table, column in columns:
    env.cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", [table, column]
    )
    if env.cr.fetchone():
        left.append(f"column {table}.{column}")
print(f"checked {len(tables)} tables, {len(views)} views, {len(columns)} columns: {columns}")
print("UNINSTALL OK" if not left else f"UNINSTALL LEFT: {', '.join(left)}")
env.cr.commit()
