import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * The fapiao desk of the receipt screen: the cashier types the buyer's title, tax id and type
 * while the customer waits. The store (`chainRequestFapiao`) checks and sends them; this
 * component shows the answer.
 */
export class ChainFapiaoDialog extends Component {
    static template = "chain_fapiao.ChainFapiaoDialog";
    static components = { Dialog };
    static props = { close: Function, order: Object };

    setup() {
        this.pos = usePos();
        this.notification = useService("notification");
        const partner = this.props.order.get_partner();
        this.state = useState({
            buyerName: "",
            buyerVat: "",
            fapiaoType: "normal",
            email: partner?.email || "",
            mobile: partner?.mobile || "",
            busy: false,
            error: "",
        });
    }

    get title() {
        return _t("Fapiao");
    }

    async save() {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            const answer = await this.pos.chainRequestFapiao(this.props.order, this.state);
            if (answer.error) {
                this.state.error = answer.error;
                return;
            }
            this.notification.add(_t("Fapiao request recorded (invoice %s).", answer.invoice || "-"), {
                type: "success",
            });
            this.props.close();
        } finally {
            this.state.busy = false;
        }
    }
}
