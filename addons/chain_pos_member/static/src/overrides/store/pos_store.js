import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { uuidv4 } from "@point_of_sale/utils";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { enrolmentVals, maxRedeemable } from "@chain_pos_member/utils/member_rules";

const QUEUE_KEY = "chain_pos_member.enrolments";

/** What the till shows for a failed call: the server's message, or that the till is offline. */
function callError(error) {
    if (error instanceof ConnectionLostError) {
        return {
            error: _t("The server cannot be reached: members are looked up and points redeemed online only."),
            offline: true,
        };
    }
    return { error: error.data?.message || error.message || String(error) };
}

patch(PosStore.prototype, {
    /** `{redeem_product_id, points_per_unit, code_digits}`, sent with the session (no member is loaded). */
    get chainMemberConfig() {
        return this.session._chain_member || {};
    },

    /**
     * Call a member RPC of this till's session (`pos.session.chain_member_*`).
     * Resolves the server's answer, or `{ error, offline? }`: never throws.
     */
    async chainMemberCall(method, ...args) {
        try {
            return await this.data.call("pos.session", method, [this.session.id, ...args]);
        } catch (error) {
            return callError(error);
        }
    },

    /** Members matching a mobile number, a member code or a scanned QR code, searched on the server. */
    async chainLookupMember(query) {
        const text = (query || "").trim();
        if (!text) {
            return [];
        }
        return this.chainMemberCall("chain_member_lookup", text);
    },

    /** The member attached to the current order (as the lookup answered), or null. */
    chainOrderMember(order = this.get_order()) {
        const member = order?.uiState?.chainMember;
        if (!member || order.get_partner()?.id !== member.partner_id) {
            return null;
        }
        return member;
    },

    /**
     * Make `member` (a lookup answer) the customer of the current order: its contact, as the
     * lookup gave it (`member.partner`), is loaded into the till's data. The till cannot read
     * another store's member's contact: she keeps the masked name and no address or number.
     */
    async chainAttachMember(member) {
        const order = this.get_order();
        let partner = this.models["res.partner"].get(member.partner_id);
        if (!partner && member.partner) {
            try {
                const data = await this.data.missingRecursive({ "res.partner": [member.partner] });
                [partner] = this.models.loadData(data)["res.partner"] || [];
            } catch (error) {
                return callError(error);
            }
        }
        if (!partner) {
            return { error: _t("The member's contact cannot be read.") };
        }
        if (!member.full) {
            partner.name = member.name;
        }
        order.set_partner(partner);
        order.uiState.chainMember = member;
        return { member };
    },

    /**
     * Enroll a member (mobile, name, consent, optional baby date) in one call and attach them.
     * Offline, the enrolment is queued with its uuid and sent with the order and at the next
     * sync; the server gives the existing member when the uuid or the mobile is known.
     * Resolves `{ member, created }`, `{ queued: true }` or `{ error }`.
     */
    async chainEnrolMember(form) {
        if (!form.consent) {
            return { error: _t("The member must agree to the membership terms before enrolment.") };
        }
        const vals = enrolmentVals(form, uuidv4());
        const answer = await this.chainMemberCall("chain_member_enroll", vals);
        if (answer.offline) {
            this.chainQueueEnrolment(vals);
            const order = this.get_order();
            order.update({ chain_member_enrol: JSON.stringify(vals) });
            order.uiState.chainPendingEnrolment = vals;
            return { queued: true, vals };
        }
        if (answer.error) {
            return answer;
        }
        const attached = await this.chainAttachMember(answer.member);
        return attached.error ? attached : answer;
    },

    chainEnrolQueue() {
        try {
            return JSON.parse(localStorage.getItem(QUEUE_KEY) || "[]");
        } catch {
            return [];
        }
    },

    chainQueueEnrolment(vals) {
        const queue = this.chainEnrolQueue().filter((queued) => queued.uuid !== vals.uuid);
        localStorage.setItem(QUEUE_KEY, JSON.stringify([...queue, vals]));
    },

    /** Send the enrolments made offline (idempotent on the server: by uuid, then by mobile). */
    async chainFlushEnrolments() {
        const queue = this.chainEnrolQueue();
        const left = [];
        for (const vals of queue) {
            const answer = await this.chainMemberCall("chain_member_enroll", vals);
            if (answer.offline) {
                left.push(vals);
            } else if (answer.error) {
                console.warn("chain_pos_member: enrolment refused by the server", answer.error);
            }
        }
        localStorage.setItem(QUEUE_KEY, JSON.stringify(left));
    },

    async syncAllOrders(options = {}) {
        const result = await super.syncAllOrders(...arguments);
        if (!this.data.network.offline && this.chainEnrolQueue().length) {
            await this.chainFlushEnrolments();
        }
        return result;
    },

    // ------------------------------------------------------------------
    // Points redemption: only with the member's proof of presence
    // ------------------------------------------------------------------

    /** The most points the current order may spend, for `member`. */
    chainMaxRedeemable(member, order = this.get_order()) {
        const total = order.get_total_with_tax() + this.chainRedeemLineAmount(order);
        return maxRedeemable(member.points_balance, total, this.chainMemberConfig.points_per_unit);
    },

    chainRedeemLines(order = this.get_order()) {
        const productId = this.chainMemberConfig.redeem_product_id;
        return order.lines.filter((line) => productId && line.product_id?.id === productId);
    },

    /** The discount (positive) the order's redemption line gives, 0 without one. */
    chainRedeemLineAmount(order = this.get_order()) {
        return -this.chainRedeemLines(order).reduce((sum, line) => sum + line.get_price_with_tax(), 0);
    },

    /** Send the member a one-time code by SMS: `{ challenge_id, mobile }` or `{ error }`. */
    async chainSendCode(member) {
        return this.chainMemberCall("chain_member_send_code", member.id);
    },

    /** The code the member read out, for `points`: `{ token, member_id, points, amount }` or `{ error }`. */
    async chainVerifyCode(challengeId, code, points) {
        return this.chainMemberCall("chain_member_verify_code", challengeId, (code || "").trim(), points);
    },

    /** The member's QR code scanned as the proof for `points`: as `chainVerifyCode`. */
    async chainVerifyQr(qrToken, points) {
        return this.chainMemberCall("chain_member_verify_qr", (qrToken || "").trim(), points);
    },

    /**
     * Put the server's grant on the current order: one discount line worth the points (it
     * replaces an earlier redemption) and the token, which the server spends when the order is
     * paid, once. The till never decides points on its own.
     */
    async chainApplyRedemption(grant) {
        const order = this.get_order();
        const product = this.models["product.product"].get(this.chainMemberConfig.redeem_product_id);
        if (!product) {
            return { error: _t("The points redemption product is not available in this till.") };
        }
        for (const line of this.chainRedeemLines(order)) {
            order.removeOrderline(line);
        }
        await this.addLineToCurrentOrder(
            { product_id: product, qty: 1, price_unit: -grant.amount },
            {},
            false
        );
        order.update({ chain_redeem_points: grant.points, chain_redeem_token: grant.token });
        const member = order.uiState.chainMember;
        if (member) {
            order.uiState.chainMember = { ...member, redeemed: grant.points };
        }
        return { grant };
    },
});
