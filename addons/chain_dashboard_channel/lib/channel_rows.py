"""Channel filter keys (no ORM).

The dashboard's channel filter has the keys ``all`` (stores' POS and every online channel),
``pos`` (POS only), ``online`` (every online channel) and ``channel_<id>`` (one channel).
"""

ALL = "all"
POS = "pos"
ONLINE = "online"
PREFIX = "channel_"


def channel_key(channel_id):
    """The filter key of one channel.

    >>> channel_key(7)
    'channel_7'
    """
    return f"{PREFIX}{int(channel_id)}"


def sources(key):
    """``(with_pos, channel_ids)`` of the filter ``key``: whether the POS summaries count, and
    which channels do: ``None`` for every channel, ``()`` for none, else a tuple of ids.

    Raises ``ValueError`` for any other key.

    >>> sources("all"), sources("pos"), sources("online"), sources("channel_7")
    ((True, None), (True, ()), (False, None), (False, (7,)))
    """
    if key == ALL:
        return True, None
    if key == POS:
        return True, ()
    if key == ONLINE:
        return False, None
    if isinstance(key, str) and key.startswith(PREFIX):
        digits = key[len(PREFIX) :]
        if digits.isascii() and digits.isdigit() and int(digits) > 0:
            return False, (int(digits),)
    raise ValueError(key)
