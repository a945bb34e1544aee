from . import chain_suite_probe
