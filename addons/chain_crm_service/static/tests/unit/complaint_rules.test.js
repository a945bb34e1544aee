import { describe, expect, test } from "@odoo/hoot";
import { complaintVals } from "@chain_crm_service/utils/complaint_rules";

// What the till sends to helpdesk.ticket.chain_create_from_pos (the server checks it again).
describe("chain_crm_service complaint rules", () => {
    test("a complaint needs the customer, a kind and a description", () => {
        const base = { sessionId: 7, partnerId: 3, categoryId: "2", description: "Broke", line: null };
        expect(Boolean(complaintVals({ ...base, partnerId: undefined }).error)).toBe(true);
        expect(Boolean(complaintVals({ ...base, categoryId: "" }).error)).toBe(true);
        expect(Boolean(complaintVals({ ...base, description: "   " }).error)).toBe(true);
        expect(complaintVals(base)).toEqual({
            session_id: 7,
            partner_id: 3,
            category_id: 2,
            description: "Broke",
        });
    });

    test("the selected line gives its product, its first lot and its server id once synced", () => {
        const line = { id: 41, product_id: { id: 9 }, pack_lot_ids: [{ lot_name: "F-BAD" }] };
        const vals = complaintVals({ sessionId: 1, partnerId: 3, categoryId: 2, description: " x ", line });
        expect(vals).toEqual({
            session_id: 1,
            partner_id: 3,
            category_id: 2,
            description: "x",
            product_id: 9,
            lot_name: "F-BAD",
            line_id: 41,
        });
        const unsynced = { id: "uuid-1", product_id: { id: 9 }, pack_lot_ids: [] };
        const other = complaintVals({ sessionId: 1, partnerId: 3, categoryId: 2, description: "x", line: unsynced });
        expect([other.lot_name, other.line_id]).toEqual(["", false]);
    });
});
