from . import chain_channel_message
from . import helpdesk_ticket
