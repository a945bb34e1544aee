from . import bureau_xml, fapiao_number, tax_id
