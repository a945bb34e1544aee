import { patch } from "@web/core/utils/patch";
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { ChainMemberDialog } from "@chain_pos_member/app/member_dialog/chain_member_dialog";

patch(ControlButtons.prototype, {
    get chainMember() {
        return this.pos.chainOrderMember();
    },

    clickChainMember() {
        this.dialog.add(ChainMemberDialog, {});
    },
});
