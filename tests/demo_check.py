"""The demo chain as its users see it; fed to ``odoo shell`` by ``scripts/test --full``.

Prints one ``PASS <check>`` or ``FAIL <check>: <why>`` line per check.
"""

# ruff: noqa: F821 - ``env`` is given by odoo shell; this script reports by printing
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}")


stores = env["chain.store"].search([("kind", "=", "store")])
check(
    "six stores and a distribution centre",
    len(stores) >= 6 and env["chain.store"].search_count([("kind", "=", "dc")]) >= 1,
    f"{len(stores)} stores",
)
check(
    "every store has its warehouse and a POS",
    all(s.warehouse_id and s.pos_config_ids for s in stores),
    ", ".join(s.code for s in stores if not (s.warehouse_id and s.pos_config_ids)),
)
products = env["product.product"].search([("barcode", "=like", "69%")])
check("about 60 products with GTIN-13 barcodes", len(products) >= 50, f"{len(products)} products")
from odoo.addons.chain_store.lib.codes import is_valid_gtin  # noqa: E402

bad = products.filtered(lambda p: not is_valid_gtin(p.barcode))
check("every barcode has a right check digit", not bad, ", ".join(bad.mapped("barcode")))
if "expiration_date" in env["stock.lot"]._fields:
    now = fields.Datetime.now()
    lots = env["stock.lot"].search([("expiration_date", "!=", False), ("quant_ids.quantity", ">", 0)])
    expired = lots.filtered(lambda lot: lot.expiration_date < now)
    near = lots.filtered(lambda lot: now <= lot.expiration_date and lot.alert_date and lot.alert_date <= now)
    fresh = lots - expired - near
    check(
        "opening stock in expired, near-expiry and fresh lots",
        expired and near and fresh,
        f"{len(expired)} expired, {len(near)} near expiry, {len(fresh)} fresh",
    )
    check(
        "expiry dates are spread",
        lots and max(lots.mapped("expiration_date")) - min(lots.mapped("expiration_date")) > timedelta(days=180),
        "",
    )

managers = (
    env.ref("chain_store.group_chain_store_manager").users - env.ref("chain_store.group_chain_region_manager").users
)
managers = managers.filtered("chain_store_ids")
check("each store has a store manager user", len(managers) >= len(stores), f"{len(managers)} store managers")
for manager in managers[:6]:
    own = manager.chain_visible_store_ids
    quants = env["stock.quant"].with_user(manager).search([])
    orders = env["pos.order"].with_user(manager).search([])
    all_orders = env["pos.order"].search([])
    check(
        f"{manager.login} sees only their store's stock",
        quants and quants.location_id.warehouse_id <= own.warehouse_id,
        f"{len(quants)} quants in {quants.location_id.warehouse_id.mapped('code')}",
    )
    check(
        f"{manager.login} sees only their store's POS orders",
        orders.config_id.chain_store_id <= own and (len(orders) < len(all_orders) or not all_orders),
        f"{len(orders)} of {len(all_orders)} orders, stores {orders.config_id.chain_store_id.mapped('code')}",
    )

if "chain.expiry.worklist" in env:
    policies = env["chain.shelf.life.policy"].search([])
    check("shelf-life policies for formula, baby food, supplements", len(policies) >= 3, f"{len(policies)} policies")
    rows = env["chain.expiry.worklist"].search([])
    check("the near-expiry worklist has lots in alert stages", rows, "empty")
    for manager in managers[:3]:
        mine = env["chain.expiry.worklist"].with_user(manager).search([])
        check(
            f"{manager.login} sees only their store's near-expiry lots",
            mine.store_id <= manager.chain_visible_store_ids,
            f"stores {mine.store_id.mapped('code')}",
        )
    sellable = env["chain.stock.sellable"].search([])
    check(
        "sellable stock excludes expired lots",
        sellable and sum(sellable.mapped("sellable_qty")) < sum(sellable.mapped("on_hand_qty")),
        "sellable equals on hand",
    )
    linked = env["pos.pack.operation.lot"].search_count([("chain_lot_id", "!=", False)])
    check("POS sales of tracked products keep their lot", linked > 0, "no POS line linked to a lot")

if "chain.recall" in env:
    recall = env["chain.recall"].search([], limit=1)
    check(
        "a recall drill traced its lot to the stores and tills",
        recall and recall.traced_date and recall.sold_qty > 0 and recall.store_ids,
        (recall and f"sold {recall.sold_qty}, stores {recall.store_ids.mapped('code')}") or "no recall",
    )

