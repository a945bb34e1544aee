/**
 * Formula deposits and service cards at the till: the rules the server applies again at sync,
 * as pure functions (no POS store), so that the till refuses early with the same words.
 */

/** Round to cents. */
export function roundCents(amount) {
    return Math.round((Number(amount) || 0) * 100) / 100;
}

/**
 * Why `qty` units of `deposit` ({qty_remaining}) cannot be picked up: "" (they can),
 * "qty" (not a positive whole number) or "remaining" (more than is left).
 */
export function pickupProblem(deposit, qty) {
    const units = Number(qty);
    if (!Number.isInteger(units) || units <= 0) {
        return "qty";
    }
    if (units > (deposit.qty_remaining || 0)) {
        return "remaining";
    }
    return "";
}

/** Why `card` ({uses_left, usable_here}) cannot be used now: "", "store" or "uses". */
export function cardUseProblem(card) {
    if (!card.usable_here) {
        return "store";
    }
    if (!(card.uses_left > 0)) {
        return "uses";
    }
    return "";
}

/** The unit price (taxes included) of an order line sold as a deposit. */
export function depositUnitPrice(priceWithTax, qty) {
    return qty ? roundCents(priceWithTax / qty) : 0;
}
