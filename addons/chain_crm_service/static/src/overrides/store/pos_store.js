import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { complaintVals } from "@chain_crm_service/utils/complaint_rules";

patch(PosStore.prototype, {
    /** `[{id, name, kind}]`: the case categories, sent with the session. */
    get chainCaseCategories() {
        return this.session._chain_case_categories || [];
    },

    /**
     * Record a complaint (投诉) for the current order's customer, with the selected line's
     * product and lot: `helpdesk.ticket.chain_create_from_pos` checks the till and the user.
     * Resolves `{id, number}` or `{error}`: never throws.
     */
    async chainRecordComplaint({ categoryId, description }) {
        const order = this.get_order();
        const vals = complaintVals({
            sessionId: this.session.id,
            partnerId: order?.get_partner()?.id,
            categoryId,
            description,
            line: order?.get_selected_orderline(),
        });
        if (vals.error) {
            return vals;
        }
        try {
            return await this.data.call("helpdesk.ticket", "chain_create_from_pos", [vals]);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return { error: _t("The server cannot be reached: complaints are recorded online only.") };
            }
            return { error: error.data?.message || error.message || String(error) };
        }
    },
});
