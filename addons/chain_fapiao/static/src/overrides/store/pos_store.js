import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { fapiaoRequestVals } from "@chain_fapiao/utils/fapiao_rules";

patch(PosStore.prototype, {
    /**
     * Record the customer's fapiao request (发票申请) on a synced order:
     * `chain.fapiao.request.create_from_pos` checks the caller's store and the buyer again.
     * Resolves `{id, state, invoice}` or `{error}`: never throws.
     */
    async chainRequestFapiao(order, values) {
        const vals = fapiaoRequestVals(values);
        if (vals.error) {
            return vals;
        }
        if (!order || typeof order.id !== "number") {
            return { error: _t("The order is not synchronised yet: ask from the receipt's QR code.") };
        }
        try {
            return await this.data.call("chain.fapiao.request", "create_from_pos", [order.uuid, vals]);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return { error: _t("The server cannot be reached: the customer can ask from the receipt's QR code.") };
            }
            return { error: error.data?.message || error.message || String(error) };
        }
    },
});
