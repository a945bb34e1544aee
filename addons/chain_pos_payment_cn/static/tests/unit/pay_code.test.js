import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { patchTranslations } from "@web/../tests/web_test_helpers";
import {
    chainProvider,
    normalizePayCode,
    payAmountError,
    payCodeError,
    refundPlan,
    refundUuid,
} from "@chain_pos_payment_cn/utils/pay_code";

const wechat = chainProvider("chain_wechatpay");
const alipay = chainProvider("chain_alipay");

describe("chain_pos_payment_cn payment codes", () => {
    beforeEach(() => patchTranslations());

    test("only the two payment-code terminals are ours", () => {
        expect(wechat.key).toBe("wechatpay");
        expect(alipay.key).toBe("alipay");
        expect(chainProvider("adyen")).toBe(undefined);
        expect(chainProvider("chain_alipay", { chain_alipay: { maxLength: 20 } }).maxLength).toBe(20);
    });

    test("a WeChat Pay code: 18 digits starting 10 to 15", () => {
        expect(payCodeError(wechat, "134567890123456750")).toBe("");
        expect(payCodeError(wechat, "104567890123456700")).toBe("");
        expect(payCodeError(wechat, "154567890123456700")).toBe("");
        expect(payCodeError(wechat, "164567890123456700")).toMatch(/no WeChat Pay payment code/);
        expect(payCodeError(wechat, "13456789012345675")).toMatch(/18 digits/);
        expect(payCodeError(wechat, "1345678901234567500")).toMatch(/10 to 15/);
        expect(payCodeError(wechat, "13456789012345675a")).not.toBe("");
        expect(payCodeError(wechat, "")).toMatch(/Scan the customer's WeChat Pay payment code/);
    });

    test("an Alipay code: 16 to 24 digits starting 25 to 30", () => {
        expect(payCodeError(alipay, "2812345678901250")).toBe("");
        expect(payCodeError(alipay, "301234567890123456789050")).toBe("");
        expect(payCodeError(alipay, "3012345678901234567890501")).toMatch(/16-24 digits/);
        expect(payCodeError(alipay, "281234567890125")).not.toBe("");
        expect(payCodeError(alipay, "134567890123456750")).toMatch(/no Alipay payment code/);
    });

    test("scanned or typed with spaces, the code is its digits", () => {
        expect(normalizePayCode(" 1345 6789 0123 4567-50 ")).toBe("134567890123456750");
        expect(normalizePayCode(null)).toBe("");
    });

    test("no more than the order owes, and above zero", () => {
        expect(payAmountError(100, 100)).toBe("");
        expect(payAmountError(99.99, 100)).toBe("");
        expect(payAmountError(100.01, 100)).toMatch(/above what the order still owes/);
        expect(payAmountError(0, 100)).toMatch(/above zero/);
        expect(payAmountError(-5, 100)).toMatch(/above zero/);
    });

    test("a refund spreads over the provider's payments, capped at what it was paid", () => {
        const sources = [
            { transactionId: 7, amount: 60 },
            { transactionId: 9, amount: 40.5 },
        ];
        expect(refundPlan(50, sources)).toEqual({
            chunks: [{ transactionId: 7, amount: 50 }],
            refundable: 100.5,
        });
        expect(refundPlan(80.25, sources).chunks).toEqual([
            { transactionId: 7, amount: 60 },
            { transactionId: 9, amount: 20.25 },
        ]);
        // the order was paid 120: 100.50 by WeChat Pay, the rest in cash
        expect(refundPlan(120, sources).chunks).toEqual([
            { transactionId: 7, amount: 60 },
            { transactionId: 9, amount: 40.5 },
        ]);
        expect(refundPlan(10, [])).toEqual({ chunks: [], refundable: 0 });
    });

    test("each refund chunk has its own stable refund number", () => {
        const uuid = "0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9";
        expect(refundUuid(uuid, 0)).toBe(uuid);
        expect(refundUuid(uuid, 1)).toBe("0b1c2d3e-4f50-4617-8283-94a5b6c70001");
        expect(refundUuid(uuid, 1)).toBe(refundUuid(uuid, 1));
    });
});
