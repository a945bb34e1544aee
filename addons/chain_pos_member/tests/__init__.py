from . import test_lib_proof
from . import test_sms_simulator
from . import test_member_lookup
from . import test_redemption
from . import test_loyalty_card
from . import test_enrol
from . import test_rpc_attacks
from . import test_pos_member_tour
