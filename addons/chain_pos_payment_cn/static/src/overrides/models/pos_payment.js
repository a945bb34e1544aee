import { patch } from "@web/core/utils/patch";
import { PosPayment } from "@point_of_sale/app/models/pos_payment";

patch(PosPayment.prototype, {
    /**
     * `chain_cn_transaction_id` points to a model the POS does not load: the generic
     * serializer would send `false`. Send the id the server answered (the server checks it
     * is a settled transaction of this amount, not used by another payment).
     */
    serialize(options = {}) {
        const result = super.serialize(...arguments);
        const transactionId =
            (typeof this.chain_cn_transaction_id === "number" && this.chain_cn_transaction_id) ||
            this.uiState?.chainCnTransactionId;
        if (transactionId && "chain_cn_transaction_id" in this.model.modelFields) {
            result.chain_cn_transaction_id = transactionId;
        }
        return result;
    },
});
