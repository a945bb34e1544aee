"""Static checks of the Simplified Chinese translations (no Odoo, no database).

For every chain addon that exports a template (``addons/chain_*/i18n/*.pot``), its
``i18n/zh_CN.po`` must exist, translate every message of the template (none empty,
none fuzzy), keep each message's placeholders, and use the glossary's word
(``/work/shared/GLOSSARY.md``) for the trade's terms: a Chinese user must never see an
English label, a ``%(store)s`` lost in translation, or a store called 门店 on one
screen and 商店 on the next.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"

# The placeholders Odoo substitutes at run time: a translation must keep exactly these.
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d")

# English source term (a whole msgid, case-insensitive) -> the glossary's Chinese.
GLOSSARY = {
    "store": "门店",
    "region": "区域",
    "store manager": "店长",
    "region manager": "区域经理",
    "distribution centre": "配送中心",
    "distribution center": "配送中心",
    "lot": "批次",
    "chain": "连锁",
}

ADDONS_WITH_POT = sorted(
    path.name for path in ADDONS.glob("chain_*") if path.is_dir() and any((path / "i18n").glob("*.pot"))
)


def templates(addon):
    """The entries of the addon's exported template(s), by msgid."""
    entries = {}
    for pot in sorted((ADDONS / addon / "i18n").glob("*.pot")):
        for entry in polib.pofile(str(pot)):
            if not entry.obsolete:
                entries.setdefault(entry.msgid, entry)
    return entries


def zh_cn_path(addon):
    return ADDONS / addon / "i18n" / "zh_CN.po"


def load_zh_cn(addon):
    """The addon's zh_CN.po and its entries by msgid; the calling test fails when it is missing."""
    path = zh_cn_path(addon)
    assert path.is_file(), f"{addon}: {path.relative_to(ROOT)} is missing"
    po = polib.pofile(str(path))
    return po, {entry.msgid: entry for entry in po if not entry.obsolete}


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def test_some_addon_has_a_template():
    # Guards the parametrization below: a renamed i18n folder must not silently test nothing.
    assert ADDONS_WITH_POT, "no addons/chain_*/i18n/*.pot found"


addon_param = pytest.mark.parametrize("addon", ADDONS_WITH_POT)


@addon_param
def test_zh_cn_po_exists(addon):
    assert zh_cn_path(addon).is_file(), f"{addon}: i18n/zh_CN.po is missing"


@addon_param
def test_zh_cn_header(addon):
    po, _entries = load_zh_cn(addon)
    assert po.metadata.get("Language") == "zh_CN", f"{addon}: header Language is not zh_CN"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", ""), f"{addon}: header charset is not UTF-8"
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;", (
        f"{addon}: header Plural-Forms must be 'nplurals=1; plural=0;'"
    )


@addon_param
def test_zh_cn_has_every_msgid(addon):
    _po, entries = load_zh_cn(addon)
    missing = [msgid for msgid in templates(addon) if msgid not in entries]
    assert not missing, f"{addon}: {len(missing)} msgid(s) of the .pot missing from zh_CN.po: {missing}"


@addon_param
def test_zh_cn_no_empty_or_fuzzy(addon):
    po, entries = load_zh_cn(addon)
    wanted = templates(addon)
    empty = [msgid for msgid, entry in entries.items() if msgid in wanted and not entry.msgstr.strip()]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags and not entry.obsolete]
    assert not empty, f"{addon}: {len(empty)} untranslated msgid(s): {empty}"
    assert not fuzzy, f"{addon}: {len(fuzzy)} fuzzy msgid(s): {fuzzy}"


@addon_param
def test_zh_cn_keeps_placeholders(addon):
    _po, entries = load_zh_cn(addon)
    wrong = {
        msgid: (placeholders(msgid), placeholders(entry.msgstr))
        for msgid, entry in entries.items()
        if entry.msgstr and placeholders(msgid) != placeholders(entry.msgstr)
    }
    assert not wrong, f"{addon}: placeholders changed (msgid: (expected, found)): {wrong}"


@addon_param
def test_zh_cn_uses_glossary_terms(addon):
    _po, entries = load_zh_cn(addon)
    wrong = {
        msgid: (entry.msgstr, GLOSSARY[msgid.strip().lower()])
        for msgid, entry in entries.items()
        if msgid.strip().lower() in GLOSSARY and entry.msgstr.strip() != GLOSSARY[msgid.strip().lower()]
    }
    assert not wrong, f"{addon}: glossary terms translated otherwise (msgid: (found, required)): {wrong}"
