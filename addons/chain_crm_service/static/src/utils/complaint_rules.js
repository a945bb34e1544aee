import { _t } from "@web/core/l10n/translation";

/**
 * The values the till sends to `helpdesk.ticket.chain_create_from_pos`, or `{error}` when
 * something the cashier must give is missing. `line` is the selected order line (or null):
 * its product, its first lot and, once the order is synced, its server id.
 */
export function complaintVals({ sessionId, partnerId, categoryId, description, line }) {
    if (!partnerId) {
        return { error: _t("Set the customer of the order first.") };
    }
    const category = parseInt(categoryId, 10);
    if (!category) {
        return { error: _t("Choose the kind of complaint.") };
    }
    const text = (description || "").trim();
    if (!text) {
        return { error: _t("Describe the complaint.") };
    }
    const vals = { session_id: sessionId, partner_id: partnerId, category_id: category, description: text };
    if (line) {
        vals.product_id = line.product_id?.id || false;
        const lots = line.pack_lot_ids || [];
        vals.lot_name = lots.length ? lots[0].lot_name || "" : "";
        vals.line_id = typeof line.id === "number" ? line.id : false;
    }
    return vals;
}
