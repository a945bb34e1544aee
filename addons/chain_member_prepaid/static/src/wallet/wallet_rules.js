/**
 * Stored value at the till, pure rules (no POS model): amounts in currency units, rounded to
 * the cent as the server rounds them (the server decides; the till only proposes).
 */

export function roundCents(amount) {
    return Math.round((Number(amount) || 0) * 100 + Number.EPSILON) / 100;
}

/** The most the member may pay with stored value: her balance, at most what the order is worth. */
export function maxWalletPay(balance, orderTotal) {
    return Math.max(0, roundCents(Math.min(Number(balance) || 0, Number(orderTotal) || 0)));
}

/** Why `amount` cannot be paid with stored value (a message key), or "" when it can. */
export function walletPayProblem(amount, balance, orderTotal) {
    const value = roundCents(amount);
    if (value <= 0) {
        return "positive";
    }
    if (value > roundCents(balance)) {
        return "balance";
    }
    if (value > roundCents(orderTotal)) {
        return "order";
    }
    return "";
}
