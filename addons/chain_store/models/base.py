import functools
import logging

from odoo import _, api, models
from odoo.exceptions import AccessError

from ..lib import guard

_logger = logging.getLogger(__name__)


class Base(models.AbstractModel):
    """Guarded workflow fields, declared once per class, enforced for every caller.

    A class of a Chain addon (a new model or an extension of Odoo's) declares::

        _chain_guarded_fields = {"state": ("action_approve", "action_cancel")}

    i.e. the fields that only workflow methods may change, each with the methods
    that may change it (``{}`` when the class guards nothing). Those methods are
    wrapped when the registry is ready so that, while one runs, the field may be
    written; anywhere else a ``write``, ``create`` (with a value other than the
    field's default) or import that sets it is refused with an ``AccessError``,
    whoever the user: the documented path of every role is the method, which
    checks the role's rights and the document's gates itself. Server code run as
    superuser (``sudo()``, data files, crons as OdooBot) is not restricted.

    ``_chain_store_field`` names, on a store document, the path to its
    ``chain.store`` (e.g. ``"store_id"``); the suite's isolation tests read it.
    """

    _inherit = "base"

    _chain_guarded_fields = None
    _chain_store_field = None

    @classmethod
    def _chain_guard_declarations(cls):
        """The merged ``{field: methods}`` of every class of the model (``{}``: none)."""
        cached = cls.__dict__.get("_chain_guard_merged")
        if cached is None:
            own = [klass.__dict__.get("_chain_guarded_fields") for klass in reversed(cls.__mro__)]
            cached = guard.merge_declarations(own)
            cls._chain_guard_merged = cached
        return cached

    def _setup_complete(self):
        """Wrap the declared transition methods: while one runs, its fields may change.

        Done at every setup of the registry (not in ``_register_hook``, which runs
        only once the registry is loaded, after the at-install tests); the wrapper
        lives on the registry's class and resolves the method through the current
        classes at each call, so an addon loaded later that overrides it is called.
        """
        result = super()._setup_complete()
        cls = type(self)
        if "_chain_guard_merged" in cls.__dict__:  # the classes of the model may have changed
            del cls._chain_guard_merged
        methods = {}
        for field, names in cls._chain_guard_declarations().items():
            for name in names:
                methods.setdefault(name, set()).add(field)
        for name, fields in methods.items():
            method = getattr(cls, name, None)
            if method is None:
                _logger.warning("%s: guarded transition %s does not exist", self._name, name)
                continue
            if getattr(cls.__dict__.get(name), "_chain_transition_fields", None) == frozenset(fields):
                continue
            setattr(cls, name, _transition(cls, name, method, self._name, frozenset(fields)))
        return result

    def _chain_guard_refuse(self, fields):
        labels = ", ".join(sorted(self._fields[f]._description_string(self.env) for f in fields))
        raise AccessError(
            _(
                "%(fields)s of %(document)s can only be changed by the document's own actions "
                "(its buttons), not written directly.",
                fields=labels,
                document=self._description,
            )
        )

    def _chain_guard_blocked(self, field_names):
        """The guarded fields among ``field_names`` that no running transition may change."""
        if self.env.su:
            return []
        declared = type(self)._chain_guard_declarations()
        if not declared:
            return []
        return [f for f in field_names if f in declared and not guard.is_allowed(self._name, f)]

    @api.model_create_multi
    def create(self, vals_list):
        declared = type(self)._chain_guard_declarations()
        if declared and not self.env.su:
            # a ``default_<field>`` key of the context sets the field too (and a client sends it)
            ignored = {f"default_{f}" for f in self._chain_guard_blocked(declared)} & set(self.env.context)
            if ignored:
                context = {k: v for k, v in self.env.context.items() if k not in ignored}
                return Base.create(self.with_env(self.env(context=context)), vals_list)
            names = {f for vals in vals_list for f in vals}
            blocked = self._chain_guard_blocked(names)
            if blocked:
                defaults = self.default_get(blocked)
                changed = {
                    f
                    for vals in vals_list
                    for f in blocked
                    if f in vals and not _same_value(self._fields[f], vals[f], defaults.get(f))
                }
                if changed:
                    self._chain_guard_refuse(changed)
        return super().create(vals_list)

    def copy_data(self, default=None):
        """A copy starts its workflow afresh: guarded fields take their defaults.

        (A duplicated approved document would otherwise be created approved, and
        refused by the guard: the *Duplicate* button would fail.)
        """
        vals_list = super().copy_data(default=default)
        declared = type(self)._chain_guard_declarations()
        if declared and not self.env.su:
            explicit = set(default or ())
            for vals in vals_list:
                for name in declared:
                    if name not in explicit:
                        vals.pop(name, None)
        return vals_list

    def write(self, vals):
        if not self.env.su and type(self)._chain_guard_declarations():
            blocked = self._chain_guard_blocked(vals)
            if blocked:
                self._chain_guard_refuse(blocked)
        return super().write(vals)


def _same_value(field, value, default):
    """Whether a value sent on create is the field's default (web clients send defaults)."""
    if field.type in ("one2many", "many2many"):
        return not value
    if field.type == "many2one":
        value = value[0] if isinstance(value, (list, tuple)) and value else value
        default = default[0] if isinstance(default, (list, tuple)) and default else default
        return (value or False) == (default or False)
    if field.type in ("float", "monetary", "integer"):
        return (value or 0) == (default or 0)
    return (value or False) == (default or False)


def _transition(cls, name, method, model_name, fields):
    """Method ``name`` of ``cls``, run with the permission to change ``fields`` of ``model_name``."""

    @functools.wraps(method)
    def transition(self, *args, **kwargs):
        with guard.allow(model_name, fields):
            return getattr(super(cls, self), name)(*args, **kwargs)

    transition._chain_transition_fields = fields
    return transition
