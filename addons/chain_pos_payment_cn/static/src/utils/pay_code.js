/**
 * Pure rules of the payment-code terminals (no POS state): which provider a terminal is, the
 * shape of its customers' payment codes, the amount a code may pay, and how a refund spreads
 * over the original transactions. Tested in `static/tests/unit/pay_code.test.js`.
 */
import { _t } from "@web/core/l10n/translation";

/**
 * The two terminals (`pos.payment.method.use_payment_terminal`) and the shape of their codes:
 * WeChat Pay 18 digits starting 10-15, Alipay 16-24 digits starting 25-30. The server may send
 * other shapes with the session (`_chain_cn_pay.providers`), e.g. when a provider widens them.
 */
export const PROVIDERS = {
    chain_wechatpay: { key: "wechatpay", minLength: 18, maxLength: 18, prefixes: [10, 15] },
    chain_alipay: { key: "alipay", minLength: 16, maxLength: 24, prefixes: [25, 30] },
};

/** The provider of a terminal name, or undefined for any other terminal. */
export function chainProvider(terminal, overrides = {}) {
    const base = PROVIDERS[terminal];
    return base && { ...base, ...(overrides[terminal] || {}) };
}

/** The translated name of a provider. */
export function providerLabel(provider) {
    return provider?.key === "alipay" ? _t("Alipay") : _t("WeChat Pay");
}

/** A code as the scanner or the cashier gives it: digits only (spaces and dashes dropped). */
export function normalizePayCode(text) {
    return String(text ?? "").replace(/[\s-]/g, "");
}

/**
 * Why `code` is not a payment code of `provider`, translated; "" when it is one.
 * Checked before anything is sent: a wrong code never reaches the provider.
 */
export function payCodeError(provider, code) {
    const label = providerLabel(provider);
    if (!code) {
        return _t("Scan the customer's %s payment code, or type it.", label);
    }
    const prefix = Number(code.slice(0, 2));
    if (
        !/^\d+$/.test(code) ||
        code.length < provider.minLength ||
        code.length > provider.maxLength ||
        prefix < provider.prefixes[0] ||
        prefix > provider.prefixes[1]
    ) {
        const digits =
            provider.minLength === provider.maxLength
                ? String(provider.minLength)
                : `${provider.minLength}-${provider.maxLength}`;
        return _t(
            "This is no %(provider)s payment code: a %(provider)s code has %(digits)s digits and starts with %(first)s to %(last)s.",
            { provider: label, digits, first: provider.prefixes[0], last: provider.prefixes[1] }
        );
    }
    return "";
}

/** Why `amount` cannot be charged on an order that still owes `due`, translated; "" if it can. */
export function payAmountError(amount, due, formatCurrency = String) {
    if (!(amount > 0)) {
        return _t("Enter an amount above zero to charge with a payment code.");
    }
    if (amount - due > 0.005) {
        return _t(
            "The amount to charge (%(amount)s) is above what the order still owes (%(due)s).",
            { amount: formatCurrency(amount), due: formatCurrency(due) }
        );
    }
    return "";
}

/**
 * How a refund of `amount` (> 0) spreads over the original transactions `sources`
 * (`[{transactionId, amount}]`, the order's payments by this provider, oldest first).
 * Returns `{chunks: [{transactionId, amount}], refundable}`: the refund is capped at what
 * the provider was paid (`refundable`); an order paid partly by cash refunds the rest in cash.
 */
export function refundPlan(amount, sources) {
    const cents = (value) => Math.round(value * 100);
    const refundable = sources.reduce((sum, source) => sum + cents(source.amount), 0);
    let left = Math.min(cents(amount), refundable);
    const chunks = [];
    for (const source of sources) {
        if (left <= 0) {
            break;
        }
        const take = Math.min(left, cents(source.amount));
        if (take > 0) {
            chunks.push({ transactionId: source.transactionId, amount: take / 100 });
            left -= take;
        }
    }
    return { chunks, refundable: refundable / 100 };
}

/** The refund number of the `index`-th chunk of the refund line `uuid` (stable across retries). */
export function refundUuid(uuid, index) {
    if (!index) {
        return uuid;
    }
    return `${uuid.slice(0, -4)}${index.toString(16).padStart(4, "0")}`;
}
