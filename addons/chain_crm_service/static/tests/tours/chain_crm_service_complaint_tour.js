import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("chain_crm_service_complaint_tour", {
    steps: () =>
        [
            Chrome.startPoS(),
            Dialog.confirm("Open Register"),
            ProductScreen.clickDisplayedProduct("Stroller wheel (test)"),
            // without a customer the complaint is refused
            { trigger: ".chain-complaint-button", run: "click" },
            { trigger: ".chain-complaint-customer .text-danger" },
            { trigger: ".modal .btn-secondary", run: "click" },
            ProductScreen.clickPartnerButton(),
            ProductScreen.clickCustomer("Wang Fang (test)"),
            { trigger: ".chain-complaint-button", run: "click" },
            { trigger: ".chain-complaint-customer:contains('Wang Fang (test)')" },
            { trigger: ".chain-complaint-product:contains('Stroller wheel (test)')" },
            { trigger: ".chain-complaint-save", run: "click" },
            { content: "a kind is required", trigger: ".chain-complaint-error" },
            { trigger: ".chain-complaint-category", run: "selectByLabel Broken part test" },
            { trigger: ".chain-complaint-description", run: "edit The wheel broke on the first day" },
            { trigger: ".chain-complaint-save", run: "click" },
            { content: "recorded", trigger: ".o_notification:contains('recorded')" },
        ].flat(),
});
