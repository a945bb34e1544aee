import { patch } from "@web/core/utils/patch";
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { ChainComplaintDialog } from "@chain_crm_service/app/complaint_dialog/chain_complaint_dialog";

patch(ControlButtons.prototype, {
    clickChainComplaint() {
        this.dialog.add(ChainComplaintDialog, {});
    },
});
