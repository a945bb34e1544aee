import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { patchTranslations } from "@web/../tests/web_test_helpers";
import {
    checkDigit,
    gs1Date,
    gtinCandidates,
    Gs1Error,
    looksLikeGs1,
    parseGs1,
} from "@chain_pos_expiry/utils/gs1";

const TODAY = new Date(2026, 10, 23);
const GTIN = "06901234567892"; // EAN-13 6901234567892 as a GTIN-14

describe("chain_pos_expiry GS1 parsing", () => {
    beforeEach(() => patchTranslations());

    test("raw element string with FNC1 and a symbology prefix", () => {
        const code = `]d201${GTIN}17270630112601151024A0117\x1d3712`;
        expect(parseGs1(code, TODAY)).toEqual({
            gtin: GTIN,
            lot: "24A0117",
            serial: null,
            expiry: "2027-06-30",
            production: "2026-01-15",
            count: 12,
        });
    });

    test("human-readable form with parentheses", () => {
        const parsed = parseGs1(`(01)${GTIN}(17)270600(10)LOT-9`, TODAY);
        expect(parsed.lot).toBe("LOT-9");
        expect(parsed.expiry).toBe("2027-06-30"); // day 00: last day of the month
    });

    test("century of two-digit years follows GS1 (-49/+50 years)", () => {
        expect(gs1Date("500101", TODAY)).toBe("2050-01-01");
        expect(gs1Date("991231", TODAY)).toBe("1999-12-31");
        expect(gs1Date("240229", TODAY)).toBe("2024-02-29");
    });

    test("impossible dates are refused", () => {
        expect(() => gs1Date("271301", TODAY)).toThrow(Gs1Error);
        expect(() => gs1Date("270230", TODAY)).toThrow(/28 days/);
        expect(() => parseGs1(`01${GTIN}172702301024A`, TODAY)).toThrow(Gs1Error);
    });

    test("a wrong check digit is refused, not guessed", () => {
        expect(checkDigit("0690123456789")).toBe(2);
        expect(() => parseGs1("0106901234567893", TODAY)).toThrow(/check digit/);
    });

    test("a code without a product, or cut short, is refused", () => {
        expect(() => parseGs1("10LOT1", TODAY)).toThrow(/no product/);
        expect(() => parseGs1(`01${GTIN}1727`, TODAY)).toThrow(/cut short/);
    });

    test("an element the till does not read is flagged for the usual parser", () => {
        let error;
        try {
            parseGs1(`01${GTIN}3103000150`, TODAY);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(Gs1Error);
        expect(error.unsupported).toBe(true);
    });

    test("only GS1-looking codes are parsed", () => {
        expect(looksLikeGs1("6901234567892")).toBe(false); // an EAN-13
        expect(looksLikeGs1(`01${GTIN}10LOT`)).toBe(true);
        expect(looksLikeGs1(`]d201${GTIN}`)).toBe(true);
        expect(looksLikeGs1(`(01)${GTIN}`)).toBe(true);
    });

    test("a GTIN-14 finds the product by its EAN-13", () => {
        expect(gtinCandidates(GTIN)).toEqual([GTIN, "6901234567892"]);
    });
});
