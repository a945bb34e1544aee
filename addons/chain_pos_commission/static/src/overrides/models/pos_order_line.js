import { patch } from "@web/core/utils/patch";
import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { guideName } from "@chain_pos_commission/utils/guide_rules";

patch(PosOrderline.prototype, {
    /** The guide's name, shown on the line and printed on the receipt. */
    getDisplayData() {
        const data = super.getDisplayData(...arguments);
        const guides = this.models["pos.session"]?.getFirst()?._chain_guides || [];
        data.chainGuide = guideName(this.chain_guide_id, guides);
        return data;
    },
});
