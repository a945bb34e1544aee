import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * Pay with the member's stored value, with the member present: her QR code scanned, or a
 * one-time code sent by SMS to her mobile. The server checks the proof for this amount and
 * answers a token and the split between principal and bonus; the store puts both lines and
 * the token on the order (`chainApplyWallet`), and the server takes the stored value when
 * the order is paid.
 */
export class ChainWalletPayDialog extends Component {
    static template = "chain_member_prepaid.ChainWalletPayDialog";
    static components = { Dialog };
    static props = {
        member: Object,
        maxAmount: Number,
        qr: { type: String, optional: true },
        close: Function,
    };

    setup() {
        this.pos = usePos();
        this.state = useState({
            amount: this.props.maxAmount,
            qr: this.props.qr || "",
            challengeId: 0,
            sentTo: "",
            code: "",
            busy: false,
            error: "",
        });
    }

    get title() {
        return _t("Pay with the stored value of %s", this.props.member.name);
    }

    get amountLabel() {
        return _t("Amount (at most %s)", this.env.utils.formatCurrency(this.props.maxAmount));
    }

    get sentLabel() {
        return _t("Code sent to %s, valid 5 minutes.", this.state.sentTo);
    }

    get amount() {
        return Number(this.state.amount) || 0;
    }

    checkAmount() {
        const problem = this.pos.chainWalletPayProblem(this.props.member, this.amount);
        this.state.error = problem;
        return !problem;
    }

    async run(call) {
        if (this.state.busy || !this.checkAmount()) {
            return null;
        }
        this.state.busy = true;
        this.state.error = "";
        try {
            const answer = await call();
            if (answer.error) {
                this.state.error = answer.error;
                return null;
            }
            return answer;
        } finally {
            this.state.busy = false;
        }
    }

    async sendCode() {
        const answer = await this.run(() => this.pos.chainWalletSendCode(this.props.member, this.amount));
        if (answer) {
            this.state.challengeId = answer.challenge_id;
            this.state.sentTo = answer.mobile;
            this.state.code = "";
        }
    }

    async confirmCode() {
        if (!this.state.code.trim()) {
            this.state.error = _t("Type the code the member received.");
            return;
        }
        const grant = await this.run(() =>
            this.pos.chainWalletVerifyCode(this.state.challengeId, this.state.code, this.amount)
        );
        this.state.code = "";
        await this.apply(grant);
    }

    async confirmQr() {
        if (!this.state.qr.trim()) {
            this.state.error = _t("Scan the member's QR code.");
            return;
        }
        const grant = await this.run(() => this.pos.chainWalletVerifyQr(this.state.qr, this.amount));
        this.state.qr = "";
        await this.apply(grant);
    }

    async apply(grant) {
        if (!grant) {
            return;
        }
        const result = await this.pos.chainApplyWallet(grant);
        if (result.error) {
            this.state.error = result.error;
            return;
        }
        this.props.close();
    }

    onKeydown(ev, action) {
        if (ev.key === "Enter") {
            action();
        }
    }
}
