"""pytest plugin (``-p chainpytest``) for the tests that need no database.

Makes ``odoo.addons.chain_*`` importable, and imports test files found under
``addons/`` by their real module name (``odoo.addons.<addon>.tests.<file>``):
Odoo refuses model classes imported under any other name.
"""

import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"

try:
    import odoo.addons
except ImportError:  # the suite-level static checks run without Odoo too
    odoo = None
else:
    if str(ADDONS) not in odoo.addons.__path__:
        odoo.addons.__path__.append(str(ADDONS))
    # A source checkout keeps Odoo's own addons (web, stock, ...) beside the package:
    # an addon's __init__ may import them (chain_store's controllers import web's).
    _source_addons = Path(odoo.__file__).resolve().parent.parent / "addons"
    if _source_addons.is_dir() and str(_source_addons) not in odoo.addons.__path__:
        odoo.addons.__path__.append(str(_source_addons))


def pytest_pycollect_makemodule(module_path, parent):
    path = Path(module_path)
    if odoo is None or ADDONS not in path.parents:
        return None
    name = "odoo.addons." + ".".join(path.relative_to(ADDONS).with_suffix("").parts)
    module = pytest.Module.from_parent(parent, path=path)
    module._getobj = lambda: importlib.import_module(name)
    return module


def pytest_collect_directory(path, parent):
    # A plain directory, not a Package: pytest would import the addon's
    # __init__.py under a name Odoo refuses.
    if odoo is not None and (Path(path) == ADDONS or ADDONS in Path(path).parents):
        return pytest.Dir.from_parent(parent, path=Path(path))
    return None
