import { describe, expect, test } from "@odoo/hoot";
import { maxWalletPay, roundCents, walletPayProblem } from "@chain_member_prepaid/wallet/wallet_rules";

// The till proposes; the server (lib/wallet.py) decides. Both round to the cent.
describe("chain_member_prepaid stored value rules", () => {
    test("amounts are rounded to the cent", () => {
        expect(roundCents(12.345)).toBe(12.35);
        expect(roundCents(0.1 + 0.2)).toBe(0.3);
        expect(roundCents(undefined)).toBe(0);
    });

    test("no more than the balance, nor than the order is worth", () => {
        expect(maxWalletPay(1100, 200)).toBe(200);
        expect(maxWalletPay(50, 200)).toBe(50);
        expect(maxWalletPay(0, 200)).toBe(0);
        expect(maxWalletPay(100, -10)).toBe(0);
    });

    test("what is wrong with an amount", () => {
        expect(walletPayProblem(0, 100, 100)).toBe("positive");
        expect(walletPayProblem(100.01, 100, 200)).toBe("balance");
        expect(walletPayProblem(150, 200, 100)).toBe("order");
        expect(walletPayProblem(100, 100, 100)).toBe("");
    });
});
