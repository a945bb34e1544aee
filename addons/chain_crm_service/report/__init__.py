from . import helpdesk_ticket_xlsx
