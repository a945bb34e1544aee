import { Component, onWillStart, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";

/** Top up the member's stored value: pick a top-up product; the bonus it earns here today is shown. */
export class ChainWalletTopupDialog extends Component {
    static template = "chain_member_prepaid.ChainWalletTopupDialog";
    static components = { Dialog };
    static props = { member: Object, close: Function };

    setup() {
        this.pos = usePos();
        this.state = useState({ bonuses: {}, error: "", busy: false });
        onWillStart(async () => {
            for (const product of this.products) {
                const answer = await this.pos.chainWalletTopupBonus(product.lst_price);
                this.state.bonuses[product.id] = answer.error ? null : answer;
            }
        });
    }

    get title() {
        return _t("Top up the stored value of %s", this.props.member.name);
    }

    get products() {
        return this.pos.chainWalletTopupProducts();
    }

    price(product) {
        return this.env.utils.formatCurrency(product.lst_price);
    }

    bonus(product) {
        const answer = this.state.bonuses[product.id];
        return answer?.bonus ? _t("+ %s bonus", this.env.utils.formatCurrency(answer.bonus)) : "";
    }

    async choose(product) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            const answer = await this.pos.chainWalletTopup(this.props.member, product);
            if (answer.error) {
                this.state.error = answer.error;
                return;
            }
            this.props.close();
        } finally {
            this.state.busy = false;
        }
    }
}
