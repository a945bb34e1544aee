from . import res_company, pos_order, account_move, chain_fapiao_request, chain_fapiao
