import { registry } from "@web/core/registry";

// Opens Dashboards > Chain KPIs: the spreadsheet loads (no error, not the sample), the Period
// and Store filters are offered, and its figures are drawn: seven KPI scorecards and the two charts.
function openChainKpis() {
    return [
        {
            content: "open the Chain KPIs dashboard of the Chain group",
            trigger: ".o_search_panel_section:has(header:contains('Chain')) li:contains('Chain KPIs')",
            run: "click",
            // the spreadsheet library is a lazy bundle, built on first use after an update
            timeout: 60000,
        },
        {
            content: "the dashboard has loaded",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer .o-grid",
            timeout: 30000,
        },
        {
            content: "no loading error",
            trigger: ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status.error))",
        },
    ];
}

registry.category("web_tour.tours").add("chain_dashboard_spreadsheet_tour", {
    steps: () => [
        ...openChainKpis(),
        {
            content: "the real figures, not the sample",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer:not(.o-sample-dashboard)",
        },
        {
            content: "the Period filter is offered",
            trigger: ".o_filter_value_container .o-filter-value[title='Period']",
        },
        {
            content: "the Store filter is offered",
            trigger: ".o_filter_value_container .o-filter-value[title='Store']",
        },
        {
            content: "seven KPI scorecards are drawn",
            trigger: ".o_renderer:has(canvas.o-scorecard:eq(6))",
        },
        {
            // figures are drawn when in view: the test's window is tall enough for all of them
            content: "the daily sales and category charts are drawn",
            trigger: ".o_renderer:has(canvas.o-figure-canvas:not(.o-scorecard):eq(1))",
        },
    ],
});

registry.category("web_tour.tours").add("chain_dashboard_spreadsheet_sample_tour", {
    steps: () => [
        ...openChainKpis(),
        {
            content: "a store without sales sees the sample dashboard",
            trigger: ".o_spreadsheet_dashboard_action .o_renderer.o-sample-dashboard",
        },
        {
            content: "its scorecards are drawn",
            trigger: ".o_renderer:has(canvas.o-scorecard:eq(6))",
        },
    ],
});
