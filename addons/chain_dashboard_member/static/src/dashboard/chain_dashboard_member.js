/** @odoo-module **/
import {ChainDashboard} from "@chain_dashboard/dashboard/chain_dashboard";
import {_t} from "@web/core/l10n/translation";
import {patch} from "@web/core/utils/patch";

// The member section of the dashboard: the figures come computed from the server
// (chain.dashboard.get_dashboard_data, key "members"); this only shows them and drills down.
patch(ChainDashboard.prototype, {
    setup() {
        super.setup(...arguments);
        this.memberCards = [
            {key: "member_share", label: _t("Members' share of sales"), percent: true, drill: "sales"},
            {key: "new", label: _t("New members"), digits: 0, drill: "new"},
            {key: "active", label: _t("Active members (90 days)"), digits: 0, drill: "active"},
            {key: "followup_conversion", label: _t("Follow-up conversion"), percent: true, drill: "purchased"},
        ];
    },

    async drillMembers(kind, storeId = false) {
        const action = await this.orm.call("chain.dashboard", "action_member_drilldown", [this.state.filters], {
            kind,
            store_id: storeId,
        });
        this.action.doAction(action);
    },
});
