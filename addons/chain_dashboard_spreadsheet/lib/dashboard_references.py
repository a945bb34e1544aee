"""What a spreadsheet snapshot of the Dashboards app reads from the database (no Odoo, no ORM).

Tests use it to read exactly that, as a store user, and to check that every model and field
the dashboard names exists.
"""

from .dashboard_snapshot import PERIOD_FILTER


def references(snapshot):
    """What ``snapshot`` reads from the database: a list of dicts ``model``, ``measures``,
    ``groupby`` (field names, a date field with its ``:granularity``), ``domain`` (a list, or a
    string the web client evaluates), ``period`` (the offset of the Period filter on ``date``,
    None when the Period does not apply), ``matching`` (the fields the global filters match)
    and ``what`` (where it comes from), one per pivot and Odoo chart; plus one per global
    filter relation (``model``, no measure).

    >>> from odoo.addons.chain_dashboard_spreadsheet.lib.dashboard_snapshot import build
    >>> refs = references(build())
    >>> sorted({ref["model"] for ref in refs})
    ['chain.dashboard.daily', 'chain.dashboard.daily.categ', 'chain.dashboard.stock', 'chain.store']
    >>> references(build(sample=True))
    []
    """
    refs = []
    for pivot in snapshot.get("pivots", {}).values():
        refs.append(
            {
                "what": f"pivot {pivot['id']} ({pivot['name']})",
                "model": pivot["model"],
                "measures": [measure["fieldName"] for measure in pivot["measures"]],
                "groupby": [dim["fieldName"] for dim in pivot["rows"] + pivot["columns"]],
                "domain": pivot["domain"],
                "matching": [match["chain"] for match in pivot["fieldMatching"].values()],
                "period": pivot["fieldMatching"].get(PERIOD_FILTER, {}).get("offset"),
            }
        )
    for sheet in snapshot["sheets"]:
        for figure in sheet["figures"]:
            data = figure["data"]
            if not data["type"].startswith("odoo_"):
                continue
            refs.append(
                {
                    "what": f"chart {figure['id']}",
                    "model": data["metaData"]["resModel"],
                    "measures": [data["metaData"]["measure"]],
                    "groupby": data["metaData"]["groupBy"],
                    "domain": data["searchParams"]["domain"],
                    "matching": [match["chain"] for match in data["fieldMatching"].values()],
                    "period": data["fieldMatching"].get(PERIOD_FILTER, {}).get("offset"),
                }
            )
    for global_filter in snapshot.get("globalFilters", []):
        if global_filter["type"] == "relation":
            refs.append(
                {
                    "what": f"filter {global_filter['label']}",
                    "model": global_filter["modelName"],
                    "measures": [],
                    "groupby": [],
                    "domain": [],
                    "matching": [],
                    "period": None,
                }
            )
    return refs
