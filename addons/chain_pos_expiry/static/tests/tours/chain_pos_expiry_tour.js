import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import { scan_barcode } from "@point_of_sale/../tests/tours/utils/common";
import { registry } from "@web/core/registry";

const GTIN = "06901234567892";
// GS1 DataMatrix of a unit of lot FRESH (printed expiry 2050-12-31) and of lot OLD (expired)
const FRESH = `]d201${GTIN}17501231` + "10FRESH";
const OLD = `]d201${GTIN}17200101` + "10OLD";
const WRONG_CHECK_DIGIT = "]d20106901234567893" + "17501231" + "10FRESH";

registry.category("web_tour.tours").add("chain_pos_expiry_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            // a fresh lot: added with its lot, no question asked
            scan_barcode(FRESH),
            {
                content: "the line carries lot FRESH",
                trigger: ".orderline:contains('Formula stage 1') li:contains('FRESH')",
            },
            // a malformed code: a clear message, nothing added
            scan_barcode(WRONG_CHECK_DIGIT),
            {
                content: "the cashier is told why the code is refused",
                trigger: ".modal:contains('check digit')",
            },
            Dialog.confirm(),
            // an expired lot: refused
            scan_barcode(OLD),
            {
                content: "the refusal names the lot and why",
                trigger: ".chain-refusal-message:contains('OLD'):contains('Expired')",
            },
            { trigger: ".chain-override-reason", run: "select date_error" },
            // offline, no PIN can be checked: the lot is not allowed, and the cashier is told why
            {
                content: "the till loses the server",
                trigger: ".chain-override-pin",
                run: () => {
                    window.posmodel.data.network.offline = true;
                },
            },
            { trigger: ".chain-override-pin", run: "edit 2468" },
            { trigger: ".chain-override-confirm", run: "click" },
            {
                content: "offline, the PIN is not checked",
                trigger: ".chain-override-error:contains('only checked online')",
                run: () => {
                    window.posmodel.data.network.offline = false;
                },
            },
            { trigger: ".chain-override-pin", run: "edit 0000" },
            { trigger: ".chain-override-confirm", run: "click" },
            { content: "a wrong PIN is refused", trigger: ".chain-override-error:contains('Wrong PIN')" },
            // the store manager allows it with their PIN
            { trigger: ".chain-override-pin", run: "edit 2468" },
            { trigger: ".chain-override-confirm", run: "click" },
            {
                content: "the overridden line carries lot OLD",
                trigger: ".orderline li:contains('OLD')",
            },
            // no code at hand: the store's lots, first-expiry-first, unsellable ones greyed out
            ProductScreen.clickDisplayedProduct("Formula stage 1 800g (test)"),
            {
                content: "the earliest lot comes first and cannot be picked (expired)",
                trigger: ".chain-lot-table tbody tr:first-child.chain-lot-unavailable[data-lot='OLD']",
            },
            {
                content: "then the lot past its removal date, also greyed out",
                trigger: ".chain-lot-table tbody tr:nth-child(2).chain-lot-unavailable[data-lot='LATE']",
            },
            {
                content: "a near-expiry lot shows its days left",
                trigger: ".chain-lot-table tr[data-lot='NEAR']:contains('100')",
                run: "click",
            },
            {
                content: "the line carries lot NEAR",
                trigger: ".orderline li:contains('NEAR')",
            },
            ProductScreen.clickPayButton(),
            {
                content: "pay with the first payment method",
                trigger: ".paymentmethods .paymentmethod",
                run: "click",
            },
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
