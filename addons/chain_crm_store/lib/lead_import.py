"""Reading a spreadsheet of attendees or followers into lead rows: no ORM.

A sheet is a header row then data rows (lists of cells: str, int, float, date,
datetime or None, as openpyxl or csv give them). :func:`column_map` finds the
columns by their header, in English or Chinese; :func:`read_row` turns one row into
clean values and the problems found, each a code the caller translates:

``name_missing``, ``name_too_long``, ``mobile_missing``, ``due_date_invalid``,
``hospital_too_long``, ``referrer_too_long``, ``consent_missing``.

The mobile is returned as written (the caller normalizes it); the due date as a
``datetime.date`` (the caller checks it is neither past nor too far).

>>> cols = column_map(["姓名", "手机号", "预产期", "医院", "同意", "推荐人"])
>>> sorted(cols.items())
[('consent', 4), ('due_date', 2), ('hospital', 3), ('mobile', 1), ('name', 0), ('referrer', 5)]
>>> values, problems = read_row(["王小红", 13812345678, "2027/3/1", "妇幼保健院", "是", None], cols)
>>> values["mobile"], values["due_date"], values["consent"], values["referrer"], problems
('13812345678', datetime.date(2027, 3, 1), True, '', [])
>>> read_row(["", "", "soon", "", "no", ""], cols)[1]
['name_missing', 'mobile_missing', 'due_date_invalid', 'consent_missing']
"""

import datetime
import re

MAX_NAME = 100
MAX_TEXT = 200
MAX_ROWS = 5000

# header (lower case, no spaces) -> field
HEADERS = {
    "name": "name",
    "姓名": "name",
    "名字": "name",
    "客户姓名": "name",
    "mobile": "mobile",
    "phone": "mobile",
    "mobilephone": "mobile",
    "手机": "mobile",
    "手机号": "mobile",
    "手机号码": "mobile",
    "电话": "mobile",
    "duedate": "due_date",
    "due_date": "due_date",
    "预产期": "due_date",
    "hospital": "hospital",
    "医院": "hospital",
    "生产医院": "hospital",
    "consent": "consent",
    "同意": "consent",
    "授权同意": "consent",
    "授权": "consent",
    "referrer": "referrer",
    "referrercode": "referrer",
    "推荐人": "referrer",
    "推荐会员": "referrer",
    "推荐会员码": "referrer",
    "会员码": "referrer",
}
FIELDS = ("name", "mobile", "due_date", "hospital", "consent", "referrer")
REQUIRED_COLUMNS = ("name", "mobile")

YES = {"1", "y", "yes", "true", "x", "✓", "√", "ok", "是", "同意", "已同意", "有"}

_DATE_FORMS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def _key(header):
    """A header without spaces, case, or a note in brackets (half- or full-width): ``"Name (required)"``."""
    text = re.sub(r"[(\uff08][^)\uff09]*[)\uff09]", "", str(header or ""))
    return re.sub(r"\s", "", text).lower()


def column_map(header_row):
    """``{field: column index}`` of the recognised headers (the first of each field wins).

    >>> column_map(["Name", " Mobile ", "Due Date", "whatever"])
    {'name': 0, 'mobile': 1, 'due_date': 2}
    """
    columns = {}
    for index, header in enumerate(header_row or ()):
        field = HEADERS.get(_key(header))
        if field and field not in columns:
            columns[field] = index
    return columns


def missing_columns(columns):
    """The required fields without a column.

    >>> missing_columns({"name": 0})
    ['mobile']
    """
    return [field for field in REQUIRED_COLUMNS if field not in columns]


def cell_text(value):
    """A cell as text: numbers without ``.0`` (a mobile read as a float), dates ISO.

    >>> cell_text(13812345678.0), cell_text(None), cell_text("  a "), cell_text(datetime.date(2027, 1, 2))
    ('13812345678', '', 'a', '2027-01-02')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value):
    """A due date from a cell (``None`` when empty, ``False`` when unreadable).

    >>> parse_date("2027-03-01"), parse_date("2027年3月1日"), parse_date("20270301")
    (datetime.date(2027, 3, 1), datetime.date(2027, 3, 1), datetime.date(2027, 3, 1))
    >>> parse_date(""), parse_date("2027-02-30"), parse_date("next spring"), parse_date("99999-1-1")
    (None, False, False, False)
    >>> parse_date(datetime.datetime(2027, 3, 1, 8, 0))
    datetime.date(2027, 3, 1)
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text:
        return None
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                return False
    return False


def is_yes(value):
    """A consent cell that says yes.

    >>> [is_yes(v) for v in ("是", "Yes", 1, True, "", None, "否", "no")]
    [True, True, True, True, False, False, False, False]
    """
    return cell_text(value).lower() in YES


def read_row(row, columns):
    """``(values, problems)`` of one data row, ``values`` keyed by :data:`FIELDS`."""
    row = list(row or ())

    def cell(field):
        index = columns.get(field)
        return row[index] if index is not None and index < len(row) else None

    values = {
        "name": cell_text(cell("name")),
        "mobile": cell_text(cell("mobile")),
        "due_date": parse_date(cell("due_date")),
        "hospital": cell_text(cell("hospital")),
        "consent": is_yes(cell("consent")),
        "referrer": cell_text(cell("referrer")),
    }
    problems = []
    if not values["name"]:
        problems.append("name_missing")
    elif len(values["name"]) > MAX_NAME:
        problems.append("name_too_long")
    if not values["mobile"]:
        problems.append("mobile_missing")
    if values["due_date"] is False:
        problems.append("due_date_invalid")
    if len(values["hospital"]) > MAX_TEXT:
        problems.append("hospital_too_long")
    if len(values["referrer"]) > MAX_TEXT:
        problems.append("referrer_too_long")
    if not values["consent"]:
        problems.append("consent_missing")
    return values, problems


def is_blank(row):
    """A row with no value at all (skipped, not reported).

    >>> is_blank([None, "", "  "]), is_blank([None, "x"])
    (True, False)
    """
    return not any(cell_text(value) for value in (row or ()))
