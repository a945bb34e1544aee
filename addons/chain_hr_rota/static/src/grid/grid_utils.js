/** @odoo-module **/
// Pure helpers of the rota grid (no component, no RPC).

/** The key of a cell in ``chain_grid_data().cells``: ``"<employee id>|<iso day>"``. */
export function cellKey(employeeId, day) {
    return `${employeeId}|${day}`;
}

/** ``9.5`` -> ``"09:30"``; ``24`` -> ``"24:00"``. */
export function formatHour(hour) {
    const minutes = Math.round((hour || 0) * 60);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** ``"E 09:00-17:00"`` for a template of the picker (a night shift reads ``22:00-06:00``). */
export function templateLabel(template) {
    const hours = `${formatHour(template.start_hour)}-${formatHour(template.end_hour)}`;
    return [template.code, template.name, hours].filter(Boolean).join(" ");
}

/**
 * The state of a day's coverage: ``"under"`` when some hour lacks staff (red), ``"over"``
 * when some hour has more than needed and none lacks (informative), else ``"ok"`` (green).
 */
export function coverageState(coverage) {
    if (!coverage) {
        return "ok";
    }
    if (coverage.under > 0) {
        return "under";
    }
    return coverage.over > 0 ? "over" : "ok";
}

/** How many shifts the grid's cells hold on ``day`` (an ISO date). */
export function countShifts(cells, day) {
    let count = 0;
    for (const [key, shifts] of Object.entries(cells || {})) {
        if (key.endsWith(`|${day}`)) {
            count += shifts.length;
        }
    }
    return count;
}
