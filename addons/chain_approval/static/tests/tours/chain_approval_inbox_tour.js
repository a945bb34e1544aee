import { registry } from "@web/core/registry";

// A store manager on a phone: approves one request from its card in My Approvals, rejects
// another with a reason typed in the dialog.
registry.category("web_tour.tours").add("chain_approval_inbox_phone_tour", {
    steps: () => [
        {
            content: "both requests wait on their cards, with their figures",
            trigger: ".o_kanban_view .o_kanban_record:contains('TOUR-REJECT'):contains('Scrap'):contains('Test Store A')",
        },
        {
            content: "approve TOUR-APPROVE from its card",
            trigger: ".o_kanban_record:contains('TOUR-APPROVE') button[name='action_chain_approve']",
            run: "click",
        },
        {
            content: "nothing is left to approve on that card",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains('TOUR-APPROVE') button[name='action_chain_approve']))",
        },
        {
            content: "reject TOUR-REJECT",
            trigger: ".o_kanban_record:contains('TOUR-REJECT') button[name='action_chain_reject_wizard']",
            run: "click",
        },
        {
            content: "say why",
            trigger: ".modal [name='reason'] textarea",
            run: "edit Expired lots go back to the supplier",
        },
        {
            content: "confirm the rejection",
            trigger: ".modal button[name='action_reject']",
            run: "click",
        },
        {
            content: "the dialog closed and the card has nothing left to decide",
            trigger: "body:not(:has(.modal)) .o_kanban_view:not(:has(.o_kanban_record:contains('TOUR-REJECT') button[name='action_chain_reject_wizard']))",
        },
    ],
});
