"""The demo chain's members: who they are, their babies, purchases, points and duplicates.

Plain functions with no ORM, so that the plan can be read and tested without a
database. Everything follows from the arguments and a seeded random generator:
the same count, stores and ``today`` always give the same members, and every
date is relative to ``today`` so that the demo stays alive (babies of every
formula stage, points about to expire, follow-ups due) whenever it is installed.
"""

import random
from collections import namedtuple
from datetime import date, timedelta

from odoo.addons.chain_member.lib import baby as baby_lib
from odoo.addons.chain_member.lib import member as member_lib

SEED = 21
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "芳娜敏静丽艳娟霞婷雪慧琳洁颖佳欣怡倩晶蕾萍燕红玲"
BABY_NAMES = ("豆豆", "乐乐", "朵朵", "果果", "糖糖", "小米", "球球", "可可", "安安", "甜甜", "壮壮", "贝贝")
#: mobile numbers of the demo members: 139 2100 0000 and up (the business key of the loader)
MOBILE_BASE = 13921000000

#: ``(share, low, high)`` of the rolling-year spend, as the demo tiers read it (2,000 / 8,000 / 20,000)
SPEND_BUCKETS = ((55, 200, 1800), (25, 2100, 7500), (15, 8200, 19000), (5, 20500, 36000))
#: identities: ``(source, external id prefix, share in percent)``
IDENTITIES = (("wechat_unionid", "oDemoU", 45), ("youzan_open_id", "yzDemo", 15))

Member = namedtuple(
    "Member",
    "key name mobile store join_days channel consent guide babies orders identities bonus redeem contact_phone",
)
#: ``kind`` is ``"expected"`` (``days``: days until the due date, may be negative when just reached)
#: or ``"born"`` (``days``: age in days); ``band`` is what the plan aimed at (expected, 0-6, 6-12,
#: 12-36, 36+ months)
Baby = namedtuple("Baby", "name gender kind days band")
#: ``days``: days ago; ``amount``: the order's total; ``formula``: the stage of the formula bought
#: (``None``: diapers)
Order = namedtuple("Order", "days amount formula")
#: points given by hand (an ``adjust`` award) ``days`` ago, expiring in ``expires_in`` days
Bonus = namedtuple("Bonus", "points days expires_in")


