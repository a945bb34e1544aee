import { patch } from "@web/core/utils/patch";
import { PosOrder } from "@point_of_sale/app/models/pos_order";

patch(PosOrder.prototype, {
    /** The points redemption goes with its line: removing the line removes the redemption. */
    removeOrderline(line) {
        const productId = this.session?._chain_member?.redeem_product_id;
        const removed = super.removeOrderline(...arguments);
        if (removed && productId && line.product_id?.id === productId) {
            this.chainClearRedemption();
        }
        return removed;
    },

    chainClearRedemption() {
        this.update({ chain_redeem_points: 0, chain_redeem_token: false });
        if (this.uiState.chainMember) {
            this.uiState.chainMember = { ...this.uiState.chainMember, redeemed: 0 };
        }
    },

    /**
     * The member's points on the receipt: earned by this order and the balance after it, as the
     * server computed them when the order was synced (`chain_points_*`). Offline, the points
     * are credited at the sync and the receipt says so.
     */
    chainReceiptPoints() {
        if (!this.get_partner()) {
            return null;
        }
        const synced = typeof this.id === "number";
        const earned = this.chain_points_earned || 0;
        const redeemed = this.chain_redeem_points || 0;
        const member = this.uiState?.chainMember || this.uiState?.chainPendingEnrolment;
        if (!synced) {
            return member || redeemed ? { pending: true, redeemed } : null;
        }
        if (!earned && !redeemed && !this.chain_points_balance && !member) {
            return null;
        }
        return { pending: false, earned, redeemed, balance: this.chain_points_balance || 0 };
    },

    export_for_printing(baseUrl, headerData) {
        const result = super.export_for_printing(...arguments);
        result.chainPoints = this.chainReceiptPoints();
        return result;
    },
});
