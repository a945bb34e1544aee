import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * The complaint desk of the till: the cashier records an after-sales case (投诉) for the
 * order's customer while she waits — kind, what happened, and the selected line's product
 * and lot. The store (`chainRecordComplaint`) sends it; this component shows its answer.
 */
export class ChainComplaintDialog extends Component {
    static template = "chain_crm_service.ChainComplaintDialog";
    static components = { Dialog };
    static props = { close: Function };

    setup() {
        this.pos = usePos();
        this.notification = useService("notification");
        this.state = useState({ categoryId: "", description: "", busy: false, error: "" });
    }

    get title() {
        return _t("Complaint");
    }

    get customer() {
        return this.pos.get_order()?.get_partner();
    }

    get line() {
        return this.pos.get_order()?.get_selected_orderline();
    }

    get lotName() {
        const lots = this.line?.pack_lot_ids || [];
        return lots.length ? lots[0].lot_name : "";
    }

    async save() {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            const answer = await this.pos.chainRecordComplaint({
                categoryId: this.state.categoryId,
                description: this.state.description,
            });
            if (answer.error) {
                this.state.error = answer.error;
                return;
            }
            this.notification.add(_t("Complaint %s recorded.", answer.number), { type: "success" });
            this.props.close();
        } finally {
            this.state.busy = false;
        }
    }
}
