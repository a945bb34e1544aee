import { describe, expect, test } from "@odoo/hoot";
import {
    enrolmentVals,
    looksLikeQr,
    maxRedeemable,
    pointsValue,
} from "@chain_pos_member/utils/member_rules";

// Mirrors lib/proof.py (points_value, looks_like_qr): the till and the server must agree.
describe("chain_pos_member rules", () => {
    test("points are worth cents, at the company's rate", () => {
        expect(pointsValue(250, 100)).toBe(2.5);
        expect(pointsValue(1, 100)).toBe(0.01);
        expect(pointsValue(5, 0)).toBe(0);
    });

    test("no more points than the balance, nor than the order is worth", () => {
        expect(maxRedeemable(1000, 95, 100)).toBe(1000);
        expect(maxRedeemable(1000, 3.5, 100)).toBe(350);
        expect(maxRedeemable(0, 95, 100)).toBe(0);
        expect(maxRedeemable(500, 0, 100)).toBe(0);
        expect(maxRedeemable(500, -10, 100)).toBe(0);
    });

    test("a QR token is told from a mobile number or a member code", () => {
        expect(looksLikeQr("CM1.42.1767261600.abcdefghijklmnopqrstu")).toBe(true);
        expect(looksLikeQr("13812345678")).toBe(false);
        expect(looksLikeQr("M000042")).toBe(false);
    });

    test("an enrolment is sent trimmed, with its uuid and the consent as a boolean", () => {
        expect(
            enrolmentVals({ name: " 赵敏 ", mobile: " 137 1111 2222", babyDate: "", consent: 1 }, "u-1")
        ).toEqual({
            uuid: "u-1",
            name: "赵敏",
            mobile: "137 1111 2222",
            baby_date: false,
            consent: true,
        });
    });
});
