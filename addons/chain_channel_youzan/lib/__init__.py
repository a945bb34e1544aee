"""Pure helpers of ``chain_channel_youzan``: the Youzan protocol and its local simulator."""
