import { Component, onMounted, onWillUnmount, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import { Dialog } from "@web/core/dialog/dialog";
import { BACKSPACE, Numpad, getButtons } from "@point_of_sale/app/generic_components/numpad/numpad";
import { normalizePayCode, payCodeError, providerLabel } from "@chain_pos_payment_cn/utils/pay_code";

const CLEAR = { value: "Clear", text: "C" };

/**
 * Asks for the customer's payment code: the barcode scanner (read from the barcode reader
 * while the prompt is open), the keyboard, or the numpad. A code of the wrong shape is
 * refused here, with the reason, and nothing is sent.
 */
export class ChainPayCodeDialog extends Component {
    static template = "chain_pos_payment_cn.ChainPayCodeDialog";
    static components = { Dialog, Numpad };
    static props = {
        title: String,
        provider: Object,
        getPayload: Function,
        close: Function,
    };

    setup() {
        this.state = useState({ code: "", error: "" });
        this.input = useRef("code");
        this.barcodeReader = useService("barcode_reader");
        this.buttons = getButtons([CLEAR, { value: "0" }, BACKSPACE]);
        this.onScan = (code) => {
            this.state.code = normalizePayCode(code);
            this.confirm();
        };
        onMounted(() => {
            this.barcodeReader.chainPayCodeHandler = this.onScan;
            this.input.el?.focus();
        });
        onWillUnmount(() => {
            if (this.barcodeReader.chainPayCodeHandler === this.onScan) {
                this.barcodeReader.chainPayCodeHandler = null;
            }
        });
    }

    get hint() {
        return _t("Scan the customer's %s payment code, or type it.", providerLabel(this.props.provider));
    }

    onNumpad(key) {
        this.state.error = "";
        if (key === "Backspace") {
            this.state.code = this.state.code.slice(0, -1);
        } else if (key === "Clear") {
            this.state.code = "";
        } else if (/^\d$/.test(key) && this.state.code.length < 32) {
            this.state.code += key;
        }
    }

    onInput(ev) {
        this.state.error = "";
        this.state.code = normalizePayCode(ev.target.value);
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            this.confirm();
        }
    }

    confirm() {
        const code = normalizePayCode(this.state.code);
        const error = payCodeError(this.props.provider, code);
        if (error) {
            this.state.error = error;
            return;
        }
        this.props.getPayload(code);
        this.props.close();
    }
}
