/**
 * The guide (导购) rules of the till, without the POS: which employee a new line is credited to,
 * and which lines a tap on an employee changes. The server checks the same at sync
 * (a guide must be an active employee of the order's store).
 */

/**
 * The guide of a new line: the logged-in employee when they are one of the store's guides
 * (a cashier from head office is not), else none (the server then applies its own default).
 *
 * @param {number|false} cashierId the employee logged in at the till (pos_hr)
 * @param {Array<{id: number}>} guides the store's employees, as the session loaded them
 * @returns {number|false}
 */
export function defaultGuideId(cashierId, guides) {
    return cashierId && guides.some((guide) => guide.id === cashierId) ? cashierId : false;
}

/**
 * The lines a guide is set on: the selected line, or every line of the order.
 *
 * @template T
 * @param {T[]} lines the order's lines
 * @param {T|undefined} selected the selected line
 * @param {boolean} wholeOrder
 * @returns {T[]}
 */
export function linesToGuide(lines, selected, wholeOrder) {
    if (wholeOrder) {
        return [...lines];
    }
    return selected ? [selected] : [];
}

/**
 * The name shown for a guide id; an id that is not one of the store's guides (an old line
 * reloaded from the server) shows as a plain number rather than nothing.
 *
 * @param {number|false} guideId
 * @param {Array<{id: number, name: string}>} guides
 * @returns {string}
 */
export function guideName(guideId, guides) {
    if (!guideId) {
        return "";
    }
    const guide = guides.find((g) => g.id === guideId);
    return guide ? guide.name : `#${guideId}`;
}

/**
 * The guides as a selection list: the current one marked, the logged-in employee first.
 *
 * @param {Array<{id: number, name: string, job?: string}>} guides
 * @param {number|false} currentId
 * @param {number|false} cashierId
 * @returns {Array<{id: number, label: string, description: string, isSelected: boolean, item: number}>}
 */
export function guideChoices(guides, currentId, cashierId) {
    const sorted = [...guides].sort(
        (a, b) => (b.id === cashierId) - (a.id === cashierId) || a.name.localeCompare(b.name)
    );
    return sorted.map((guide) => ({
        id: guide.id,
        label: guide.name,
        description: guide.job || "",
        isSelected: guide.id === currentId,
        item: guide.id,
    }));
}
