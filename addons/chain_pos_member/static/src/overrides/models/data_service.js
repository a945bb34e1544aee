import { patch } from "@web/core/utils/patch";
import { PosData } from "@point_of_sale/app/models/data_service";

patch(PosData.prototype, {
    /**
     * Orders loaded from the server (at start-up, from the orders list) bring their customer.
     * The contact of another store's member is not readable to this store: the till asks its
     * session for it (masked) before Odoo's loader reads the missing contacts.
     */
    async missingRecursive(recordMap, idsMap = {}, acc = {}) {
        const orders = recordMap["pos.order"] || [];
        const partners = this.models["res.partner"];
        const sessionId =
            recordMap["pos.session"]?.[0]?.id || this.models["pos.session"]?.getFirst()?.id;
        const orderIds = orders
            .filter((order) => typeof order.partner_id === "number" && !partners?.get(order.partner_id))
            .map((order) => order.id)
            .filter((id) => typeof id === "number");
        if (orderIds.length && sessionId && !this.network.offline) {
            try {
                const members = await this.orm.call("pos.session", "chain_member_order_partners", [
                    sessionId,
                    orderIds,
                ]);
                if (members.length) {
                    recordMap = {
                        ...recordMap,
                        "res.partner": [...(recordMap["res.partner"] || []), ...members],
                    };
                }
            } catch (error) {
                console.warn("chain_pos_member: members' contacts of the orders not loaded", error);
            }
        }
        return super.missingRecursive(recordMap, idsMap, acc);
    },
});
