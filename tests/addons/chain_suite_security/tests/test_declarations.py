from odoo.tests import TransactionCase, tagged

from .common import chain_models, defines_fields, store_paths

# Models that name a store but are not store documents, each with its reason.
NOT_STORE_DOCUMENTS = {
    "res.users": "a user works in several stores: the store rules read them, they are not a document",
    "chain.store.region": "a region groups stores; its own rules apply",
    "chain.replenish.purchase.line": "the DC's purchase suggestions: DC-level figures (product, quantity, supplier)",
}


@tagged("post_install", "-at_install")
class TestDeclarations(TransactionCase):
    """Every model a Chain addon adds or extends says which fields only its workflow may change.

    A new addon whose class adds a model or fields without ``_chain_guarded_fields``
    fails here, as does a declaration naming a field or a method that does not exist.
    """

    def test_every_chain_class_declares_its_guarded_fields(self):
        missing = []
        for name, classes in chain_models(self.env).items():
            for klass in classes:
                inherit = klass.__dict__.get("_inherit") or ()
                inherit = [inherit] if isinstance(inherit, str) else list(inherit)
                new_model = klass.__dict__.get("_name") not in (None, *inherit)
                if (new_model or defines_fields(klass)) and "_chain_guarded_fields" not in klass.__dict__:
                    missing.append(f"{name} ({klass.__module__}.{klass.__name__})")
        self.assertFalse(
            missing,
            "declare _chain_guarded_fields (or {} with the reason) on:\n" + "\n".join(sorted(missing)),
        )

    def test_declared_fields_and_transitions_exist(self):
        wrong = []
        for name in chain_models(self.env):
            model = self.env[name]
            for field, methods in type(model)._chain_guard_declarations().items():
                if field not in model._fields:
                    wrong.append(f"{name}: no field {field}")
                elif not model._fields[field].store:
                    wrong.append(f"{name}: {field} is not stored: nothing to guard")
                for method in methods:
                    if not callable(getattr(model, method, None)):
                        wrong.append(f"{name}: no method {method}")
                    elif method.startswith("_"):
                        continue
                    elif not getattr(type(model).__dict__.get(method), "_chain_transition_fields", None):
                        wrong.append(f"{name}: {method} is not wrapped as a transition")
        self.assertFalse(wrong, "\n".join(wrong))

    def test_store_documents_say_where_their_store_is(self):
        """A stored link to a store makes a store document: it names its path to the store."""
        missing, wrong = [], []
        for name in chain_models(self.env):
            model = self.env[name]
            if name in NOT_STORE_DOCUMENTS or model._abstract or model._transient:
                continue
            links = [
                f.name
                for f in model._fields.values()
                if f.type == "many2one" and f.comodel_name == "chain.store" and f.store
            ]
            paths = store_paths(model)
            if links and not paths:
                missing.append(f"{name} ({', '.join(links)})")
            for path in paths:
                if path == "id":
                    continue
                try:
                    comodel = model
                    for part in path.split("."):
                        comodel = self.env[comodel._fields[part].comodel_name]
                except KeyError:
                    wrong.append(f"{name}: {path}")
                    continue
                if comodel._name != "chain.store":
                    wrong.append(f"{name}: {path} leads to {comodel._name}")
        self.assertFalse(missing, "declare _chain_store_field on:\n" + "\n".join(missing))
        self.assertFalse(wrong, "wrong _chain_store_field paths:\n" + "\n".join(wrong))
