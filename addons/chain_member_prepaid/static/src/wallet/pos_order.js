import { patch } from "@web/core/utils/patch";
import { PosOrder } from "@point_of_sale/app/models/pos_order";

patch(PosOrder.prototype, {
    /** A stored-value payment goes with its lines: removing one removes the payment. */
    removeOrderline(line) {
        const config = this.session?._chain_wallet || {};
        const ids = [config.payment_product_id, config.bonus_product_id];
        const isWallet = ids.includes(line.product_id?.id);
        const removed = super.removeOrderline(...arguments);
        if (removed && isWallet && this.chain_wallet_token) {
            this.update({ chain_wallet_amount: 0, chain_wallet_token: false });
            for (const other of this.lines.filter((l) => ids.includes(l.product_id?.id))) {
                super.removeOrderline(other);
            }
        }
        return removed;
    },
});
