import { registry } from "@web/core/registry";

// Opens the dashboard and checks the scope shown: how many stores, which stores are ranked,
// the sales card filled; HQ then drills down from a store of the ranking to its tickets.
function scopeSteps(storeCount, shown, hidden) {
    return [
        {
            content: "the dashboard shows the figures of the scope",
            trigger: `.o_chain_dashboard_store_count:contains('${storeCount}')`,
        },
        {
            content: "the sales card has a value",
            trigger: ".o_chain_dashboard_card_sales .o_chain_dashboard_value:not(:contains('-'))",
        },
        {
            content: "the stock row shows the stock value and the slow movers",
            trigger: ".o_chain_dashboard_stock .o_chain_dashboard_stock_value .o_chain_dashboard_value",
        },
        {
            content: "the slow movers card has a count",
            trigger: ".o_chain_dashboard_stock_slow_movers .o_chain_dashboard_value:not(:contains('-'))",
        },
        ...shown.map((code) => ({
            content: `store ${code} is ranked`,
            trigger: `.o_chain_dashboard_ranking tr[data-store='${code}'] .o_chain_dashboard_store_sales`,
        })),
        ...hidden.map((code) => ({
            content: `store ${code} is not shown`,
            trigger: `.o_chain_dashboard_ranking:not(:has(tr[data-store='${code}']))`,
        })),
    ];
}

registry.category("web_tour.tours").add("chain_dashboard_store_tour", {
    steps: () => scopeSteps(1, ["TA01"], ["TB01"]),
});

registry.category("web_tour.tours").add("chain_dashboard_region_tour", {
    steps: () => scopeSteps(1, ["TA01"], ["TB01"]),
});

registry.category("web_tour.tours").add("chain_dashboard_hq_tour", {
    steps: () => [
        ...scopeSteps(2, ["TA01", "TB01"], []),
        {
            content: "drill down from store TB01",
            trigger: ".o_chain_dashboard_ranking tr[data-store='TB01']",
            run: "click",
        },
        {
            content: "the tickets of the store are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "back to the dashboard",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
        {
            content: "drill down from the stock value",
            trigger: ".o_chain_dashboard_stock_value",
            run: "click",
        },
        {
            content: "the stock behind the value is listed",
            trigger: ".o_list_view",
        },
    ],
});
