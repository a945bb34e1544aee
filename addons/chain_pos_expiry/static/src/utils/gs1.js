/**
 * GS1 element strings as printed on baby goods (GS1-128 and GS1 DataMatrix).
 *
 * Pure functions, no POS state: `parseGs1(code)` returns the product's GTIN, its lot, and its
 * dates as ISO strings, or throws a `Gs1Error` whose message the cashier can read. Handles the
 * symbology identifiers (`]C1`, `]d2`, `]Q3`), FNC1 as the GS character (\x1d), and the
 * human-readable form with parentheses. AIs: 01 GTIN, 10 lot, 11 production date, 17 expiry,
 * 21 serial, 37 count; any other AI is refused rather than guessed.
 */
import { _t } from "@web/core/l10n/translation";

export class Gs1Error extends Error {
    /** `unsupported`: a GS1 code with elements the till does not read (another parser may). */
    constructor(message, unsupported = false) {
        super(message);
        this.unsupported = unsupported;
    }
}

const GS = "\x1d";
// AI -> [fixed length, or null for variable (max length)]
const AIS = {
    "01": { fixed: 14, key: "gtin" },
    10: { max: 20, key: "lot" },
    11: { fixed: 6, key: "production" },
    17: { fixed: 6, key: "expiry" },
    21: { max: 20, key: "serial" },
    37: { max: 8, key: "count" },
};
const SYMBOLOGY = /^\](C1|d2|Q3|e0)/;

/** Whether `code` is worth parsing as GS1 rather than as a plain product barcode. */
export function looksLikeGs1(code) {
    if (!code) {
        return false;
    }
    const text = code.replace(SYMBOLOGY, "");
    return (
        SYMBOLOGY.test(code) ||
        text.startsWith("(01)") ||
        text.startsWith(GS) ||
        (/^01\d{14}/.test(text) && text.length > 16)
    );
}

/** GS1 mod-10 check digit of the digits in `body` (the code without its last digit). */
export function checkDigit(body) {
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
        const digit = Number(body[body.length - 1 - i]);
        sum += i % 2 === 0 ? digit * 3 : digit;
    }
    return (10 - (sum % 10)) % 10;
}

function pad(number) {
    return String(number).padStart(2, "0");
}

/**
 * ISO date (YYYY-MM-DD) of a GS1 YYMMDD date; day 00 means the last day of the month.
 * The century follows GS1 General Specifications 7.12: within -49/+50 years of `today`.
 */
export function gs1Date(yymmdd, today = new Date()) {
    if (!/^\d{6}$/.test(yymmdd)) {
        throw new Gs1Error(_t("%s is not a date (YYMMDD).", yymmdd));
    }
    const yy = Number(yymmdd.slice(0, 2));
    const month = Number(yymmdd.slice(2, 4));
    let day = Number(yymmdd.slice(4, 6));
    const thisYear = today.getFullYear();
    let century = Math.floor(thisYear / 100);
    const diff = yy - (thisYear % 100);
    if (diff >= 51) {
        century -= 1;
    } else if (diff <= -50) {
        century += 1;
    }
    const year = century * 100 + yy;
    if (month < 1 || month > 12) {
        throw new Gs1Error(_t("%s is not a date: there is no month %s.", yymmdd, month));
    }
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day === 0) {
        day = lastDay;
    }
    if (day > lastDay) {
        throw new Gs1Error(_t("%s is not a date: month %s has %s days.", yymmdd, month, lastDay));
    }
    return `${year}-${pad(month)}-${pad(day)}`;
}

function splitRaw(text) {
    const elements = [];
    let rest = text;
    while (rest.length) {
        if (rest[0] === GS) {
            rest = rest.slice(1);
            continue;
        }
        const ai = rest.slice(0, 2);
        const spec = AIS[ai];
        if (!spec) {
            throw new Gs1Error(_t("The code has an element (AI %s) the till does not read.", ai), true);
        }
        rest = rest.slice(2);
        let value;
        if (spec.fixed) {
            value = rest.slice(0, spec.fixed);
            if (value.length < spec.fixed) {
                throw new Gs1Error(_t("The code is cut short in AI %s.", ai));
            }
            rest = rest.slice(spec.fixed);
        } else {
            const end = rest.indexOf(GS);
            value = end === -1 ? rest : rest.slice(0, end);
            rest = end === -1 ? "" : rest.slice(end + 1);
        }
        elements.push([ai, value]);
    }
    return elements;
}

function splitBracketed(text) {
    const elements = [];
    const pattern = /\((\d{2})\)([^(]*)/g;
    let match;
    let consumed = 0;
    while ((match = pattern.exec(text))) {
        if (match.index !== consumed) {
            break;
        }
        consumed = pattern.lastIndex;
        if (!AIS[match[1]]) {
            throw new Gs1Error(
                _t("The code has an element (AI %s) the till does not read.", match[1]),
                true
            );
        }
        elements.push([match[1], match[2]]);
    }
    if (consumed !== text.length) {
        throw new Gs1Error(_t("This is not a GS1 code."));
    }
    return elements;
}

/**
 * Parse a scanned GS1 string.
 * @param {string} code
 * @param {Date} [today] for the century of two-digit years
 * @returns {{gtin: string, lot: string|null, serial: string|null, expiry: string|null,
 *            production: string|null, count: number|null}}
 */
export function parseGs1(code, today = new Date()) {
    const text = (code || "").replace(SYMBOLOGY, "").trim();
    const elements = text.startsWith("(") ? splitBracketed(text) : splitRaw(text);
    const result = { gtin: null, lot: null, serial: null, expiry: null, production: null, count: null };
    for (const [ai, value] of elements) {
        const spec = AIS[ai];
        if (spec.max && (!value || value.length > spec.max)) {
            throw new Gs1Error(_t("AI %s must hold 1 to %s characters.", ai, spec.max));
        }
        if (spec.key === "expiry" || spec.key === "production") {
            result[spec.key] = gs1Date(value, today);
        } else if (spec.key === "count") {
            if (!/^\d+$/.test(value)) {
                throw new Gs1Error(_t("The count (AI 37) must be a number."));
            }
            result.count = Number(value);
        } else {
            result[spec.key] = value;
        }
    }
    if (!result.gtin) {
        throw new Gs1Error(_t("The code has no product (AI 01)."));
    }
    if (!/^\d{14}$/.test(result.gtin) || checkDigit(result.gtin.slice(0, 13)) !== Number(result.gtin[13])) {
        throw new Gs1Error(_t("The product number %s is wrong (check digit).", result.gtin));
    }
    return result;
}

/** Barcodes under which a product may be recorded for a GTIN-14: itself, and the EAN-13 it wraps. */
export function gtinCandidates(gtin) {
    const candidates = [gtin];
    if (gtin.startsWith("0")) {
        candidates.push(gtin.slice(1));
    }
    if (gtin.startsWith("00")) {
        candidates.push(gtin.slice(2));
    }
    return candidates;
}
