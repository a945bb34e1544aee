"""Odoo's launcher for the bench's own Odoo server (see ``benchchannel._odoo_server``).

The prefork server starts its websocket worker by running its launcher again with ``gevent``;
the benchmarks have no websocket client, so that worker is an idle process here. This keeps the
measure free of gevent's start-up (and, where gevent cannot start, of its restart every second).
"""

import signal
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["gevent"]:
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        while True:
            signal.pause()
    import odoo

    odoo.cli.main()
