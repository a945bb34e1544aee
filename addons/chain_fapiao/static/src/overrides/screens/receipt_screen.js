import { patch } from "@web/core/utils/patch";
import { ReceiptScreen } from "@point_of_sale/app/screens/receipt_screen/receipt_screen";
import { ChainFapiaoDialog } from "@chain_fapiao/app/fapiao_dialog/fapiao_dialog";

patch(ReceiptScreen.prototype, {
    clickChainFapiao() {
        this.dialog.add(ChainFapiaoDialog, { order: this.currentOrder });
    },
});
