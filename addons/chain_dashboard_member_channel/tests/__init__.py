from . import test_member_channel_share
