import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

const ITEM = "Diapers M (test)";
const WANG_MOBILE = "+8613812345678";

function pay() {
    return [
        ProductScreen.clickPayButton(),
        {
            content: "pay the rest with the first payment method",
            trigger: ".paymentmethods .paymentmethod",
            run: "click",
        },
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
    ].flat();
}

function findWang() {
    return [
        { trigger: ".chain-member-button", run: "click" },
        { trigger: ".chain-member-search", run: "edit 138 1234 5678" },
        { trigger: ".chain-member-search-button", run: "click" },
    ];
}

registry.category("web_tour.tours").add("chain_member_prepaid_wallet_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // top up 1,000: the rule gives 100
            ...findWang(),
            {
                content: "no stored value yet",
                trigger: ".chain-member-result:contains('王小红') .chain-wallet-total:contains('0.00')",
            },
            { trigger: ".chain-member-result:contains('王小红') .chain-wallet-topup", run: "click" },
            {
                content: "the bonus of the top-up is shown",
                trigger: ".chain-wallet-topup-product:contains('Top-up 1,000 (test)') .chain-wallet-topup-bonus:contains('100')",
            },
            { trigger: ".chain-wallet-topup-product:contains('Top-up 1,000 (test)')", run: "click" },
            { trigger: ".orderline:contains('Top-up 1,000 (test)')" },
            ...pay(),
            ReceiptScreen.clickNextOrder(),
            // pay 100 of an order of 200 with stored value, with the code sent to her mobile
            ProductScreen.clickDisplayedProduct(ITEM),
            ProductScreen.clickDisplayedProduct(ITEM),
            ...findWang(),
            {
                content: "principal and bonus after the top-up",
                trigger: ".chain-member-result:contains('王小红') .chain-wallet-total:contains('1,100.00')",
            },
            { trigger: ".chain-member-result:contains('王小红') .chain-wallet-bonus:contains('100.00')" },
            { trigger: ".chain-member-result:contains('王小红') .chain-wallet-pay", run: "click" },
            { trigger: ".chain-wallet-amount", run: "edit 100" },
            { trigger: ".chain-wallet-send-code", run: "click" },
            { content: "sent to her masked mobile", trigger: ".chain-wallet-sent:contains('138****5678')" },
            {
                content: "the member reads out the code she received (the SMS gateway's outbox)",
                trigger: ".chain-wallet-code",
                run: async (helpers) => {
                    const outbox = new URLSearchParams(window.location.search).get("chain_sms_outbox");
                    const response = await fetch(
                        `${outbox}/outbox/last_code?number=${encodeURIComponent(WANG_MOBILE)}`
                    );
                    const { code } = await response.json();
                    if (!code) {
                        throw new Error("No code in the SMS gateway's outbox");
                    }
                    await helpers.edit(code);
                },
            },
            { trigger: ".chain-wallet-confirm-code", run: "click" },
            {
                content: "the principal part of the payment",
                trigger: ".orderline:contains('Paid with stored value'):contains('90.91')",
            },
            {
                content: "the bonus part, pro rata",
                trigger: ".orderline:contains('Paid with stored value bonus'):contains('9.09')",
            },
            ...pay(),
        ].flat(),
});