if "chain_expiry_state" in env["pos.order"]._fields:
    import uuid

    staff = env.ref("chain_demo.res_users_staff_sh01_demo")
    store = staff.chain_store_id
    config = store.pos_config_ids[:1]
    now = fields.Datetime.now()
    expired_quant = env["stock.quant"].search(
        [
            ("location_id", "child_of", config.picking_type_id.default_location_src_id.id),
            ("lot_id.expiration_date", "<", now),
            ("quantity", ">", 0),
            ("product_id.available_in_pos", "=", True),
        ],
        limit=1,
    )
    check("a store till has an expired lot on its shelf to try", expired_quant, f"none in {store.code}")
    if expired_quant and config:
        config.with_user(staff).open_ui()
        session = config.current_session_id
        product, lot = expired_quant.product_id, expired_quant.lot_id
        order_uuid = str(uuid.uuid4())
        price = product.lst_price
        # a hand-made sync call, as if the browser's checks were bypassed
        env["pos.order"].with_user(staff).sync_from_ui(
            [
                {
                    "uuid": order_uuid,
                    "name": f"Order {order_uuid}",
                    "session_id": session.id,
                    "user_id": staff.id,
                    "sequence_number": 1,
                    "date_order": fields.Datetime.to_string(now),
                    "pricelist_id": config.pricelist_id.id,
                    "fiscal_position_id": False,
                    "partner_id": False,
                    "to_invoice": False,
                    "lines": [
                        (
                            0,
                            0,
                            {
                                "uuid": str(uuid.uuid4()),
                                "product_id": product.id,
                                "qty": 1,
                                "price_unit": price,
                                "price_subtotal": price,
                                "price_subtotal_incl": price,
                                "discount": 0,
                                "tax_ids": [],
                                "pack_lot_ids": [(0, 0, {"lot_name": lot.name})],
                            },
                        )
                    ],
                    "payment_ids": [
                        (0, 0, {"amount": price, "name": now, "payment_method_id": session.payment_method_ids[:1].id})
                    ],
                    "amount_paid": price,
                    "amount_total": price,
                    "amount_tax": 0.0,
                    "amount_return": 0.0,
                    "last_order_preparation_change": "{}",
                    "state": "paid",
                }
            ]
        )
        order = env["pos.order"].search([("uuid", "=", order_uuid)])
        check(
            f"{store.code}: a sync call selling expired lot {lot.name} is refused and kept",
            order.state == "draft" and order.chain_expiry_state == "refused" and lot.name in order.chain_expiry_message,
            f"state {order.state}, lot check {order.chain_expiry_state}",
        )
        check(
            "the demo store managers have an override PIN",
            env["res.users"]._chain_pos_override_managers(store),
            "no manager with a PIN",
        )

if "chain.stock.transfer" in env:
    Transfer = env["chain.stock.transfer"]
    demo = Transfer.search([("note", "=", "Demo")])
    check(
        "inter-store transfers received, to ship and in transit",
        set(demo.mapped("state")) == {"done", "approved", "in_transit"},
        ", ".join(demo.mapped("state")),
    )
    received = demo.filtered(lambda t: t.state == "done")
    kinds = received.discrepancy_ids.mapped(lambda d: (d.kind, d.state))
    check(
        "the received transfer has a missing quantity written off and damaged goods to settle",
        ("missing", "settled") in kinds and ("damaged", "open") in kinds,
        str(kinds),
    )
    transit = env.company._chain_transit_location()
    in_transit = sum(env["stock.quant"].search([("location_id", "=", transit.id)]).mapped("quantity"))
    check(
        "goods in transit are accounted for, transfer by transfer",
        abs(in_transit - sum(Transfer.search([]).mapped("transit_qty"))) < 0.001 and in_transit > 0,
        f"{in_transit} in the transit location",
    )
    staff = env["res.users"].search([("login", "=", "staff.sh01")])
    outsider = env["res.users"].search([("login", "=", "manager.sz01")])
    check(
        "SH01 staff see their transfers, SZ01 does not",
        len(Transfer.with_user(staff).search([("id", "in", demo.ids)])) == len(demo)
        and not Transfer.with_user(outsider).search([("id", "in", demo.ids)]),
        "",
    )

if "chain.stock.count" in env:
    Count = env["chain.stock.count"]
    demo = Count.search([("note", "=", "Demo")], order="id")
    applied = demo.filtered(lambda c: c.state == "done")
    check(
        "a blind count recounted, approved and applied; another waiting for its counters",
        len(applied) == 1 and "counting" in demo.mapped("state") and applied.move_ids,
        ", ".join(demo.mapped("state")),
    )
    check(
        "the applied count adjusted the stock by its variance",
        applied and abs(sum(applied.move_ids.mapped("quantity")) - 1) < 0.001,
        f"{sum(applied.move_ids.mapped('quantity'))} adjusted",
    )
    counter = env["res.users"].search([("login", "=", "staff.sh02")])
    waiting = demo.filtered(lambda c: c.state == "counting")
    try:
        waiting.line_ids.with_user(counter).read(["expected_qty"])
        blind = False
    except AccessError:
        blind = True
    check("a counter cannot read the expected quantity", blind, "expected quantity readable by staff")

