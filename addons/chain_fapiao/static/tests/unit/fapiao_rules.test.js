import { describe, expect, test } from "@odoo/hoot";
import { fapiaoRequestVals, fapiaoUrl, isValidTaxId } from "@chain_fapiao/utils/fapiao_rules";

describe("chain_fapiao till rules", () => {
    test("the tax id's check character is verified", () => {
        expect(isValidTaxId("91350100M000100Y43")).toBe(true);
        expect(isValidTaxId(" 91350100m000100y43 ")).toBe(true);
        expect(isValidTaxId("91350100M000100Y42")).toBe(false);
        expect(isValidTaxId("91350100M000100Y4")).toBe(false);
        expect(isValidTaxId("91350100M000100YI3")).toBe(false);
    });

    test("a request needs a title, a valid tax id when given, one for a special fapiao", () => {
        expect(Boolean(fapiaoRequestVals({ buyerName: "  " }).error)).toBe(true);
        expect(Boolean(fapiaoRequestVals({ buyerName: "A", fapiaoType: "special" }).error)).toBe(true);
        expect(Boolean(fapiaoRequestVals({ buyerName: "A", buyerVat: "123" }).error)).toBe(true);
        expect(fapiaoRequestVals({ buyerName: " Acme ", buyerVat: "91350100m000100y43", fapiaoType: "special" })).toEqual({
            buyer_name: "Acme",
            buyer_vat: "91350100M000100Y43",
            fapiao_type: "special",
            email: false,
            mobile: false,
        });
        expect(fapiaoUrl("https://x", "")).toBe("");
        expect(fapiaoUrl("https://x", "t0k")).toBe("https://x/chain/fapiao/t0k");
    });
});
