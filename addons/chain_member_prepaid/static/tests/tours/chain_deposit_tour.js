import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

const FORMULA = "Infant formula stage 1 (test)";

function findMember() {
    return [
        { trigger: ".chain-member-button", run: "click" },
        { trigger: ".chain-member-search", run: "edit 138 1234 5678" },
        { trigger: ".chain-member-search-button", run: "click" },
        { trigger: ".chain-member-result:contains('王小红')" },
    ];
}

function pay(method = true) {
    return [
        ProductScreen.clickPayButton(),
        method ? [{ trigger: ".paymentmethods .paymentmethod", run: "click" }] : [],
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
        ReceiptScreen.clickNextOrder(),
    ].flat();
}

registry.category("web_tour.tours").add("chain_deposit_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // sell 12 cans as a deposit to the member
            ...findMember(),
            { trigger: ".chain-member-result:contains('王小红') .chain-member-attach", run: "click" },
            { trigger: ".chain-member-message:contains('王小红')" },
            { trigger: ".chain-member-close", run: "click" },
            ProductScreen.clickDisplayedProduct(FORMULA),
            ProductScreen.clickNumpad("1", "2"),
            ProductScreen.selectedOrderlineHas(FORMULA, "12"),
            { trigger: ".chain-deposit-sell", run: "click" },
            {
                content: "the line is now the deposit of 12 cans at today's price",
                trigger: ".orderline:contains('Formula deposit'):contains('3,600.00')",
            },
            pay(),
            // pick up 2 cans, and use the bath card once, served by the cashier
            ...findMember(),
            { trigger: ".chain-member-result:contains('王小红') .chain-entitlements-open", run: "click" },
            { trigger: ".chain-deposit:contains('Infant formula') .chain-deposit-remaining:contains('12')" },
            { trigger: ".chain-deposit .chain-deposit-qty", run: "edit 2" },
            { trigger: ".chain-deposit .chain-deposit-pickup", run: "click" },
            { trigger: `.orderline:contains('${FORMULA}'):contains('600.00')` },
            { trigger: ".orderline:contains('Formula deposit'):contains('-600.00')" },
            ...findMember(),
            { trigger: ".chain-member-result:contains('王小红') .chain-entitlements-open", run: "click" },
            { trigger: ".chain-card:contains('Baby bath') .chain-card-uses:contains('3')" },
            { trigger: ".chain-card .chain-card-employee", run: "selectByLabel Bath nurse A (test)" },
            { trigger: ".chain-card .chain-card-use", run: "click" },
            { trigger: ".orderline:contains('Baby bath (test)'):contains('33.33')" },
            { trigger: ".orderline:contains('Bath card'):contains('-33.33')" },
            ProductScreen.totalAmountIs("0.00"),
            pay(false),
        ].flat(),
});
