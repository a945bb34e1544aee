from . import controllers
from . import models
from . import report
from .rpc import post_load
