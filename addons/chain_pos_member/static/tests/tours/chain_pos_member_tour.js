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
            content: "pay with the first payment method",
            trigger: ".paymentmethods .paymentmethod",
            run: "click",
        },
        PaymentScreen.clickValidate(),
        ReceiptScreen.isShown(),
    ].flat();
}

registry.category("web_tour.tours").add("chain_pos_member_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct(ITEM),
            // look the member up by mobile: nothing of her was loaded at start-up
            { trigger: ".chain-member-button", run: "click" },
            { trigger: ".chain-member-search", run: "edit 138 1234 5678" },
            { trigger: ".chain-member-search-button", run: "click" },
            {
                content: "the member, her points and her baby's stage",
                trigger:
                    ".chain-member-result:contains('王小红') .chain-member-points:contains('1000')",
            },
            {
                trigger: ".chain-member-result:contains('王小红') .chain-member-baby:contains('Doudou')",
            },
            {
                trigger: ".chain-member-result:contains('王小红') .chain-member-attach",
                run: "click",
            },
            {
                content: "attached: she is the order's customer",
                trigger: ".chain-member-message:contains('王小红')",
            },
            // redeem 500 points with the one-time code sent to her mobile
            {
                trigger: ".chain-member-result:contains('王小红') .chain-member-redeem",
                run: "click",
            },
            { trigger: ".chain-redeem-points", run: "edit 500" },
            { trigger: ".chain-redeem-value:contains('5.00')" },
            { trigger: ".chain-redeem-send-code", run: "click" },
            { content: "sent to her masked mobile", trigger: ".chain-redeem-sent:contains('138****5678')" },
            { trigger: ".chain-redeem-code", run: "edit 000000" },
            { trigger: ".chain-redeem-confirm-code", run: "click" },
            { content: "a wrong code is refused", trigger: ".chain-redeem-error:contains('Wrong code')" },
            {
                content: "the member reads out the code she received (the SMS gateway's outbox)",
                trigger: ".chain-redeem-code",
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
            { trigger: ".chain-redeem-confirm-code", run: "click" },
            {
                content: "the redemption line, worth the points",
                trigger: ".orderline:contains('Member points redemption'):contains('5.00')",
            },
            { trigger: ".chain-member-button:contains('1000')" },
            ...pay(),
            {
                content: "the receipt prints the points redeemed, earned and the balance",
                trigger: ".pos-receipt .chain-points-redeemed:contains('500')",
            },
            { trigger: ".pos-receipt .chain-points-earned:contains('95')" },
            { trigger: ".pos-receipt .chain-points-balance:contains('595')" },
            ReceiptScreen.clickNextOrder(),
            // a new member enrolled at the till, with consent
            ProductScreen.clickDisplayedProduct(ITEM),
            { trigger: ".chain-member-button", run: "click" },
            { trigger: ".chain-member-search", run: "edit 137 1111 2222" },
            { trigger: ".chain-member-search-button", run: "click" },
            { trigger: ".chain-member-message:contains('No member')" },
            { trigger: ".chain-member-enrol-open", run: "click" },
            { trigger: ".chain-enrol-name", run: "edit 赵敏" },
            {
                content: "the baby is due in three months",
                trigger: ".chain-enrol-baby-date",
                run: function () {
                    const due = new Date(Date.now() + 90 * 86400000).toISOString().slice(0, 10);
                    this.anchor.value = due;
                    this.anchor.dispatchEvent(new Event("input", { bubbles: true }));
                },
            },
            { content: "no enrolment without consent", trigger: ".chain-enrol-confirm:disabled" },
            { trigger: ".chain-enrol-consent", run: "click" },
            { trigger: ".chain-enrol-confirm:enabled", run: "click" },
            { trigger: ".chain-member-message:contains('enrolled')" },
            { trigger: ".chain-member-result:contains('赵敏') .chain-member-attach:disabled" },
            { trigger: ".chain-member-close", run: "click" },
            ...pay(),
            { trigger: ".pos-receipt .chain-points-earned:contains('100')" },
            // offline: the enrolment is kept and goes with the order once the server is back
            ReceiptScreen.clickNextOrder(),
            ProductScreen.clickDisplayedProduct(ITEM),
            {
                content: "the till loses the server",
                trigger: ".chain-member-button",
                run: () => {
                    window.posmodel.data.network.offline = true;
                },
            },
            { trigger: ".chain-member-button", run: "click" },
            { trigger: ".chain-member-enrol-open", run: "click" },
            { trigger: ".chain-enrol-mobile", run: "edit 135 0000 0009" },
            { trigger: ".chain-enrol-name", run: "edit 孙丽" },
            { trigger: ".chain-enrol-consent", run: "click" },
            { trigger: ".chain-enrol-confirm:enabled", run: "click" },
            {
                content: "the cashier is told the enrolment waits for the connection",
                trigger: ".chain-member-message:contains('offline')",
                run: () => {
                    window.posmodel.data.network.offline = false;
                },
            },
            { trigger: ".chain-member-close", run: "click" },
            ...pay(),
            {
                content: "synced: the new member earned the order's points",
                trigger: ".pos-receipt .chain-points-earned:contains('100')",
            },
            // a member of store B walks in: her contact is not this store's to read, the till
            // serves her all the same, masked
            ReceiptScreen.clickNextOrder(),
            ProductScreen.clickDisplayedProduct(ITEM),
            { trigger: ".chain-member-button", run: "click" },
            { trigger: ".chain-member-search", run: "edit 139 0000 1111" },
            { trigger: ".chain-member-search-button", run: "click" },
            {
                trigger: ".chain-member-result:contains('李*') .chain-member-attach",
                run: "click",
            },
            { trigger: ".chain-member-message:contains('李*')" },
            { trigger: ".chain-member-close", run: "click" },
            ...pay(),
            {
                content: "another store's member earned her points here",
                trigger: ".pos-receipt .chain-points-earned:contains('100')",
            },
            { trigger: ".pos-receipt .chain-points-balance:contains('600')" },
            {
                content: "her order reloaded from the server (the orders list) brings her contact, masked",
                trigger: ".pos-receipt",
                run: async () => {
                    const pos = window.posmodel;
                    const order = pos.get_order();
                    const partnerId = order.get_partner().id;
                    pos.models["res.partner"].get(partnerId).delete();
                    await pos.data.read("pos.order", [order.id]);
                    const partner = pos.models["res.partner"].get(partnerId);
                    if (!partner || partner.name !== "李*" || partner.mobile || partner.street) {
                        throw new Error("store B's member's contact not loaded masked with her order");
                    }
                },
            },
        ].flat(),
});
