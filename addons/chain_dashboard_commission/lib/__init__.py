from . import target_figures
