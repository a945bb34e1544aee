import { _t } from "@web/core/l10n/translation";

// The unified social credit code (GB 32100-2015): 18 characters of this set, the last one a check.
const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The code without spaces, in capitals. */
export function normalizeTaxId(code) {
    return (code || "").replace(/\s+/g, "").toUpperCase();
}

/** Whether `code` is a valid unified social credit code (check character included). */
export function isValidTaxId(code) {
    const value = normalizeTaxId(code);
    if (value.length !== 18 || [...value].some((c) => !USCC_CHARSET.includes(c))) {
        return false;
    }
    let total = 0;
    for (let i = 0; i < 17; i++) {
        total += USCC_CHARSET.indexOf(value[i]) * USCC_WEIGHTS[i];
    }
    return USCC_CHARSET[(31 - (total % 31)) % 31] === value[17];
}

/**
 * The values the till sends to `chain.fapiao.request.create_from_pos`, or `{error}`: a title is
 * required, a tax id must be valid when given, a special VAT fapiao (专票) needs one. The server
 * checks all of it again.
 */
export function fapiaoRequestVals({ buyerName, buyerVat, fapiaoType, email, mobile }) {
    const name = (buyerName || "").trim();
    if (!name) {
        return { error: _t("Enter the buyer title.") };
    }
    const vat = normalizeTaxId(buyerVat);
    if (fapiaoType === "special" && !vat) {
        return { error: _t("A special VAT fapiao needs the company's tax id.") };
    }
    if (vat && !isValidTaxId(vat)) {
        return { error: _t("The tax id is not a valid unified social credit code.") };
    }
    return {
        buyer_name: name,
        buyer_vat: vat || false,
        fapiao_type: fapiaoType === "special" ? "special" : "normal",
        email: (email || "").trim() || false,
        mobile: (mobile || "").trim() || false,
    };
}

/** The public page of the receipt's QR code. */
export function fapiaoUrl(baseUrl, token) {
    return token ? `${baseUrl}/chain/fapiao/${token}` : "";
}
