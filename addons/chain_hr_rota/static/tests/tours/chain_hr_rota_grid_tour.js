import {registry} from "@web/core/registry";

// A store manager opens a draft rota in the grid, gives Wang the early shift on Tuesday,
// sees it in the cell and the coverage footer, then clears Chen's Monday.
registry.category("web_tour.tours").add("chain_hr_rota_grid_tour", {
    steps: () => [
        {
            content: "open the grid from the rota",
            trigger: ".o_chain_rota_plan_in_grid",
            run: "click",
        },
        {
            content: "the grid lists the store's employees",
            trigger: ".o_chain_rota_grid tr[data-employee] .o_chain_rota_grid_employee:contains('Wang Fang')",
        },
        {
            content: "another store's employee is not a row",
            trigger: ".o_chain_rota_grid_table:not(:has(.o_chain_rota_grid_employee:contains('Zhao Lei')))",
        },
        {
            content: "Chen's Monday shift is drawn",
            trigger: ".o_chain_rota_grid tr[data-employee]:has(.o_chain_rota_grid_employee:contains('Chen Jie')) td[data-day='2026-12-07'] .o_chain_rota_grid_shift:contains('L 13:00-21:00')",
        },
        {
            content: "click Wang's Tuesday",
            trigger: ".o_chain_rota_grid tr[data-employee]:has(.o_chain_rota_grid_employee:contains('Wang Fang')) td.o_chain_rota_grid_cell[data-day='2026-12-08']",
            run: "click",
        },
        {
            content: "pick the early shift",
            trigger: ".o_chain_rota_grid_picker .o_chain_rota_grid_template[data-template='E']",
            run: "click",
        },
        {
            content: "the cell shows the early shift",
            trigger: ".o_chain_rota_grid tr[data-employee]:has(.o_chain_rota_grid_employee:contains('Wang Fang')) td[data-day='2026-12-08'] .o_chain_rota_grid_shift:contains('E 09:00-17:00')",
        },
        {
            content: "the footer counts Tuesday's shift",
            trigger: ".o_chain_rota_grid_coverage td[data-day='2026-12-08']:contains('1 shift(s)')",
        },
        {
            content: "Tuesday is under-covered (two people needed from 9 to 12)",
            trigger: ".o_chain_rota_grid_coverage td.o_chain_rota_grid_coverage_under[data-day='2026-12-08']",
        },
        {
            content: "click Chen's Monday",
            trigger: ".o_chain_rota_grid tr[data-employee]:has(.o_chain_rota_grid_employee:contains('Chen Jie')) td.o_chain_rota_grid_cell[data-day='2026-12-07']",
            run: "click",
        },
        {
            content: "clear the day",
            trigger: ".o_chain_rota_grid_picker .o_chain_rota_grid_clear",
            run: "click",
        },
        {
            content: "Chen's Monday is empty",
            trigger: ".o_chain_rota_grid tr[data-employee]:has(.o_chain_rota_grid_employee:contains('Chen Jie')) td[data-day='2026-12-07']:not(:has(.o_chain_rota_grid_shift))",
        },
    ],
});
