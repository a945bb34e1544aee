import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import { registry } from "@web/core/registry";

const ITEM = "Baby Bottle (test)";
// WeChat Pay code (18 digits, 10-15...); the simulator's scenario is the last two digits:
// 50 = the customer confirms with her password after two queries
const CODE_USER_PAYING = "134567890123456750";
// 51 = the customer never confirms
const CODE_NEVER_CONFIRMED = "134567890123456751";

/** The barcode scanner reads a code (as the hardware scanner does, through the reader). */
function scan(code) {
    return {
        content: `scan ${code}`,
        trigger: ".chain-pay-code-input",
        run: () => window.posmodel.env.services.barcode_reader.scan(code),
    };
}

/** The till's polls stop reaching the server (as when the shop's network drops). */
function loseTheServer() {
    const { open, send } = XMLHttpRequest.prototype;
    XMLHttpRequest.prototype.open = function (method, url) {
        this.chainUrl = String(url);
        return open.apply(this, arguments);
    };
    XMLHttpRequest.prototype.send = function () {
        if (this.chainUrl.includes("/chain_cn_poll")) {
            setTimeout(() => this.dispatchEvent(new Event("error")));
            return;
        }
        return send.apply(this, arguments);
    };
    window.chainRestoreServer = () => Object.assign(XMLHttpRequest.prototype, { open, send });
}

registry.category("web_tour.tours").add("chain_pos_payment_cn_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct(ITEM),
            ProductScreen.clickPayButton(),
            PaymentScreen.clickPaymentMethod("WeChat Pay"),
            // a code that is not WeChat Pay's is refused before anything is sent
            { trigger: ".chain-pay-code-input", run: "edit 2812345678901234" },
            { trigger: ".chain-pay-code-confirm", run: "click" },
            {
                content: "the cashier is told why",
                trigger: ".chain-pay-code-error:contains('no WeChat Pay payment code')",
            },
            // a customer who never confirms: the cashier cancels, nothing is charged
            scan(CODE_NEVER_CONFIRMED),
            {
                content: "the till waits for her password",
                trigger: ".paymentline .chain-cn-waiting:contains('Waiting for the customer to confirm')",
            },
            { trigger: ".paymentline .send_payment_cancel", run: "click" },
            {
                content: "cancelled: the line can be tried again",
                trigger: ".paymentline .send_payment_request:contains('Retry')",
                run: "click",
            },
            // the customer's code, read by the scanner
            scan(CODE_USER_PAYING),
            {
                content: "the customer confirms with her password: the till waits and polls",
                trigger: ".paymentline .chain-cn-waiting:contains('Waiting for the customer to confirm')",
                run: loseTheServer,
            },
            {
                content: "offline: the payment is still pending (an unknown is no failure), the till asks again",
                trigger: ".paymentline .chain-cn-waiting:contains('Connection lost')",
                run: () => window.chainRestoreServer(),
            },
            {
                trigger: ".paymentline .chain-cn-waiting:contains('Waiting for the customer to confirm')",
            },
            {
                content: "no 'Force done' on a payment code",
                trigger: ".paymentline:not(:has(.send_force_done)) .send_payment_cancel",
            },
            {
                content: "paid: the provider confirmed",
                trigger: ".paymentline .electronic_status:contains('Payment Successful')",
                timeout: 30000,
            },
            PaymentScreen.remainingIs("0.0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // the customer brings the bottle back: refund it to her WeChat Pay
            Chrome.clickMenuOption("Orders"),
            TicketScreen.selectFilter("All active orders"),
            TicketScreen.selectFilter("Paid"),
            TicketScreen.selectOrder("-0001"),
            TicketScreen.confirmRefund(),
            ProductScreen.clickPayButton(),
            PaymentScreen.totalIs("-120.00"),
            PaymentScreen.clickPaymentMethod("WeChat Pay"),
            {
                content: "refunded to the original payment",
                trigger: ".paymentline .electronic_status:contains('Payment Successful')",
                timeout: 20000,
            },
            PaymentScreen.remainingIs("0.0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});

registry.category("web_tour.tours").add("chain_pos_payment_cn_bad_code_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm(),
            ProductScreen.clickDisplayedProduct(ITEM),
            ProductScreen.clickPayButton(),
            {
                content: "pay by WeChat Pay",
                trigger: ".paymentmethods .button.paymentmethod:contains('WeChat Pay')",
                run: "click",
            },
            scan("99887766554433"),
            {
                content: "a code that is no WeChat Pay code: refused, in the cashier's language",
                trigger: ".chain-pay-code-error:contains('不是微信支付付款码')",
            },
            { trigger: ".chain-pay-code-cancel", run: "click" },
            {
                content: "nothing charged: the line waits for a retry",
                trigger: ".paymentline .send_payment_request",
            },
        ].flat(),
});

registry.category("web_tour.tours").add("chain_pos_payment_cn_alipay_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct(ITEM),
            ProductScreen.clickPayButton(),
            // 100 in cash, the rest by Alipay
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.enterPaymentLineAmount("Cash", "100", true, { remaining: "20.00" }),
            PaymentScreen.clickPaymentMethod("Alipay"),
            // an Alipay code (25-30..., 16-24 digits); scenario 00: paid at once
            { trigger: ".chain-pay-code-input", run: "edit 2812345678901234500" },
            { trigger: ".chain-pay-code-confirm", run: "click" },
            {
                content: "paid",
                trigger: ".paymentline .electronic_status:contains('Payment Successful')",
                timeout: 20000,
            },
            PaymentScreen.remainingIs("0.0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
            ReceiptScreen.clickNextOrder(),
            // the whole order comes back: Alipay refunds what it was paid, cash the rest
            Chrome.clickMenuOption("Orders"),
            TicketScreen.selectFilter("All active orders"),
            TicketScreen.selectFilter("Paid"),
            TicketScreen.selectOrder("-0001"),
            TicketScreen.confirmRefund(),
            ProductScreen.clickPayButton(),
            PaymentScreen.totalIs("-120.00"),
            PaymentScreen.clickPaymentMethod("Alipay"),
            {
                content: "the cashier is told Alipay refunds only what it was paid",
                trigger: ".o_notification:contains('Alipay was paid')",
            },
            {
                content: "refunded to the original Alipay payment",
                trigger: ".paymentline .electronic_status:contains('Payment Successful')",
                timeout: 20000,
            },
            PaymentScreen.selectedPaymentlineHas("Alipay", "-20.00"),
            PaymentScreen.remainingIs("-100.00"),
            PaymentScreen.clickPaymentMethod("Cash"),
            PaymentScreen.remainingIs("0.0"),
            PaymentScreen.clickValidate(),
            ReceiptScreen.isShown(),
        ].flat(),
});
