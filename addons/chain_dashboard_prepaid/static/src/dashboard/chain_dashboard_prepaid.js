/** @odoo-module **/
import {ChainDashboard} from "@chain_dashboard/dashboard/chain_dashboard";
import {patch} from "@web/core/utils/patch";

// The prepaid section of the dashboard: the figures come from the server
// (chain.dashboard.get_dashboard_data, key "prepaid"); this only shows them and drills down.
patch(ChainDashboard.prototype, {
    async drillPrepaid(kind, storeId = false) {
        const action = await this.orm.call("chain.dashboard", "action_prepaid_drilldown", [this.state.filters], {
            kind,
            store_id: storeId,
        });
        this.action.doAction(action);
    },

    formatPrepaid(amount) {
        return (amount || 0).toLocaleString(undefined, {minimumFractionDigits: 2, maximumFractionDigits: 2});
    },
});
