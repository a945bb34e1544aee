import {registry} from "@web/core/registry";

// A store manager opens the dashboard: the member section shows their store only, and the
// new members figure drills down to the members who joined.
registry.category("web_tour.tours").add("chain_dashboard_member_tour", {
    steps: () => [
        {
            content: "the member share card has a value",
            trigger: ".o_chain_dashboard_member_card_member_share .o_chain_dashboard_value:not(:contains('-'))",
        },
        {
            content: "the store's row shows one new member",
            trigger: ".o_chain_dashboard_member_stores tr[data-store='TA01'] .o_chain_dashboard_member_new:contains('1')",
        },
        {
            content: "the other store is not shown",
            trigger: ".o_chain_dashboard_member_stores:not(:has(tr[data-store='TB01']))",
        },
        {
            content: "drill down from the new members card",
            trigger: ".o_chain_dashboard_member_card_new",
            run: "click",
        },
        {
            content: "the new member is listed",
            trigger: ".o_list_view .o_data_row:contains('Wang Xiaohong')",
        },
    ],
});