if "chain.replenish.allocation" in env:
    allocation = env["chain.replenish.allocation"].search([("note", "=", "Demo")])
    cut = allocation.line_ids.filtered(lambda line: line.allocated_qty < line.requested_qty)
    check(
        "store requisitions from suggestions, shipped by the DC with an allocation cut explained",
        allocation.state == "done" and cut and all(cut.mapped("cut_reason")),
        f"allocation {allocation.state}, {len(cut)} lines cut",
    )
    requests = allocation.line_ids.request_id.filtered(lambda r: r.chain_allocated_qty > 0)
    check(
        "the DC ships what it allocated",
        requests and all(r.move_ids for r in requests),
        f"{len(requests)} served lines",
    )
    check(
        "the shortfall became a purchase suggestion",
        allocation.purchase_line_ids,
        "no purchase suggestion",
    )

if "chain.stock.ledger" in env:
    store = env["chain.store"].search([("code", "=", "SH01")])
    today = fields.Date.context_today(env["res.users"])
    manager = env["res.users"].search([("login", "=", "manager.sh01")])
    rows = env["chain.stock.ledger"].with_user(manager)._chain_ledger_rows(store, today.replace(day=1), today)
    closing = sum(row["closing_qty"] for row in rows)
    quants = env["stock.quant"].search(
        [("location_id.warehouse_id", "=", store.warehouse_id.id), ("location_id.usage", "=", "internal")]
    )
    on_hand = sum(quants.mapped("quantity"))
    check(
        "SH01's 进销存 ledger for this month ties out with its stock on hand",
        rows and abs(closing - on_hand) < 0.001,
        f"ledger closing {closing}, on hand {on_hand}",
    )
    by_product = {}
    for quant in quants:
        by_product[quant.product_id.id] = by_product.get(quant.product_id.id, 0) + quant.quantity
    off = [row["product_id"] for row in rows if abs(row["closing_qty"] - by_product.get(row["product_id"], 0)) > 0.001]
    check("and product by product", not off, f"{len(off)} products differ")

if "chain.approval.rule" in env:
    from odoo import Command
    from odoo.exceptions import UserError

    rules = env["chain.approval.rule"].search([])
    check(
        "approval rules on purchase orders, transfers and a core model (scrap)",
        {"purchase.order", "chain.stock.transfer", "stock.scrap"} <= set(rules.mapped("model_name")),
        ", ".join(rules.mapped("model_name")),
    )
    env.cr.execute("SAVEPOINT chain_approval_check")
    store = env.ref("chain_demo.chain_store_sh01_demo")
    product = env["product.product"].search([("purchase_ok", "=", True), ("barcode", "=like", "69%")], limit=1)
    supplier = env["res.partner"].search([("supplier_rank", ">", 0)], limit=1) or env.ref("base.main_partner")
    order = env["purchase.order"].create(
        {
            "partner_id": supplier.id,
            "picking_type_id": store.warehouse_id.in_type_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_qty": 100, "price_unit": 250})],
        }
    )
    try:
        order.button_confirm()
        refused = False
    except UserError:
        refused = True
    Request = env["chain.approval.request"]
    Request._chain_action_request(order)
    request = Request.search([("res_model", "=", "purchase.order"), ("res_id", "=", order.id)])
    reviewers = request.review_ids.sorted("sequence").mapped(lambda r: r.reviewer_ids.login)
    for review in request.review_ids.sorted("sequence"):
        request.with_user(review.reviewer_ids[:1]).action_chain_approve()
    check(
        "a 25,000 store purchase order waits for the store then the region manager, then confirms",
        refused and order.state == "purchase" and len(reviewers) == 2,
        f"refused={refused} state={order.state} reviewers={reviewers}",
    )
    env.cr.execute("ROLLBACK TO SAVEPOINT chain_approval_check")
    env.invalidate_all()

