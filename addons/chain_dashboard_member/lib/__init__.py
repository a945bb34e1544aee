from . import member_figures
