import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { maxWalletPay, roundCents, walletPayProblem } from "@chain_member_prepaid/wallet/wallet_rules";

/** Top-ups cannot be paid with stored value (odoo/odoo#273419): the message of both refusals. */
function topupWithWalletMessage() {
    return _t("A top-up cannot be paid with stored value or points: take another payment.");
}

patch(PosStore.prototype, {
    /** `{payment_product_id, bonus_product_id, topup_product_ids}`, sent with the session. */
    get chainWalletConfig() {
        return this.session._chain_wallet || {};
    },

    chainWalletLines(order = this.get_order()) {
        const { payment_product_id, bonus_product_id } = this.chainWalletConfig;
        return order.lines.filter((line) =>
            [payment_product_id, bonus_product_id].includes(line.product_id?.id)
        );
    },

    chainWalletTopupLines(order = this.get_order()) {
        const ids = this.chainWalletConfig.topup_product_ids || [];
        return order.lines.filter((line) => ids.includes(line.product_id?.id));
    },

    chainWalletTopupProducts() {
        return (this.chainWalletConfig.topup_product_ids || [])
            .map((id) => this.models["product.product"].get(id))
            .filter(Boolean);
    },

    /** The amount the order's stored-value lines pay (positive). */
    chainWalletLineAmount(order = this.get_order()) {
        return -this.chainWalletLines(order).reduce((sum, line) => sum + line.get_price_with_tax(), 0);
    },

    /** The most `member` may pay with stored value on the current order. */
    chainWalletMaxPay(member, order = this.get_order()) {
        const total = order.get_total_with_tax() + this.chainWalletLineAmount(order);
        return maxWalletPay(member.wallet?.balance, total);
    },

    chainWalletPayProblem(member, amount, order = this.get_order()) {
        if (this.chainWalletTopupLines(order).length) {
            return topupWithWalletMessage();
        }
        const total = order.get_total_with_tax() + this.chainWalletLineAmount(order);
        const problem = walletPayProblem(amount, member.wallet?.balance, total);
        return {
            positive: _t("Pay a positive amount with stored value."),
            balance: _t("The member has %s of stored value.", roundCents(member.wallet?.balance).toFixed(2)),
            order: _t("Stored value cannot pay more than the order is worth."),
        }[problem] || "";
    },

    /** The bonus a top-up of `amount` earns here today: `{ bonus, rule }` or `{ error }`. */
    async chainWalletTopupBonus(amount) {
        return this.chainMemberCall("chain_wallet_topup_bonus", amount);
    },

    /** Add a top-up of `product` for `member` (attached as the customer). */
    async chainWalletTopup(member, product) {
        const order = this.get_order();
        if (this.chainWalletLines(order).length || order.chain_redeem_points) {
            return { error: topupWithWalletMessage() };
        }
        if (this.chainOrderMember(order)?.id !== member.id) {
            const attached = await this.chainAttachMember(member);
            if (attached.error) {
                return attached;
            }
        }
        await this.addLineToCurrentOrder({ product_id: product, qty: 1 }, {}, false);
        return { ok: true };
    },

    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        const productId = vals.product_id?.id ?? vals.product_id;
        const order = this.get_order();
        if (
            order &&
            (this.chainWalletConfig.topup_product_ids || []).includes(productId) &&
            (this.chainWalletLines(order).length || order.chain_redeem_points)
        ) {
            this.dialog.add(AlertDialog, { title: _t("Top-up"), body: topupWithWalletMessage() });
            return;
        }
        return await super.addLineToCurrentOrder(...arguments);
    },

    async chainWalletSendCode(member, amount) {
        return this.chainMemberCall("chain_wallet_send_code", member.id, roundCents(amount));
    },

    async chainWalletVerifyCode(challengeId, code, amount) {
        return this.chainMemberCall(
            "chain_wallet_verify_code",
            challengeId,
            (code || "").trim(),
            roundCents(amount)
        );
    },

    async chainWalletVerifyQr(qrToken, amount) {
        return this.chainMemberCall("chain_wallet_verify_qr", (qrToken || "").trim(), roundCents(amount));
    },

    /**
     * Put the server's grant on the current order: a line paying the principal part and one
     * paying the bonus part (as the server split them), and the token the server uses up when
     * the order is paid. It replaces an earlier stored-value payment of the order.
     */
    async chainApplyWallet(grant) {
        const order = this.get_order();
        if (this.chainWalletTopupLines(order).length) {
            return { error: topupWithWalletMessage() };
        }
        const { payment_product_id, bonus_product_id } = this.chainWalletConfig;
        const payProduct = this.models["product.product"].get(payment_product_id);
        const bonusProduct = this.models["product.product"].get(bonus_product_id);
        if (!payProduct || !bonusProduct) {
            return { error: _t("The stored-value products are not available in this till.") };
        }
        for (const line of this.chainWalletLines(order)) {
            order.removeOrderline(line);
        }
        if (grant.principal) {
            await this.addLineToCurrentOrder(
                { product_id: payProduct, qty: 1, price_unit: -grant.principal },
                {},
                false
            );
        }
        if (grant.bonus) {
            await this.addLineToCurrentOrder(
                { product_id: bonusProduct, qty: 1, price_unit: -grant.bonus },
                {},
                false
            );
        }
        order.update({ chain_wallet_amount: grant.amount, chain_wallet_token: grant.token });
        return { grant };
    },
});
