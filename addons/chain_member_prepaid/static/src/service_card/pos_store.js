import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { cardUseProblem } from "@chain_member_prepaid/deposit/deposit_rules";

patch(PosStore.prototype, {
    /** The store's employees the cashier picks who served from (the cashier's own first). */
    chainCardEmployees() {
        const { employees = [], cashier_employee_id } = this.chainDepositConfig;
        return [...employees].sort((a, b) => (b.id === cashier_employee_id) - (a.id === cashier_employee_id));
    },

    /**
     * Use `card` once, served by `employeeId`: a line of the card's service at the price of the
     * next use and a negative line of the card product.
     */
    async chainUseCard(card, employeeId) {
        const problem = cardUseProblem(card);
        if (problem) {
            return {
                error:
                    problem === "store"
                        ? _t("Card %s is not usable in this store.", card.name)
                        : _t("Card %s has no uses left.", card.name),
            };
        }
        const service = this.models["product.product"].get(card.service_product_id);
        const cardProduct = this.models["product.product"].get(card.card_product_id);
        if (!service || !cardProduct) {
            return { error: _t("%s is not sold in this till.", card.service) };
        }
        const employee = Number(employeeId) || this.chainDepositConfig.cashier_employee_id || 0;
        await this.addLineToCurrentOrder(
            {
                product_id: service,
                qty: 1,
                price_unit: card.next_price,
                chain_card_ref: card.id,
                chain_employee_ref: employee,
            },
            {},
            false
        );
        await this.addLineToCurrentOrder(
            { product_id: cardProduct, qty: -1, price_unit: card.next_price, chain_card_ref: card.id },
            {},
            false
        );
        return { ok: true };
    },
});
