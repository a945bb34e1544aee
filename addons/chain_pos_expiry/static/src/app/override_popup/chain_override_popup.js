import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";

export const OVERRIDE_REASONS = [
    ["date_error", _t("Date recorded wrongly")],
    ["lot_error", _t("Lot recorded wrongly")],
    ["not_received", _t("Lot not yet received in the system")],
    ["markdown", _t("Sold at a markdown, customer informed")],
    ["other", _t("Other")],
];

/**
 * Tells the cashier why a lot is refused and, when the refusal may be overridden, lets a store
 * manager allow it with their PIN and a reason code. The till knows nothing of the PINs: `verify`
 * sends the PIN to the server, which answers with a token for this line or an error (wrong PIN,
 * too many tries, offline), shown here.
 * Resolves `getPayload({ userId, reason, token })`; closing means the lot is not sold.
 */
export class ChainOverridePopup extends Component {
    static template = "chain_pos_expiry.ChainOverridePopup";
    static components = { Dialog };
    static props = {
        title: String,
        message: String,
        overridable: Boolean,
        managers: Array, // [{ id, name }]
        verify: Function, // async ({ userId, pin, reason }) => ({ token } | { error })
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.reasons = OVERRIDE_REASONS;
        this.state = useState({
            userId: this.props.managers[0]?.id || 0,
            pin: "",
            reason: "",
            error: "",
            busy: false,
        });
    }

    get canOverride() {
        return this.props.overridable && this.props.managers.length > 0;
    }

    async confirm() {
        if (this.state.busy) {
            return;
        }
        const manager = this.props.managers.find((m) => m.id === Number(this.state.userId));
        if (!manager) {
            this.state.error = _t("Choose the store manager.");
            return;
        }
        if (!this.state.reason) {
            this.state.error = _t("Choose a reason.");
            return;
        }
        if (!this.state.pin) {
            this.state.error = _t("Type the PIN.");
            return;
        }
        this.state.busy = true;
        this.state.error = "";
        const { pin, reason } = this.state;
        let result;
        try {
            result = await this.props.verify({ userId: manager.id, pin, reason });
        } finally {
            this.state.busy = false;
            this.state.pin = "";
        }
        if (!result?.token) {
            this.state.error = result?.error || _t("Wrong PIN.");
            return;
        }
        this.props.getPayload({ userId: manager.id, reason, token: result.token });
        this.props.close();
    }
}
