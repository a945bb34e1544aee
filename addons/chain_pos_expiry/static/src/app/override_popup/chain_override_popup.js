/* global Sha1 */
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
 * manager allow it with their PIN and a reason code. The PIN is checked here against the digest
 * loaded with the session (works offline) and again by the server at sync.
 * Resolves `getPayload({ userId, pin, reason })`; closing means the lot is not sold.
 */
export class ChainOverridePopup extends Component {
    static template = "chain_pos_expiry.ChainOverridePopup";
    static components = { Dialog };
    static props = {
        title: String,
        message: String,
        overridable: Boolean,
        managers: Array, // [{ id, name, pin_hash }]
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
        });
    }

    get canOverride() {
        return this.props.overridable && this.props.managers.length > 0;
    }

    confirm() {
        const manager = this.props.managers.find((m) => m.id === Number(this.state.userId));
        if (!manager) {
            this.state.error = _t("Choose the store manager.");
            return;
        }
        if (!this.state.reason) {
            this.state.error = _t("Choose a reason.");
            return;
        }
        if (!this.state.pin || Sha1.hash(this.state.pin) !== manager.pin_hash) {
            this.state.error = _t("Wrong PIN.");
            this.state.pin = "";
            return;
        }
        this.props.getPayload({ userId: manager.id, pin: this.state.pin, reason: this.state.reason });
        this.props.close();
    }
}