if "chain.price.change" in env:
    changes = env["chain.price.change"].search([])
    applied = changes.filtered(lambda c: c.state == "done" and c.scope == "list_price")
    pending = changes.filtered(lambda c: c.state == "to_approve" and c.scope == "pricelist" and c.store_id)
    check(
        "a list price change applied and a store price change waiting for approval",
        applied and pending,
        ", ".join(f"{c.name} {c.scope} {c.state}" for c in changes),
    )
    wrong = applied.line_ids.filtered(lambda line: line.product_id.lst_price != line.new_price)
    check("the applied price change set the list prices", not wrong, ", ".join(wrong.product_id.mapped("default_code")))
    logged = env["chain.price.history"].search([("change_id", "in", applied.ids)])
    check(
        "the applied price change left its price history",
        len(logged) == len(applied.line_ids),
        f"{len(logged)} history rows for {len(applied.line_ids)} lines",
    )
    manager = pending[:1].store_id.manager_id
    if manager:
        try:
            env["chain.price.change"].with_user(manager).browse(pending[:1].id).check_access("write")
            check("the store manager may act on the pending change of their store", True)
        except AccessError as error:
            check("the store manager may act on the pending change of their store", False, str(error))

if "chain.dashboard" in env:
    Dashboard = env["chain.dashboard"]
    today = Dashboard._chain_today()
    # the stores' POS tickets (with chain_dashboard_channel, "all" adds the online orders)
    first = str(today - timedelta(days=399))
    window = {"period": "custom", "date_from": first, "date_to": str(today), "channel": "pos"}
    hq = env["res.users"].search([("login", "=", "hq")])
    manager = env["res.users"].search([("login", "=", "manager.sh01")])
    data_hq = Dashboard.with_user(hq).get_dashboard_data(window)
    data_m = Dashboard.with_user(manager).get_dashboard_data(window)
    check(
        "dashboard: HQ sees the chain, a store manager their store",
        data_hq["scope"]["store_count"] >= 6 and data_m["scope"]["store_count"] == len(manager.chain_visible_store_ids),
        f"{data_hq['scope']} / {data_m['scope']}",
    )
    start, end = Dashboard._chain_utc_bounds(today - timedelta(days=399), today, Dashboard._chain_tz())
    paid = env["pos.order"].search_count(
        [
            ("date_order", ">=", start),
            ("date_order", "<", end),
            ("state", "in", ["paid", "done", "invoiced"]),
            ("config_id.chain_store_id", "!=", False),
        ]
    )
    check(
        "dashboard: the summaries count every paid demo ticket",
        data_hq["kpis"]["tickets"] == paid,
        f"{data_hq['kpis']['tickets']} vs {paid}",
    )

dashboard = env.ref("chain_dashboard_spreadsheet.spreadsheet_dashboard_chain_kpis", raise_if_not_found=False)
manager = env["res.users"].search([("login", "=", "manager.sh01")])
if dashboard and manager:
    result = dashboard.with_user(manager).get_readonly_dashboard()
    groups = env["chain.dashboard.daily"].with_user(manager).read_group([], ["sales:sum"], ["store_id"])
    shown = {group["store_id"][0] for group in groups}
    check(
        "dashboards app: Chain KPIs show a store manager their own stores' sales, not the sample",
        "is_sample" not in result and shown and shown <= set(manager.chain_visible_store_ids.ids),
        f"sample: {result.get('is_sample', False)}, stores shown: {sorted(shown)}",
    )

if "chain.dashboard.channel.daily" in env:
    hq = env["res.users"].search([("login", "=", "hq")], limit=1) or env.ref("base.user_admin")
    dashboard = env["chain.dashboard"].with_user(hq)
    keys = [c["id"] for c in dashboard.get_dashboard_options()["channels"]]
    youzan = env.ref("chain_demo.chain_channel_youzan_demo", raise_if_not_found=False)
    check(
        "dashboard: the channel filter lists each online channel",
        "online" in keys and youzan and f"channel_{youzan.id}" in keys,
        ", ".join(keys),
    )
    today = dashboard._chain_today()
    fortnight = {"period": "custom", "date_from": str(today - timedelta(days=13)), "date_to": str(today)}
    kpis = {
        key: dashboard.get_dashboard_data({**fortnight, "channel": key})["kpis"] for key in ("all", "pos", "online")
    }
    check(
        "dashboard: online orders show, and all channels = stores' POS + online",
        kpis["online"]["tickets"] >= 8
        and abs(kpis["all"]["sales"] - kpis["pos"]["sales"] - kpis["online"]["sales"]) < 0.01
        and kpis["all"]["tickets"] == kpis["pos"]["tickets"] + kpis["online"]["tickets"],
        str({k: (round(v["sales"]), v["tickets"]) for k, v in kpis.items()}),
    )
    manager = env["res.users"].search([("login", "=", "manager.sh02")], limit=1)
    if manager:
        rows = env["chain.dashboard.channel.daily"].with_user(manager).search([])
        check(
            "dashboard: a store manager reads only their store's channel sales",
            rows and rows.store_id == manager.chain_visible_store_ids,
            ", ".join(rows.store_id.mapped("code")),
        )

