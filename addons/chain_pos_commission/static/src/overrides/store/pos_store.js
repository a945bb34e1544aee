import { patch } from "@web/core/utils/patch";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { defaultGuideId, guideName, linesToGuide } from "@chain_pos_commission/utils/guide_rules";

patch(PosStore.prototype, {
    /** The store's employees a line may be credited to: `[{id, name, job}]`, sent with the session. */
    get chainGuides() {
        return this.session?._chain_guides || [];
    },

    /** The guide of a new line: the logged-in employee if they work in this store. */
    chainDefaultGuideId() {
        const cashier = this.config.module_pos_hr ? this.get_cashier() : null;
        const cashierId = cashier?.model?.modelName === "hr.employee" ? cashier.id : false;
        return defaultGuideId(cashierId, this.chainGuides);
    },

    chainGuideName(guideId) {
        return guideName(guideId, this.chainGuides);
    },

    /**
     * Credit `employeeId` with the selected line of `order`, or with all its lines.
     * Returns the lines changed.
     */
    chainSetGuide(order, employeeId, wholeOrder = false) {
        const lines = linesToGuide(order.get_orderlines(), order.get_selected_orderline(), wholeOrder);
        for (const line of lines) {
            line.update({ chain_guide_id: employeeId || false });
        }
        return lines;
    },

    async addLineToCurrentOrder(vals, opt = {}, configure = true) {
        if (!vals.chain_guide_id) {
            vals.chain_guide_id = this.chainDefaultGuideId();
        }
        return await super.addLineToCurrentOrder(vals, opt, configure);
    },
});
