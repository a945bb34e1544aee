"""The one aggregation of a commission statement over POS lines, as an ``odoo.tools.SQL``.

Which lines a statement of store S and month M counts (all in the store's time zone):

- the lines of orders dated in M;
- *late lines*: lines of orders dated in an earlier month N whose statement was approved before
  the order reached the server (``pos_order.create_date > computed_at``) land in the first month
  from N on whose statement was not yet computed when they arrived (not approved, or approved
  with ``computed_at >= create_date``); that month is M for the lines this statement takes.

Each line is attributed to its guide; a refund line (``refunded_orderline_id``) to the guide of
the refunded line. A refund of a sale of an earlier month is a *clawback* row (grouped with its
product and the sale's local day, so that the caller applies the sale's rate); the other lines
group by the rule their product earns under (``rule_id`` NULL: none), through the mapping the
caller resolved: ``key = signature of the store's rules * 1000 + segment of the month`` (a late
line of an earlier month earns under the rules of the statement's first day).
"""

from odoo.tools import SQL

ORDER_STATES = ["paid", "done", "invoiced"]


def line_aggregates(
    *, stores, store_sigs, month, lo, hi, seg_starts, map_keys, map_products, map_rules,
    default_keys, default_rules, default_tz, late_since=None, late_lo=None, employees=None,
):  # fmt: skip
    """SQL returning rows ``store_id, guide_id, rule_id, claw, product_id, origin_day, sales, margin, qty``.

    ``lo``/``hi``: UTC bounds wide enough for the month in any time zone; ``late_since``: the
    earliest ``computed_at`` of the approved statements of the look-back (None: no late lines);
    ``late_lo``: the UTC start of the look-back.
    """
    src = SQL(
        """
        SELECT o.id AS order_id, o.date_order, o.create_date, cfg.chain_store_id AS store_id,
               COALESCE(st.tz, %(tz)s) AS tz
          FROM pos_order o
          JOIN pos_config cfg ON cfg.id = o.config_id
          JOIN chain_store st ON st.id = cfg.chain_store_id
         WHERE cfg.chain_store_id = ANY(%(stores)s) AND o.state = ANY(%(states)s)
           AND o.date_order >= %(lo)s AND o.date_order < %(hi)s
        """,
        tz=default_tz, stores=stores, states=ORDER_STATES, lo=lo, hi=hi,
    )  # fmt: skip
    if late_since:
        src = SQL(
            """%s
        UNION ALL
        SELECT o.id, o.date_order, o.create_date, cfg.chain_store_id, COALESCE(st.tz, %s)
          FROM pos_order o
          JOIN pos_config cfg ON cfg.id = o.config_id
          JOIN chain_store st ON st.id = cfg.chain_store_id
         WHERE cfg.chain_store_id = ANY(%s) AND o.state = ANY(%s)
           AND o.create_date > %s AND o.date_order >= %s AND o.date_order < %s
            """,
            src, default_tz, stores, ORDER_STATES, late_since, late_lo, lo,
        )  # fmt: skip
    guide_filter = SQL("AND x.guide_id = ANY(%s)", employees) if employees else SQL()
    return SQL(
        """
        WITH approved AS (
            SELECT store_id, month, computed_at
              FROM chain_commission_statement
             WHERE state = 'approved' AND store_id = ANY(%(stores)s) AND month < %(month)s
        ),
        src AS (%(src)s),
        orders AS (
            SELECT order_id, store_id, create_date, tz,
                   (date_order AT TIME ZONE 'UTC' AT TIME ZONE tz) AS local_ts,
                   date_trunc('month', date_order AT TIME ZONE 'UTC' AT TIME ZONE tz)::date AS n_month
              FROM src
        ),
        kept AS (
            SELECT * FROM orders WHERE n_month = %(month)s
            UNION ALL
            SELECT o.* FROM orders o
             WHERE o.n_month < %(month)s
               AND (SELECT min(m)::date
                      FROM generate_series(o.n_month, %(month)s::date, interval '1 month') m
                     WHERE NOT EXISTS (SELECT 1 FROM approved a
                                        WHERE a.store_id = o.store_id AND a.month = m::date
                                          AND a.computed_at < o.create_date)) = %(month)s
        ),
        sigs AS (SELECT * FROM unnest(%(store_ids)s::int[], %(store_sigs)s::int[]) AS s(store_id, sig)),
        map AS (SELECT * FROM unnest(%(map_keys)s::int[], %(map_products)s::int[], %(map_rules)s::int[])
                             AS m(key, product_id, rule_id)),
        defaults AS (SELECT * FROM unnest(%(default_keys)s::int[], %(default_rules)s::int[]) AS d(key, rule_id)),
        x AS (
            SELECT k.store_id,
                   COALESCE(ol.chain_guide_id, l.chain_guide_id) AS guide_id,
                   l.product_id,
                   l.price_subtotal AS sales,
                   l.price_subtotal - COALESCE(l.total_cost, 0) AS margin,
                   l.qty,
                   sg.sig * 1000 + GREATEST(width_bucket(k.local_ts, %(seg_starts)s::timestamp[]), 1) AS key,
                   (oo.date_order AT TIME ZONE 'UTC' AT TIME ZONE k.tz)::date AS origin_day,
                   COALESCE(date_trunc('month', oo.date_order AT TIME ZONE 'UTC' AT TIME ZONE k.tz)::date
                            < k.n_month, FALSE) AS claw
              FROM kept k
              JOIN pos_order_line l ON l.order_id = k.order_id
              JOIN sigs sg ON sg.store_id = k.store_id
              LEFT JOIN pos_order_line ol ON ol.id = l.refunded_orderline_id
              LEFT JOIN pos_order oo ON oo.id = ol.order_id
        )
        SELECT x.store_id, x.guide_id,
               CASE WHEN x.claw THEN NULL ELSE COALESCE(m.rule_id, d.rule_id) END AS rule_id,
               x.claw,
               CASE WHEN x.claw THEN x.product_id END AS product_id,
               CASE WHEN x.claw THEN x.origin_day END AS origin_day,
               SUM(x.sales) AS sales, SUM(x.margin) AS margin, SUM(x.qty) AS qty
          FROM x
          LEFT JOIN map m ON m.key = x.key AND m.product_id = x.product_id
          LEFT JOIN defaults d ON d.key = x.key
         WHERE x.guide_id IS NOT NULL %(guide_filter)s
         GROUP BY 1, 2, 3, 4, 5, 6
        """,
        stores=stores, month=month, src=src, store_ids=stores, store_sigs=store_sigs, map_keys=map_keys,
        map_products=map_products, map_rules=map_rules, default_keys=default_keys, default_rules=default_rules,
        seg_starts=seg_starts, guide_filter=guide_filter,
    )  # fmt: skip
