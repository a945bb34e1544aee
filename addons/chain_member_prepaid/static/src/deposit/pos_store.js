import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { depositUnitPrice, pickupProblem } from "@chain_member_prepaid/deposit/deposit_rules";

patch(PosStore.prototype, {
    /** `{deposit_product_id, employees, cashier_employee_id}`, sent with the session. */
    get chainDepositConfig() {
        return this.session._chain_deposit || {};
    },

    chainDepositProduct() {
        return this.models["product.product"].get(this.chainDepositConfig.deposit_product_id);
    },

    /** The member's open deposits and usable cards: `{deposits, cards}` or `{error}`. */
    async chainEntitlements(member) {
        return this.chainMemberCall("chain_prepaid_entitlements", member.id);
    },

    /** Whether `line` can be turned into a deposit: a product sold, not a prepayment itself. */
    chainCanSellAsDeposit(line) {
        const product = line?.product_id;
        return Boolean(
            product && line.qty > 0 && !product.chain_prepaid_kind && !line.chain_deposit_ref && product.type !== "service"
        );
    },

    /**
     * Sell the units of `line` as a deposit: the line becomes a line of the deposit product
     * naming the product, for the same units at the same price. The member must be attached.
     */
    async chainSellAsDeposit(line) {
        const order = this.get_order();
        if (!this.chainOrderMember(order)) {
            return { error: _t("A formula deposit is sold to a member: attach the member to the order.") };
        }
        if (!this.chainCanSellAsDeposit(line)) {
            return { error: _t("Only a product sold on this order can be sold as a deposit.") };
        }
        const depositProduct = this.chainDepositProduct();
        if (!depositProduct) {
            return { error: _t("The deposit product is not available in this till.") };
        }
        const qty = line.qty;
        const price = depositUnitPrice(line.get_price_with_tax(), qty);
        const product = line.product_id;
        order.removeOrderline(line);
        await this.addLineToCurrentOrder(
            { product_id: depositProduct, qty, price_unit: price, chain_deposit_product_id: product },
            {},
            false
        );
        return { ok: true };
    },

    /**
     * Pick up `qty` units of `deposit` (an entitlement the server listed): a line of the product
     * (its lot chosen as for any sale) and a negative deposit line, both at the deposit's price.
     */
    async chainPickUp(deposit, qty) {
        const problem = pickupProblem(deposit, qty);
        if (problem) {
            return {
                error:
                    problem === "qty"
                        ? _t("Pick up a whole number of units.")
                        : _t("Deposit %(deposit)s has %(left)s units left.", {
                              deposit: deposit.name,
                              left: deposit.qty_remaining,
                          }),
            };
        }
        const product = this.models["product.product"].get(deposit.product_id);
        const depositProduct = this.chainDepositProduct();
        if (!product || !depositProduct) {
            return { error: _t("%s is not sold in this till.", deposit.product) };
        }
        const units = Number(qty);
        const line = await this.addLineToCurrentOrder(
            { product_id: product, qty: units, price_unit: deposit.unit_price, chain_deposit_ref: deposit.id },
            {},
            true
        );
        if (!line) {
            return { error: _t("The pickup was cancelled.") };
        }
        await this.addLineToCurrentOrder(
            { product_id: depositProduct, qty: -units, price_unit: deposit.unit_price, chain_deposit_ref: deposit.id },
            {},
            false
        );
        return { ok: true };
    },
});