if "chain.channel" in env:
    channels = env["chain.channel"].search([])
    generic = env.ref("chain_demo.chain_channel_generic_demo", raise_if_not_found=False)
    youzan = env.ref("chain_demo.chain_channel_youzan_demo", raise_if_not_found=False)
    check(
        "channels: a mini-program shop with mapped SKUs and a Youzan shop on the local simulator",
        generic
        and youzan
        and generic.store_ids
        and len(generic.product_ids) >= 2
        and youzan.platform == "youzan"
        and youzan.sudo().api_url == "http://127.0.0.1:18390",
        ", ".join(channels.mapped("name")),
    )
    from odoo.addons.chain_channel_youzan.lib import simulator

    sold = set(simulator.catalogue(simulator.parse_args([]).skus))  # what scripts/run --with-simulator sells
    unmapped = sold - set(youzan.product_ids.mapped("sku")) if youzan else sold
    check("channels: every SKU the demo Youzan simulator sells is mapped", not unmapped, ", ".join(sorted(unmapped)))
    staff = env["res.users"].search([("login", "=", "staff.sh01")])
    try:
        generic.with_user(staff).read(["app_secret"])
        hidden = False
    except AccessError:
        hidden = True
    check("store staff cannot read a channel's secret", hidden, "staff.sh01 read app_secret")
    if youzan and "route_ids" in youzan._fields:
        mapped = youzan.product_ids[:1].product_id
        warehouse, why = youzan._chain_route([(mapped, 1)], env.ref("base.state_cn_ZJ"))
        jz = env.ref("chain_demo.chain_store_region_jz_demo")
        routed = env["chain.store"].search([("warehouse_id", "=", warehouse.id)])
        check(
            "channels: an order to Zhejiang ships from a Jiangsu-Zhejiang store or the DC",
            youzan.route_ids and routed and (routed.region_id == jz or routed.kind == "dc"),
            why,
        )

if "chain.channel.allocation" in env:
    mini = env.ref("chain_demo.chain_channel_generic_demo", raise_if_not_found=False)
    offered = env["chain.channel.product"].search([("channel_id.active", "=", True)]).product_id
    ledger = env["chain.channel.allocation"]._chain_recompute(offered)
    over = []
    for product in offered:
        rows = ledger.filtered(lambda r, p=product: r.product_id == p)
        sellable = sum(product._chain_sellable_qty(rows.channel_id.store_ids).values())
        if sum(rows.mapped("allocated_qty")) + sum(rows.mapped("pending_qty")) > sellable:
            over.append(f"{product.display_name}: {sum(rows.mapped('allocated_qty'))} of {sellable}")
    check(
        "channels: the mini shop has an exclusive pool and no product is offered beyond its sellable stock",
        mini and mini.stock_exclusive and ledger and not over,
        "; ".join(over) or f"{len(ledger)} allocations",
    )

if "pull_lag_seconds" in env["chain.channel"]._fields:
    crons = [
        env.ref(xmlid, raise_if_not_found=False)
        for xmlid in ("chain_channel.ir_cron_chain_channel_pull", "chain_channel.ir_cron_chain_channel_reconcile")
    ]
    check("channels: order pull and reconciliation crons are active", all(c and c.active for c in crons), str(crons))

if "chain.member" in env:
    members = env["chain.member"].search([("state", "=", "active")])
    consented = members.filtered("consent")
    check(
        "members: a few hundred members, most with their consent recorded",
        len(members) >= 300 and len(consented) >= 0.8 * len(members),
        f"{len(members)} members, {len(consented)} with consent",
    )
    stages = set(env["chain.member.baby"].search([]).mapped("formula_stage"))
    check("members: babies of every formula stage", {"1", "2", "3"} <= {str(s) for s in stages}, str(stages))
    tiers = members.mapped("tier_id")
    check("members: four tiers reached", len(tiers) >= 4, ", ".join(tiers.mapped("name")))
    soon = fields.Date.today() + timedelta(days=30)
    expiring = env["chain.member.points.line"].search_count([("remaining", ">", 0), ("expiry_date", "<=", soon)])
    check("members: points about to expire within 30 days", expiring > 0, f"{expiring} rows")
    check(
        "members: ledger equals balance for every member",
        not any(m.points_balance != sum(m.points_line_ids.mapped("points")) for m in members),
    )
    check("members: duplicates to merge", env["chain.member.duplicate"].search_count([]) >= 4)
    staff = env["res.users"].search([("login", "=", "staff.sh01")])
    foreign = members.filtered(lambda m: m.home_store_id and m.home_store_id not in staff.chain_visible_store_ids)
    seen = env["chain.member"].with_user(staff).search_count([("id", "in", foreign.ids)])
    check("members: store staff read none of another store's members", foreign and not seen, f"{seen} seen")

