/** Pure rules of the till's member features (no OWL, no server). */

/** The discount, in currency units rounded to cents, that `points` are worth. */
export function pointsValue(points, pointsPerUnit) {
    if (!pointsPerUnit || pointsPerUnit <= 0) {
        return 0;
    }
    return Math.round((points * 100) / pointsPerUnit) / 100;
}

/** The most points an order of `total` may spend: the balance, and no more than the order is worth. */
export function maxRedeemable(balance, total, pointsPerUnit) {
    if (!pointsPerUnit || pointsPerUnit <= 0 || balance <= 0 || total <= 0) {
        return 0;
    }
    return Math.max(0, Math.min(balance, Math.floor(total * pointsPerUnit + 1e-9)));
}

/** Whether `text` looks like a member QR token (CM1.<id>.<time>.<signature>). */
export function looksLikeQr(text) {
    return /^CM1\.\d{1,12}\.\d{1,12}\.[A-Za-z0-9_-]{16,128}$/.test((text || "").trim());
}

/** An enrolment as the till sends it: trimmed, with a uuid. */
export function enrolmentVals({ name, mobile, babyDate, consent }, uuid) {
    return {
        uuid,
        name: (name || "").trim(),
        mobile: (mobile || "").trim(),
        baby_date: babyDate || false,
        consent: Boolean(consent),
    };
}
