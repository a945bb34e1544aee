from . import channel_rows
