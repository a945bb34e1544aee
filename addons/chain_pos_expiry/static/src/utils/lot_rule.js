/**
 * The POS lot rule, as `lib/pos_lot_rule.py` states it on the server: may this lot be sold now?
 *
 * Pure functions: dates are Odoo's UTC datetime strings ("YYYY-MM-DD HH:MM:SS"), ISO dates
 * ("YYYY-MM-DD", as scanned), luxon DateTimes, JS Dates or false; `at` is milliseconds.
 */

export const ISSUES = ["missing_lot", "blocked", "unknown_lot", "expired", "removal", "near"];
export const BLOCKING = new Set(ISSUES.filter((issue) => issue !== "near"));
export const OVERRIDABLE = new Set(["unknown_lot", "expired", "removal"]);
const DAY = 86400000;

/** Milliseconds since the epoch of a date in any of the forms above, or null. */
export function toMillis(value) {
    if (!value) {
        return null;
    }
    if (typeof value === "number") {
        return value;
    }
    if (value instanceof Date) {
        return value.getTime();
    }
    if (typeof value.toMillis === "function") {
        return value.toMillis();
    }
    const text = String(value);
    const iso = text.length === 10 ? `${text}T00:00:00Z` : `${text.replace(" ", "T")}Z`;
    const millis = Date.parse(iso);
    return Number.isNaN(millis) ? null : millis;
}

function earliest(...values) {
    const known = values.map(toMillis).filter((value) => value !== null);
    return known.length ? Math.min(...known) : null;
}

/**
 * Classify the sale of lot `lotName` at `at`.
 * @param {number} at milliseconds
 * @param {string} lotName
 * @param {object|null} lot {expiration_date, removal_date, alert_date, chain_blocked} or null if unknown
 * @param {string|null} scannedExpiry expiry printed on the unit (ISO date), the earlier date wins
 * @param {boolean} required the product must carry a lot
 * @returns {{issue: string|null, daysLeft: number|null}}
 */
export function classify(at, lotName, lot, scannedExpiry = null, required = true) {
    if (!lotName) {
        return { issue: required ? "missing_lot" : null, daysLeft: null };
    }
    const expiry = earliest(lot?.expiration_date, scannedExpiry);
    const daysLeft = expiry === null ? null : Math.floor(expiry / DAY) - Math.floor(at / DAY);
    if (lot?.chain_blocked) {
        return { issue: "blocked", daysLeft };
    }
    if (!lot && !scannedExpiry) {
        return { issue: "unknown_lot", daysLeft: null };
    }
    if (expiry !== null && at >= expiry) {
        return { issue: "expired", daysLeft };
    }
    const removal = toMillis(lot?.removal_date);
    if (removal !== null && at >= removal) {
        return { issue: "removal", daysLeft };
    }
    const alert = toMillis(lot?.alert_date);
    if (alert !== null && at >= alert) {
        return { issue: "near", daysLeft };
    }
    return { issue: null, daysLeft };
}

/** Lots first-expiry-first (lots without a date last, then by name). */
export function sortFefo(lots) {
    return [...lots].sort((a, b) => {
        const ea = toMillis(a.expiration_date) ?? Infinity;
        const eb = toMillis(b.expiration_date) ?? Infinity;
        return ea - eb || String(a.name).localeCompare(String(b.name));
    });
}
