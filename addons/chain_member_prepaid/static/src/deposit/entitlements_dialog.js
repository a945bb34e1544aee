import { Component, onWillStart, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/**
 * "Deposits & cards" of the member desk: the member's open formula deposits (pick up k units)
 * and service cards (use once, naming the employee who served). The store adds the lines; the
 * server checks them when the order is paid.
 */
export class ChainEntitlementsDialog extends Component {
    static template = "chain_member_prepaid.ChainEntitlementsDialog";
    static components = { Dialog };
    static props = { member: Object, close: Function };

    setup() {
        this.pos = usePos();
        this.state = useState({ deposits: [], cards: [], qty: {}, employee: {}, error: "", message: "", busy: true });
        onWillStart(() => this.load());
    }

    get title() {
        return _t("Deposits & cards of %s", this.props.member.name);
    }

    get employees() {
        return this.pos.chainCardEmployees();
    }

    async load() {
        this.state.busy = true;
        const answer = await this.pos.chainEntitlements(this.props.member);
        this.state.busy = false;
        if (answer.error) {
            this.state.error = answer.error;
            return;
        }
        this.state.deposits = answer.deposits;
        this.state.cards = answer.cards;
        const cashier = this.pos.chainDepositConfig.cashier_employee_id || "";
        for (const deposit of answer.deposits) {
            this.state.qty[deposit.id] = 1;
        }
        for (const card of answer.cards) {
            this.state.employee[card.id] = cashier;
        }
    }

    async pickUp(deposit) {
        this.state.error = this.state.message = "";
        const answer = await this.pos.chainPickUp(deposit, this.state.qty[deposit.id]);
        if (answer.error) {
            this.state.error = answer.error;
            return;
        }
        this.props.close();
    }

    async use(card) {
        this.state.error = this.state.message = "";
        const answer = await this.pos.chainUseCard(card, this.state.employee[card.id]);
        if (answer.error) {
            this.state.error = answer.error;
            return;
        }
        this.props.close();
    }

    formatPrice(amount) {
        return this.env.utils.formatCurrency(amount || 0);
    }
}
