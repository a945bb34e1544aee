import { patch } from "@web/core/utils/patch";
import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";

patch(OrderSummary.prototype, {
    /** Changing the lot of a line goes through the same list and rule as adding it. */
    async editPackLotLines(line) {
        const product = line.product_id;
        if (product.tracking !== "lot" || !this.pos.chainControls(product)) {
            return super.editPackLotLines(...arguments);
        }
        const lotName = await this.pos.chainPickLot(product);
        if (!lotName) {
            return;
        }
        const decision = await this.pos.chainCheckLot(product, lotName);
        if (!decision) {
            return;
        }
        line.setPackLotLines({
            modifiedPackLotLines: {},
            newPackLotLines: [{ lot_name: lotName }],
            setQuantity: false,
        });
        // an override given for the previous lot does not carry over to this one
        line.update({ chain_override_uid: 0, chain_override_reason: false, chain_override_token: false });
        this.pos.chainApplyDecision(line, lotName, decision, null);
        line.order_id.select_orderline(line);
    },
});
