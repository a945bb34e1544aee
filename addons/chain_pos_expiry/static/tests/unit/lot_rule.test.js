import { describe, expect, test } from "@odoo/hoot";
import { classify, sortFefo, toMillis } from "@chain_pos_expiry/utils/lot_rule";

// Mirrors the doctests of lib/pos_lot_rule.py: the till and the server must agree.
const LOT = {
    expiration_date: "2027-01-31 00:00:00",
    removal_date: "2027-01-24 00:00:00",
    alert_date: "2026-10-01 00:00:00",
    chain_blocked: false,
};
const at = (iso) => Date.parse(iso);

describe("chain_pos_expiry lot rule", () => {
    test("stages of a lot over time", () => {
        expect(classify(at("2026-09-01T10:00:00Z"), "L1", LOT)).toEqual({ issue: null, daysLeft: 152 });
        expect(classify(at("2026-11-23T10:00:00Z"), "L1", LOT)).toEqual({ issue: "near", daysLeft: 69 });
        expect(classify(at("2027-01-25T10:00:00Z"), "L1", LOT)).toEqual({ issue: "removal", daysLeft: 6 });
        expect(classify(at("2027-02-02T10:00:00Z"), "L1", LOT)).toEqual({ issue: "expired", daysLeft: -2 });
    });

    test("blocked, unknown and missing lots", () => {
        const now = at("2026-11-23T10:00:00Z");
        expect(classify(now, "L1", { ...LOT, chain_blocked: true }).issue).toBe("blocked");
        expect(classify(now, "NEW", null).issue).toBe("unknown_lot");
        expect(classify(now, "", null)).toEqual({ issue: "missing_lot", daysLeft: null });
        expect(classify(now, "", null, null, false).issue).toBe(null);
    });

    test("the expiry printed on the unit is checked, and the earlier date wins", () => {
        const now = at("2026-11-23T10:00:00Z");
        expect(classify(now, "NEW", null, "2028-01-01")).toEqual({ issue: null, daysLeft: 404 });
        expect(classify(now, "NEW", null, "2026-11-01").issue).toBe("expired");
        expect(classify(now, "L1", LOT, "2026-11-20").issue).toBe("expired");
    });

    test("first-expiry-first order, undated lots last", () => {
        const lots = [
            { name: "B", expiration_date: "2027-05-01 00:00:00" },
            { name: "C", expiration_date: false },
            { name: "A", expiration_date: "2027-01-01 00:00:00" },
        ];
        expect(sortFefo(lots).map((lot) => lot.name)).toEqual(["A", "B", "C"]);
    });

    test("dates in every form the till meets", () => {
        const millis = Date.UTC(2027, 0, 31);
        expect(toMillis("2027-01-31")).toBe(millis);
        expect(toMillis("2027-01-31 00:00:00")).toBe(millis);
        expect(toMillis(new Date(millis))).toBe(millis);
        expect(toMillis(false)).toBe(null);
    });
});
