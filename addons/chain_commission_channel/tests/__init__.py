from . import test_channel_guide
