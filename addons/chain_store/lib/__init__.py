"""Pure helpers of ``chain_store``: no ORM, no database, tested alone."""
