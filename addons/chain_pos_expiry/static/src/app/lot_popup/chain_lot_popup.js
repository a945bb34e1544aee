import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

/**
 * The lots of a product in this store, first-expiry-first, with expiry date, quantity and days
 * left. Lots that may not be sold are shown but cannot be picked; a lot can also be typed or
 * scanned in the field at the top (it is then checked like any other).
 * Resolves `getPayload({ lotName })`.
 */
export class ChainLotPopup extends Component {
    static template = "chain_pos_expiry.ChainLotPopup";
    static components = { Dialog };
    static props = {
        title: String,
        productName: String,
        rows: Array, // [{ name, expiry, qty, issue, daysLeft, label }]
        onRefresh: { type: Function, optional: true },
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.state = useState({ rows: this.props.rows, typed: "", refreshing: false });
    }

    isSelectable(row) {
        return !row.blocking;
    }

    select(row) {
        if (this.isSelectable(row)) {
            this.props.getPayload({ lotName: row.name });
            this.props.close();
        }
    }

    confirmTyped() {
        const lotName = this.state.typed.trim();
        if (lotName) {
            this.props.getPayload({ lotName });
            this.props.close();
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            this.confirmTyped();
        }
    }

    async refresh() {
        if (!this.props.onRefresh) {
            return;
        }
        this.state.refreshing = true;
        try {
            this.state.rows = await this.props.onRefresh();
        } finally {
            this.state.refreshing = false;
        }
    }

    get placeholder() {
        return _t("Scan or type a lot number");
    }
}
