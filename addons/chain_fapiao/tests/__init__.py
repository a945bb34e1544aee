from . import (
    test_lib_fapiao,
    test_invoice_after_close,
    test_fapiao_request,
    test_fapiao_register,
    test_fapiao_import,
    test_public_page,
    test_pos_tour,
)