if "chain.pay.cn.account" in env:
    configs = env["pos.config"].search([("chain_store_id", "!=", False)])
    terminals = {config.name: set(config.payment_method_ids.mapped("use_payment_terminal")) for config in configs}
    check(
        "payments: every store till takes WeChat Pay and Alipay payment codes",
        configs and all({"chain_wechatpay", "chain_alipay"} <= kinds for kinds in terminals.values()),
        str(terminals),
    )
    accounts = env["chain.pay.cn.account"].search([])
    check(
        "payments: the demo accounts point at the local simulators",
        set(accounts.mapped("provider")) == {"wechatpay", "alipay"}
        and all(a.endpoint.startswith("http://127.0.0.1:1839") for a in accounts),
        str(accounts.mapped("endpoint")),
    )
    staff = env.ref("chain_demo.res_users_staff_sh01_demo")
    hidden = "api_key" not in env["chain.pay.cn.account"].with_user(staff)._fields or not env[
        "chain.pay.cn.account"
    ].with_user(staff).check_access_rights("read", raise_exception=False)
    check("payments: store staff cannot read the payment accounts", hidden, "staff.sh01 reads chain.pay.cn.account")

if "chain.member.deposit" in env:
    wallet = env["chain.member.wallet.line"].search([])
    member = wallet.member_id[:1]
    check(
        "prepaid: a demo member has stored value (principal and bonus), used once with her QR code",
        member and member.wallet_principal > 0 and member.wallet_bonus > 0 and "use" in wallet.mapped("kind"),
        f"{member.display_name}: {member.wallet_principal} + {member.wallet_bonus}, {wallet.mapped('kind')}",
    )
    deposit = env["chain.member.deposit"].search([("member_id", "=", member.id)])
    check(
        "prepaid: she has a formula deposit of 12 cans, 2 picked up",
        len(deposit) == 1 and deposit.qty_deposited == 12 and deposit.qty_remaining == 10,
        str(deposit.read(["qty_deposited", "qty_remaining"])),
    )
    card = env["chain.member.service.card"].search([("member_id", "=", member.id)])
    check(
        "prepaid: and a 10-bath card used once, by the nurse who gave the bath",
        len(card) == 1 and card.uses_left == 9 and card.use_ids.employee_id,
        str(card.read(["uses_left"])),
    )
    check(
        "prepaid: the stored-value ledger ties out with its liability account",
        abs(
            sum(wallet.mapped("principal"))
            + sum(
                env["account.move.line"]
                .search(
                    [("account_id", "=", env.company._chain_prepaid_account("wallet_topup").id),
                     ("parent_state", "=", "posted")]
                )
                .mapped("balance")
            )
        )
        < 0.01,
        "ledger principal != liability balance",
    )  # fmt: skip

if "chain.commission.statement" in env and "chain.hr.rota" in env:
    open_stores = stores.filtered(lambda s: s.state == "open")
    employees = env["hr.employee"].search([("chain_store_id", "in", open_stores.ids)])
    guide_job = env.ref("chain_hr_store.job_guide")
    check(
        "staff: every open store has its manager and guides as employees",
        all(
            employees.filtered(lambda e, s=s: e.chain_store_id == s and e.user_id == s.manager_id)
            and len(employees.filtered(lambda e, s=s: e.chain_store_id == s and e.job_id == guide_job)) >= 2
            for s in open_stores
        ),
        ", ".join(s.code for s in open_stores if not employees.filtered(lambda e, s=s: e.chain_store_id == s)),
    )
    today = fields.Date.context_today(env.user)
    monday = today - timedelta(days=today.weekday())
    rotas = env["chain.hr.rota"].search([("week_start", "=", monday), ("state", "=", "published")])
    check(
        "staff: this week's rota of every open store is published",
        set(rotas.store_id.ids) >= set(open_stores.ids),
        ", ".join((open_stores - rotas.store_id).mapped("code")),
    )
    checks = env["chain.hr.attendance.check"].search([("date", ">=", monday - timedelta(days=14))])
    statuses = set(checks.mapped("status"))
    check(
        "staff: the last two weeks of attendance are compared with the rota, with late arrivals",
        checks and "late" in statuses and "ok" in statuses,
        f"{len(checks)} checks, statuses {sorted(statuses)}",
    )
    guided = env["pos.order.line"].search_count([("chain_guide_id", "!=", False)])
    check("staff: POS lines carry their guide", guided >= 20, f"{guided} lines with a guide")
    statements = env["chain.commission.statement"].search([])
    first = today.replace(day=1)
    last_month = (first - timedelta(days=1)).replace(day=1)
    approved = statements.filtered(lambda s: s.month == last_month and s.state == "approved")
    current = statements.filtered(lambda s: s.month == first and s.state == "draft")
    check(
        "staff: last month's commission statements approved (with commission), this month's in progress",
        set(approved.store_id.ids) >= set(open_stores.ids)
        and set(current.store_id.ids) >= set(open_stores.ids)
        and sum(approved.mapped("total")) > 0,
        f"{len(approved)} approved, {len(current)} in progress, total {sum(approved.mapped('total'))}",
    )
    manager = env.ref("chain_demo.res_users_manager_sh01_demo")
    seen = env["hr.employee"].with_user(manager).search([])
    check(
        "staff: the manager of SH01 reads only SH01's employees",
        seen and set(seen.chain_store_id.ids) == {env.ref("chain_demo.chain_store_sh01_demo").id},
        str(seen.chain_store_id.mapped("code")),
    )
    try:
        seen[:1].with_user(manager).read(["private_phone"])
        check("staff: and not their private phone", False, "private_phone readable")
    except AccessError:
        check("staff: and not their private phone", True)

