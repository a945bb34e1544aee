import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("chain_fapiao_till_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Baby bottle (fapiao test)"),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            { content: "the receipt has the fapiao QR code", trigger: ".pos-receipt .chain-fapiao-qr img" },
            { trigger: ".chain-fapiao-button", run: "click" },
            { trigger: ".chain-fapiao-buyer", run: "edit Shanghai Baby Care Co" },
            { trigger: ".chain-fapiao-vat", run: "edit 91350100M000100Y42" },
            { trigger: ".chain-fapiao-save", run: "click" },
            { content: "a mistyped tax id is refused", trigger: ".chain-fapiao-error" },
            { trigger: ".chain-fapiao-vat", run: "edit 91350100M000100Y43" },
            { trigger: ".chain-fapiao-type", run: "select special" },
            { trigger: ".chain-fapiao-save", run: "click" },
            { content: "recorded", trigger: ".o_notification:contains('recorded')" },
        ].flat(),
});
