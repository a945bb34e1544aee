import json

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainHrStoreCase(ChainStoreCase):
    """The stores of ``ChainStoreCase`` with staff.

    Store A (TA01): ``emp_a1`` (guide, the employee of user ``staff_a``, badge ``A1BADGE``,
    PIN 1111, an ID number and a private phone) and ``emp_a2`` (cashier, PIN 2222). Store B
    (TB01): ``emp_b1`` (guide, the employee of ``staff_b``, badge ``B1BADGE``, PIN 3333).
    ``emp_hq`` works at headquarters (no store). ``manager_a`` manages store A.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_guide = cls.env.ref("chain_hr_store.job_guide")
        cls.job_cashier = cls.env.ref("chain_hr_store.job_cashier")
        Employee = cls.env["hr.employee"]
        cls.emp_a1, cls.emp_a2, cls.emp_b1, cls.emp_hq = Employee.create(
            [
                {
                    "name": "Li Na (A guide)",
                    "chain_store_id": cls.store_a.id,
                    "job_id": cls.job_guide.id,
                    "user_id": cls.staff_a.id,
                    "barcode": "A1BADGE",
                    "pin": "1111",
                    "identification_id": "310101199001011234",
                    "private_phone": "+86 139 0000 0001",
                    "private_email": "lina@example.com",
                },
                {"name": "Wang Fang (A cashier)", "chain_store_id": cls.store_a.id, "job_id": cls.job_cashier.id,
                 "pin": "2222"},
                {
                    "name": "Zhao Lei (B guide)",
                    "chain_store_id": cls.store_b.id,
                    "job_id": cls.job_guide.id,
                    "user_id": cls.staff_b.id,
                    "barcode": "B1BADGE",
                    "pin": "3333",
                },
                {"name": "Chen Jie (HQ)"},
            ]
        )  # fmt: skip

    def _jsonrpc(self, route, params):
        """POST a JSON-RPC call; the decoded answer (``result`` or ``error``)."""
        data = json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}).encode()
        response = self.url_open(route, data, headers={"Content-Type": "application/json"})
        response.raise_for_status()
        return response.json()

    def _call(self, model, method, *args, **kwargs):
        """``call_kw`` over HTTP as the authenticated user: the decoded answer."""
        return self._jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assertRpcError(self, answer, contains=None):
        self.assertIn("error", answer, f"expected an error, got {answer.get('result')!r}")
        if contains:
            self.assertIn(contains, answer["error"]["data"]["message"])
        return answer["error"]["data"]
