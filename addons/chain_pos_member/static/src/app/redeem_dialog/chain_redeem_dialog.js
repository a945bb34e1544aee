import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { pointsValue } from "@chain_pos_member/utils/member_rules";

/**
 * Points redemption with the member present: the member's QR code scanned, or a one-time code
 * sent by SMS to the member's mobile and read out to the cashier. The server checks the proof
 * and answers a token bound to the member, the points and this till; the store puts it on the
 * order with the discount line (`chainApplyRedemption`), and the server spends the points when
 * the order is paid.
 */
export class ChainRedeemDialog extends Component {
    static template = "chain_pos_member.ChainRedeemDialog";
    static components = { Dialog };
    static props = {
        member: Object,
        maxPoints: Number,
        qr: { type: String, optional: true },
        close: Function,
    };

    setup() {
        this.pos = usePos();
        this.state = useState({
            points: this.props.maxPoints,
            qr: this.props.qr || "",
            challengeId: 0,
            sentTo: "",
            code: "",
            busy: false,
            error: "",
        });
    }

    get title() {
        return _t("Redeem points of %s", this.props.member.name);
    }

    get points() {
        return Math.floor(Number(this.state.points) || 0);
    }

    get value() {
        return this.env.utils.formatCurrency(
            pointsValue(this.points, this.pos.chainMemberConfig.points_per_unit)
        );
    }

    checkPoints() {
        if (this.points <= 0 || this.points > this.props.maxPoints) {
            this.state.error = _t("Redeem between 1 and %s points.", this.props.maxPoints);
            return false;
        }
        return true;
    }

    async run(call) {
        if (this.state.busy || !this.checkPoints()) {
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
        const answer = await this.run(() => this.pos.chainSendCode(this.props.member));
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
            this.pos.chainVerifyCode(this.state.challengeId, this.state.code, this.points)
        );
        this.state.code = "";
        await this.apply(grant);
    }

    async confirmQr() {
        if (!this.state.qr.trim()) {
            this.state.error = _t("Scan the member's QR code.");
            return;
        }
        const grant = await this.run(() => this.pos.chainVerifyQr(this.state.qr, this.points));
        this.state.qr = "";
        await this.apply(grant);
    }

    async apply(grant) {
        if (!grant) {
            return;
        }
        const result = await this.pos.chainApplyRedemption(grant);
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
