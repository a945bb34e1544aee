import { describe, expect, test } from "@odoo/hoot";
import { cardUseProblem, depositUnitPrice, pickupProblem } from "@chain_member_prepaid/deposit/deposit_rules";

// The till refuses early; the server (pos.order._chain_deposit_plan / _chain_card_plan) decides.
describe("chain_member_prepaid deposit and card rules", () => {
    test("a pickup is a whole number of units, at most what is left", () => {
        const deposit = { qty_remaining: 10 };
        expect(pickupProblem(deposit, 2)).toBe("");
        expect(pickupProblem(deposit, "10")).toBe("");
        expect(pickupProblem(deposit, 11)).toBe("remaining");
        expect(pickupProblem(deposit, 0)).toBe("qty");
        expect(pickupProblem(deposit, 1.5)).toBe("qty");
        expect(pickupProblem({}, 1)).toBe("remaining");
    });

    test("a card is used where it is valid, while it has uses", () => {
        expect(cardUseProblem({ usable_here: true, uses_left: 1 })).toBe("");
        expect(cardUseProblem({ usable_here: false, uses_left: 3 })).toBe("store");
        expect(cardUseProblem({ usable_here: true, uses_left: 0 })).toBe("uses");
    });

    test("a deposit's unit price is the line's price with taxes per unit, to the cent", () => {
        expect(depositUnitPrice(3600, 12)).toBe(300);
        expect(depositUnitPrice(100, 3)).toBe(33.33);
        expect(depositUnitPrice(100, 0)).toBe(0);
    });
});
