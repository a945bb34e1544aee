"""Helpers for the addons' migration scripts."""

from lxml import etree

from odoo.tools.misc import file_path


def rule_values(module, xml_id, path):
    """``{"name": ..., "domain_force": ...}`` of the record ``xml_id`` in ``module``'s data file ``path``."""
    with open(file_path(f"{module}/{path}"), "rb") as handle:
        tree = etree.parse(handle)
    record = tree.find(f".//record[@id='{xml_id}']")
    return {
        field.get("name"): field.text
        for field in record.findall("field")
        if field.get("name") in ("name", "domain_force")
    }


def refresh_rules(env, module, path, xml_ids):
    """Write the name and domain that the rules ``xml_ids`` have in ``path`` onto the database.

    Record rules live in ``noupdate`` data, which an update does not reload: a version
    that changes a rule's domain calls this from its migration, so that it is written once.
    """
    for xml_id in xml_ids:
        rule = env.ref(f"{module}.{xml_id}", raise_if_not_found=False)
        if rule:
            rule.write(rule_values(module, xml_id, path))
