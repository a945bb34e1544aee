import { registry } from "@web/core/registry";

// A counter on a phone: taps +1 on a card, opens another card and types a quantity, then +1;
// never sees an expected quantity.
registry.category("web_tour.tours").add("chain_stock_count_phone_tour", {
    steps: () => [
        {
            content: "the cards are shown, without expected quantities",
            trigger: ".o_kanban_view:not(:has([name='expected_qty'])) .o_kanban_record:contains('C-001')",
        },
        {
            content: "tap +1 on lot C-001",
            trigger: ".o_kanban_record:contains('C-001') button[name='action_add_one']",
            run: "click",
        },
        {
            content: "C-001 shows 1 counted",
            trigger: ".o_kanban_record:contains('C-001') .o_chain_count_qty:contains('1.00')",
        },
        {
            content: "open the card of lot C-002",
            trigger: ".o_kanban_record:contains('C-002') .o_chain_count_product",
            run: "click",
        },
        {
            content: "type the quantity found",
            trigger: ".o_form_view:not(:has([name='expected_qty'])) [name='counted_qty'] input",
            run: "edit 4",
        },
        {
            content: "one more found: +1",
            trigger: ".o_form_view button[name='action_add_one']",
            run: "click",
        },
        {
            content: "5 counted",
            trigger: ".o_form_view [name='counted_qty'] input:value(5.00)",
        },
    ],
});
