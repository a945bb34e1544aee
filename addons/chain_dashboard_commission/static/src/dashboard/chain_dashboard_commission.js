/** @odoo-module **/
import {ChainDashboard} from "@chain_dashboard/dashboard/chain_dashboard";
import {patch} from "@web/core/utils/patch";

// The targets section of the dashboard: the figures come from the server
// (chain.dashboard.get_dashboard_data, key "targets"); this only formats them.
patch(ChainDashboard.prototype, {
    formatTargetPercent(value) {
        return value === null || value === undefined ? "—" : `${value.toFixed(1)} %`;
    },

    formatTargetAmount(amount) {
        return (amount || 0).toLocaleString(undefined, {minimumFractionDigits: 0, maximumFractionDigits: 0});
    },

    targetClass(achievement) {
        if (achievement === null || achievement === undefined) {
            return "text-muted";
        }
        return achievement >= 100 ? "text-success" : "text-danger";
    },
});
