import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as SelectionPopup from "@point_of_sale/../tests/tours/utils/selection_popup_util";
import * as PosHr from "@pos_hr/../tests/tours/utils/pos_hr_helpers";
import { registry } from "@web/core/registry";

const FORMULA = "Formula stage 2 (guide test)";
const WIPES = "Baby wipes (guide test)";

function lineGuide(product, guide) {
    return {
        content: `the line of ${product} is credited to ${guide}`,
        trigger: `.order-container .orderline:contains('${product}') .chain-guide:contains('${guide}')`,
    };
}

registry.category("web_tour.tours").add("chain_pos_commission_tour", {
    steps: () =>
        [
            Chrome.clickBtn("Open Register"),
            PosHr.loginScreenIsShown(),
            PosHr.clickLoginButton(),
            SelectionPopup.has("Guide Wang (test)", { run: "click" }),
            Dialog.confirm("Open Register"),
            // every new line is credited to the employee logged in
            ProductScreen.clickDisplayedProduct(FORMULA),
            ProductScreen.clickDisplayedProduct(WIPES),
            lineGuide(FORMULA, "Guide Wang (test)"),
            lineGuide(WIPES, "Guide Wang (test)"),
            // the whole order to Li, then the selected line (the wipes) to Zhao
            { trigger: ".control-buttons .chain-guide-order", run: "click" },
            SelectionPopup.has("Guide Li (test)", { run: "click" }),
            lineGuide(FORMULA, "Guide Li (test)"),
            lineGuide(WIPES, "Guide Li (test)"),
            ProductScreen.selectedOrderlineHas(WIPES),
            { trigger: ".control-buttons .chain-guide-line", run: "click" },
            SelectionPopup.has("Baby advisor Zhao (test)", { run: "click" }),
            lineGuide(WIPES, "Baby advisor Zhao (test)"),
            lineGuide(FORMULA, "Guide Li (test)"),
            ProductScreen.clickPayButton(),
            { trigger: ".paymentmethods .paymentmethod", run: "click" },
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            {
                content: "the receipt names each line's guide",
                trigger: ".pos-receipt .orderline:contains('Baby wipes') .chain-guide:contains('Baby advisor Zhao (test)')",
            },
            { trigger: ".pos-receipt .orderline:contains('Formula stage 2') .chain-guide:contains('Guide Li (test)')" },
            ReceiptScreen.clickNextOrder(),
        ].flat(),
});
