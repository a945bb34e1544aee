import { patch } from "@web/core/utils/patch";
import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { qrCodeSrc } from "@point_of_sale/utils";
import { fapiaoUrl } from "@chain_fapiao/utils/fapiao_rules";

patch(PosOrder.prototype, {
    export_for_printing(baseUrl, headerData) {
        const result = super.export_for_printing(...arguments);
        const url = fapiaoUrl(baseUrl, this.chain_fapiao_token);
        result.chain_fapiao_url = url;
        result.chain_fapiao_qr = url ? qrCodeSrc(url, { size: 150 }) : false;
        return result;
    },
});
