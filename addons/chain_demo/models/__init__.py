from . import chain_store
