import datetime

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged

from .common import chain_models, make_role_users

GUARD_MESSAGE = "can only be changed"


def other_value(env, model, field_name):
    """A value for ``field_name`` that is not its default: what an attacker would send."""
    field = model._fields[field_name]
    default = model.sudo().default_get([field_name]).get(field_name)
    if field.type == "selection":
        selection = field._description_selection(env)
        return next((key for key, _label in selection if key != default), None)
    if field.type == "boolean":
        return not default
    if field.type in ("integer", "float", "monetary"):
        return (default or 0) + 7
    if field.type in ("char", "text", "html"):
        return "forged"
    if field.type == "date":
        return datetime.date(2030, 1, 1)
    if field.type == "datetime":
        return datetime.datetime(2030, 1, 1, 8, 0)
    if field.type == "many2one":
        other = env[field.comodel_name].sudo().search([("id", "!=", default or 0)], limit=1)
        return other.id or None
    if field.type in ("many2many", "one2many"):
        return None  # x2many guards are exercised through write of their lines
    return None


@tagged("post_install", "-at_install")
class TestGuardedFieldsAsEveryRole(TransactionCase):
    """Every guarded field of every chain model, as every chain role, through create, import and write.

    The documented path of every role is the document's own actions: a direct
    write, a create with a value other than the default, or an import is refused
    with the guard's message (not a crash, not a silent success).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        region = cls.env["chain.store.region"].create({"name": "Adversarial region", "code": "ADV-R"})
        cls.store = cls.env["chain.store"].create({"code": "ADV1", "name": "Adversarial store", "region_id": region.id})
        cls.users = make_role_users(cls.env, cls.store)
        if "region manager" in cls.users:
            region.manager_id = cls.users["region manager"]
        cls.guarded = {
            name: type(cls.env[name])._chain_guard_declarations()
            for name in chain_models(cls.env)
            if type(cls.env[name])._chain_guard_declarations() and not cls.env[name]._abstract and cls.env[name]._auto
        }

    def test_there_is_something_to_attack(self):
        self.assertGreaterEqual(len(self.guarded), 10, sorted(self.guarded))
        self.assertGreaterEqual(len(self.users), 4)

    def _attempts(self):
        for model_name, declared in sorted(self.guarded.items()):
            for field_name in sorted(declared):
                value = other_value(self.env, self.env[model_name], field_name)
                if value is None:
                    continue
                yield model_name, field_name, value

    def test_create_refused(self):
        refused = 0
        for model_name, field_name, value in self._attempts():
            for role, user in self.users.items():
                Model = self.env[model_name].with_user(user)
                with self.subTest(model=model_name, field=field_name, role=role):
                    before = self.env[model_name].sudo().search_count([])
                    with self.assertRaises(AccessError) as caught, self.env.cr.savepoint():
                        Model.create({field_name: value})
                    self.assertEqual(self.env[model_name].sudo().search_count([]), before)
                    # the guard's refusal, not an access right: the same for roles that may create
                    if GUARD_MESSAGE in str(caught.exception):
                        refused += 1
        self.assertTrue(refused, "no create was refused by the guard itself")

    def test_import_refused(self):
        for model_name, field_name, value in self._attempts():
            field = self.env[model_name]._fields[field_name]
            if field.type in ("many2one", "date", "datetime", "boolean"):
                continue  # import converts these from text: the create test covers them
            for role, user in self.users.items():
                Model = self.env[model_name].with_user(user)
                with self.subTest(model=model_name, field=field_name, role=role), self.env.cr.savepoint():
                    result = Model.load([field_name], [[str(value)]])
                    self.assertFalse(result["ids"], f"{role} imported {model_name}.{field_name}")
                    self.assertTrue(result["messages"])

    def test_write_refused_on_existing_records(self):
        """Every record the test database holds of a guarded model, as every role."""
        attacked = 0
        for model_name, field_name, value in self._attempts():
            record = self.env[model_name].sudo().search([], limit=1)
            if not record:
                continue
            for role, user in self.users.items():
                with self.subTest(model=model_name, field=field_name, role=role):
                    before = record[field_name]
                    with self.assertRaises(AccessError), self.env.cr.savepoint():
                        record.with_user(user).write({field_name: value})
                    self.assertEqual(record[field_name], before)
                    attacked += 1
        self.assertTrue(attacked)