if "crm.lead" in env and "helpdesk.ticket" in env and "chain_store_id" in env["helpdesk.ticket"]._fields:
    open_stores = stores.filtered(lambda s: s.state == "open")
    leads = env["crm.lead"].search([("chain_store_id", "in", open_stores.ids)])
    check(
        "care: every open store has leads from a prenatal class and from its QR code",
        all(
            leads.filtered(lambda lead, s=s: lead.chain_store_id == s and lead.chain_source_kind == "event")
            and leads.filtered(lambda lead, s=s: lead.chain_store_id == s and lead.chain_source_kind == "qr")
            for s in open_stores
        ),
        f"{len(leads)} leads",
    )
    converted = leads.filtered("chain_member_id")
    check(
        "care: converted leads have their member and expected baby",
        converted and all(lead.chain_baby_id.due_date for lead in converted),
        f"{len(converted)} converted",
    )
    today = fields.Date.context_today(env.user)
    guides = leads.user_id
    due = env["mail.activity"].search(
        [("res_model", "in", ("crm.lead", "chain.crm.followup")), ("date_deadline", "<=", today),
         ("user_id", "in", guides.ids)]
    )  # fmt: skip
    check(
        "care: every guide with leads has follow-ups due today",
        guides and set(due.user_id.ids) >= set(guides.ids),
        ", ".join((guides - due.user_id).mapped("login")),
    )
    cases = env["helpdesk.ticket"].search([("chain_store_id", "in", open_stores.ids)])
    check(
        "care: open and closed cases in every open store",
        all(
            cases.filtered(lambda c, s=s: c.chain_store_id == s and c.closed)
            and cases.filtered(lambda c, s=s: c.chain_store_id == s and not c.closed)
            for s in open_stores
        ),
        f"{len(cases)} cases",
    )
    safety = cases.filtered(lambda c: c.chain_kind == "safety" and c.chain_recall_id)
    recall = safety[:1].chain_recall_id
    check(
        "care: a safety case started a recall traced to the lot's stores and customers",
        safety and recall.store_line_ids and recall.customer_line_ids and safety[0].chain_lot_id in recall.lot_ids,
        f"{len(safety)} safety cases with a recall",
    )
    staff = env.ref("chain_demo.res_users_staff_sh01_demo")
    foreign_leads = (
        env["crm.lead"].with_user(staff).search_count([("chain_store_id", "not in", staff.chain_visible_store_ids.ids)])
    )
    foreign_cases = (
        env["helpdesk.ticket"]
        .with_user(staff)
        .search_count([("chain_store_id", "not in", staff.chain_visible_store_ids.ids)])
    )
    check(
        "care: store staff read no leads nor cases of other stores",
        not foreign_leads and not foreign_cases,
        f"{foreign_leads} leads, {foreign_cases} cases",
    )
    health = env["chain.crm.case.health"].sudo().search([])
    seen = env["chain.crm.case.health"].with_user(staff).search_count([("id", "in", health.ids)])
    check("care: store staff read no health details of cases they do not own", health and not seen, f"{seen} seen")

