from . import rota