def _name(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def _babies(rng, i, today):
    """The babies of member ``i``: every band is represented, and some moments fall now.

    - one member in ten expects a baby (due in 1-200 days; one in forty's was due in the last week);
    - the others have a baby of 0-6, 6-12, 12-36 months, or an older child and a newborn;
    - one in twenty-three has a baby whose formula stage changes in 8-13 days;
    - one in twenty-nine has a baby whose first or second birthday was in the last week.
    """
    name = BABY_NAMES[i % len(BABY_NAMES)]
    gender = ("girl", "boy", "unknown")[i % 3] if i % 10 == 0 else ("girl", "boy")[i % 2]
    slot = i % 10
    if slot == 0:
        days = -rng.randint(0, 6) if i % 40 == 0 else rng.randint(1, 200)
        return [Baby(name, gender, "expected", days, "expected")]
    if i % 23 == 0:  # the stage changes (6 or 12 months) in 8-13 days
        months = (6, 12)[i % 2]
        moment = today + timedelta(days=8 + i % 6)
        born = baby_lib.add_months(moment, -months)
        return [Baby(name, gender, "born", (today - born).days, "0-6" if months == 6 else "6-12")]
    if i % 29 == 0:  # a birthday in the last week
        born = baby_lib.add_months(today - timedelta(days=i % 7), -12 * (1 + i % 2))
        return [Baby(name, gender, "born", (today - born).days, "12-36")]
    if slot in (1, 2):
        return [Baby(name, gender, "born", rng.randint(3, 170), "0-6")]
    if slot in (3, 4):
        return [Baby(name, gender, "born", rng.randint(190, 350), "6-12")]
    if slot in (5, 6, 7):
        return [Baby(name, gender, "born", rng.randint(380, 1060), "12-36")]
    if slot == 8:
        older = BABY_NAMES[(i + 5) % len(BABY_NAMES)]
        return [
            Baby(older, ("girl", "boy")[(i + 1) % 2], "born", rng.randint(1110, 1800), "36+"),
            Baby(name, gender, "born", rng.randint(10, 150), "0-6"),
        ]
    return []


def _spend(rng, i):
    roll = (i * 37) % 100
    for share, low, high in SPEND_BUCKETS:
        if roll < share:
            return rng.randint(low, high)
        roll -= share
    return 0


def _orders(rng, i, spend, babies):
    """Purchases of the rolling year adding up to ``spend`` (formula of the baby's stage, else diapers).

    One member in six buys formula on a rhythm of about a month; the others buy one to four times.
    """
    stage = next((b.band for b in babies if b.band in ("0-6", "6-12", "12-36")), None)
    formula = {"0-6": "1", "6-12": "2", "12-36": "3"}.get(stage, "1" if babies else None)
    if i % 6 == 0 and formula:
        last = rng.randint(5, 50)
        count = 5
        days = [last + 30 * k for k in range(count)]
    else:
        count = 1 + i % 4
        days = sorted(rng.sample(range(3, 360), count))
    amounts = [round(spend / count, 2)] * count
    amounts[-1] = round(spend - sum(amounts[:-1]), 2)
    return [
        Order(day, amount, formula if (k % 2 == 0 or i % 6 == 0) else None)
        for k, (day, amount) in enumerate(zip(days, amounts, strict=True))
    ]


def member_plan(count, stores, today, seed=SEED):
    """The ``count`` demo members spread over ``stores`` (keys), and their duplicates (:func:`duplicate_plan`).

    Deterministic: the same arguments give the same plan.

    >>> plan = member_plan(60, ["A", "B"], date(2026, 3, 2))
    >>> len(plan), sorted({m.store for m in plan}), len({m.mobile for m in plan})
    (64, ['A', 'B'], 64)
    >>> plan == member_plan(60, ["A", "B"], date(2026, 3, 2))
    True
    >>> plan[0].mobile
    '13921000000'
    """
    rng = random.Random(seed)
    members = []
    for i in range(count):
        babies = _babies(rng, i, today)
        spend = _spend(rng, i)
        identities = [
            (source, f"{prefix}{seed:02d}{i:06d}") for source, prefix, share in IDENTITIES if (i * 53) % 100 < share
        ]
        members.append(
            Member(
                key=i,
                name=_name(rng),
                mobile=str(MOBILE_BASE + i),
                store=stores[i % len(stores)],
                join_days=rng.randint(20, 900),
                channel=("store", "store", "store", "wechat", "youzan")[i % 5],
                consent=i % 7 != 3,
                guide=i % 5 != 4,
                babies=babies,
                orders=_orders(rng, i, spend, babies),
                identities=identities,
                # points given at the anniversary, 11-23 months ago: what is left expires within 30 days
                bonus=Bonus(100 + 50 * (i % 5), rng.randint(330, 700), 3 + i % 25) if i % 4 == 1 else None,
                redeem=(100 + 20 * (i % 7)) if i % 5 == 2 else 0,
                contact_phone=None,
            )
        )
    return members + duplicate_plan(members, rng)


def duplicate_plan(members, rng=None):
    """Members enrolled twice (another mobile), one pair for each rule of the duplicate finder.

    - the same name and a baby born the same day (``same_baby``),
    - the same WeChat user (an openid equal to the first's unionid: ``same_identity``),
    - a contact whose phone is the first's mobile (``same_contact_phone``).

    Their key is ``("dup", first key)``; each pair has a mobile of its own. None for fewer than
    40 members.
    """
    if len(members) < 40:
        return []
    rng = rng or random.Random(SEED)
    with_baby = [m for m in members if any(b.kind == "born" for b in m.babies)]
    with_unionid = [m for m in members if any(s == "wechat_unionid" for s, _x in m.identities)]
    pairs = []
    for n, (rule, first) in enumerate(
        [("baby", with_baby[3]), ("baby", with_baby[17]), ("identity", with_unionid[5]), ("phone", members[11])]
    ):
        mobile = str(MOBILE_BASE + 90000 + n)
        babies = [b for b in first.babies if b.kind == "born"][:1] if rule == "baby" else []
        identities = []
        if rule == "identity":
            unionid = next(external for source, external in first.identities if source == "wechat_unionid")
            identities = [("wechat_openid", unionid)]
        pairs.append(
            Member(
                key=("dup", first.key),
                name=first.name if rule != "phone" else _name(rng),
                mobile=mobile,
                store=first.store,
                join_days=max(first.join_days - 30 - n, 1),
                channel="wechat" if rule == "identity" else "store",
                consent=True,
                guide=True,
                babies=babies,
                orders=[],
                identities=identities,
                bonus=None,
                redeem=0,
                contact_phone=first.mobile if rule == "phone" else None,
            )
        )
    return pairs


def ledger_plan(member, today, points_for, expiry_for):
    """The points ledger rows of ``member``: awards of its orders and bonus, then its redemption.

    ``points_for(order)`` gives an order's points, ``expiry_for(award date)`` its expiry date.
    Rows are dicts ``kind, date, points, remaining, expiry_date, order`` (``order``: the
    :data:`Order` of an award, else ``None``) in ledger order; the redemption consumes the
    awards that expire first (``lib.member.fifo_take``), so the sum of ``remaining`` equals the
    sum of ``points``.

    >>> m = member_plan(3, ["A"], date(2026, 3, 2))[2]
    >>> rows = ledger_plan(m, date(2026, 3, 2), lambda o: int(o.amount), lambda d: date(d.year + 1, 12, 31))
    >>> sum(r["points"] for r in rows) == sum(r["remaining"] or 0 for r in rows)
    True
    """
    rows = []
    for order in sorted(member.orders, key=lambda o: -o.days):
        day = today - timedelta(days=order.days)
        points = points_for(order)
        if points > 0:
            rows.append({"kind": "award", "date": day, "points": points, "remaining": points,
                         "expiry_date": expiry_for(day), "order": order})  # fmt: skip
    if member.bonus:
        day = today - timedelta(days=member.bonus.days)
        rows.append({"kind": "adjust", "date": day, "points": member.bonus.points, "remaining": member.bonus.points,
                     "expiry_date": today + timedelta(days=member.bonus.expires_in), "order": None})  # fmt: skip
    awards = [r for r in rows if r["points"] > 0]
    balance = sum(r["points"] for r in awards)
    if member.redeem and balance >= member.redeem:
        available = sorted(awards, key=lambda r: (r["expiry_date"], r["date"]))
        # a recent redemption: only what had not expired yet
        available = [r for r in available if r["expiry_date"] > today - timedelta(days=20)]
        takes, shortfall = member_lib.fifo_take([(id(r), r["remaining"]) for r in available], member.redeem)
        if not shortfall:
            by_id = {id(r): r for r in available}
            for key, take in takes:
                by_id[key]["remaining"] -= take
            rows.append({"kind": "redeem", "date": today - timedelta(days=20), "points": -member.redeem,
                         "remaining": False, "expiry_date": False, "order": None})  # fmt: skip
    return rows


def birth_or_due(baby, today):
    """``(birth_date, due_date)`` of a planned baby on ``today``."""
    if baby.kind == "expected":
        return False, today + timedelta(days=baby.days)
    return today - timedelta(days=baby.days), False


__all__ = ["Baby", "Bonus", "Member", "Order", "birth_or_due", "date", "duplicate_plan", "ledger_plan", "member_plan"]