# -- accounting (issue 25) ------------------------------------------------------------
company = env.ref("base.main_company")
check(
    "accounting: the demo chain is a Chinese company (l10n_cn chart, CNY)",
    company.chart_template == "cn" and company.currency_id.name == "CNY",
    f"chart {company.chart_template}, currency {company.currency_id.name}",
)
store_orders = env["pos.order"].search(
    [("config_id.chain_store_id.kind", "=", "store"), ("amount_tax", ">", 0), ("amount_total", ">", 0)]
)
check(
    "accounting: POS sales carry VAT included in the shelf price",
    store_orders and all(o.amount_total > o.amount_total - o.amount_tax > 0 for o in store_orders),
    f"{len(store_orders)} orders with tax",
)
if "chain.member.wallet.line" in env:
    # prepayments tie to their liabilities: what members paid in and have not used is on the
    # customer-deposit accounts, once the till that took it has closed its session
    def _liability(account):
        lines = env["account.move.line"].search([("account_id", "=", account.id), ("parent_state", "=", "posted")])
        return -sum(lines.mapped("balance"))

    def _unposted(orders):
        return orders.filtered(lambda o: o.session_id.state != "closed" or not o.session_move_id)

    wallet_lines = env["chain.member.wallet.line"].search([("company_id", "=", company.id)])
    pending = sum(wallet_lines.filtered(lambda w: w.pos_order_id in _unposted(w.pos_order_id)).mapped("principal"))
    wallet_account = company.chain_prepaid_wallet_account_id
    owed = sum(wallet_lines.mapped("principal")) - pending
    booked = _liability(wallet_account) if wallet_account else 0.0
    check(
        "accounting: stored value members hold = the stored-value liability account",
        wallet_account and abs(owed - booked) < 0.01,
        f"ledger {owed:.2f}, account {booked:.2f} (not yet posted: {pending:.2f})",
    )
    deposits = env["chain.member.deposit"].search([("company_id", "=", company.id)])
    deposit_account = company.chain_prepaid_deposit_account_id
    outstanding = sum(deposits.mapped("amount_remaining"))
    booked = _liability(deposit_account) if deposit_account else 0.0
    check(
        "accounting: formula deposits not picked up = the deposit liability account",
        deposit_account and abs(outstanding - booked) < 0.01,
        f"deposits {outstanding:.2f}, account {booked:.2f}",
    )

if "chain.store.pnl" in env:
    # the store P&Ls add up to the company's, this month and last (to the cent)
    today = fields.Date.context_today(env.user)
    first = today.replace(day=1)
    last_month = ((first - timedelta(days=1)).replace(day=1), first - timedelta(days=1))
    for label, (date_from, date_to) in (("this month", (first, today)), ("last month", last_month)):
        totals = env["chain.store.pnl"]._chain_pnl_totals(date_from, date_to, company)
        gaps = {k: totals["total"][k] - totals["company"][k] for k in totals["company"]}
        check(
            f"accounting: sum of the store P&Ls = the company's P&L ({label})",
            (totals["stores"].get("sales") or label != "this month") and all(abs(v) < 0.01 for v in gaps.values()),
            f"stores {totals['stores']}, unassigned {totals['unassigned']}, company {totals['company']}",
        )
if "chain.channel.settlement" in env:
    channel = env.ref("chain_demo.chain_channel_youzan_demo")
    balance = channel.chain_wallet_balance()[channel.id]
    invoices = env["account.move"].search(
        [("chain_channel_id", "=", channel.id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")]
    )
    paid = invoices.filtered(lambda i: i.payment_state in ("paid", "in_payment"))
    check(
        "accounting: channel orders invoiced to the platform, a settlement matched two of them",
        len(invoices) >= 3 and len(paid) == 2,
        f"{len(invoices)} invoices, {len(paid)} paid",
    )
    check(
        "accounting: the wallet journal's balance = the platform's settled lines; the platform still owes",
        abs(balance["wallet"] - balance["settled"]) < 0.01 and balance["receivable"] > 0 and not balance["unmatched"],
        str(balance),
    )
if "chain.fapiao" in env:
    issued = env["chain.fapiao"].search([("state", "=", "issued"), ("request_id", "!=", False)])
    after_close = issued.filtered(
        lambda f: (
            f.request_id.order_id.session_id.state == "closed"
            and f.move_id.payment_state in ("paid", "in_payment")
            and len(f.number or "") == 20
        )
    )
    check(
        "accounting: a till order invoiced after its session closed, paid by the till, its 数电票 issued",
        after_close,
        f"{len(issued)} issued fapiao from requests",
    )
if "chain.kingdee.connection" in env:
    connection = env.ref("chain_demo.chain_kingdee_connection_demo")
    used = env["account.account"].browse(
        account.id
        for (account,) in env["account.move.line"]._read_group(
            [("parent_state", "=", "posted"), ("company_id", "=", company.id)], ["account_id"]
        )
    )
    mapped = env["chain.kingdee.account.map"].search([("company_id", "=", company.id)]).account_id
    check(
        "accounting: the Kingdee connection maps every account the demo's entries use",
        connection and not (used - mapped),
        ", ".join((used - mapped).mapped("code")),
    )
