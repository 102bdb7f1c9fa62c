"""Structured data of a new draft (``cchc-lint new KH|QD|TB --data FILE.yaml``): validation and conversion.

The data follows the elements of Decree 30 (Điều 8 khoản 2): header facts, title, legal basis, content as a
tree of sections, the appendix of tasks, signature and recipients. See ``examples/kh.yaml``, ``qd.yaml``,
``tb.yaml`` (every field is explained there). A field of the wrong shape is a :class:`DataError` whose message
names the field, e.g. ``trường 'header.date' phải là ngày dạng YYYY-MM-DD``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from cchc_lint.draft.render import (
    TYPE_ABBR,
    TYPE_WORDS,
    AppendixSpec,
    Article,
    Block,
    Draft,
    HeaderSpec,
    Node,
    Signature,
    TaskGroup,
    basis_lines,
    date_text,
    nfc,
    number_line,
    place_date_line,
    recipient_lines,
    with_ending,
)

TOP_KEYS = {
    "KH": {"header", "subject", "basis", "intro", "sections", "tasks", "appendix", "signature", "recipients",
           "storage", "numbering"},
    "TB": {"header", "subject", "basis", "intro", "sections", "tasks", "appendix", "signature", "recipients",
           "storage", "numbering"},
    "QD": {"header", "subject", "issuer_title", "basis", "proposal", "articles", "signature", "recipients",
           "storage", "plan"},
}
HEADER_KEYS = {"agency_parent", "agency", "number", "symbol", "place", "date", "issuer"}
PLAN_KEYS = {"subject", "basis", "intro", "sections", "tasks", "appendix", "signature", "numbering"}
SECTION_KEYS = {"title", "paragraphs", "children"}
TASK_KEYS = {"task", "product", "lead", "coordinate", "time"}
KINDS = {"roman": ("roman", "arabic", "letter"), "arabic": ("arabic", "letter", "letter")}
_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


class DataError(Exception):
    """Data that cannot make a draft; ``str(err)`` names the field and what it must be."""


def example_text(doc_type: str) -> str:
    """The documented example data of a type (what ``cchc-lint new KH --example`` prints)."""
    name = {"KH": "kh.yaml", "QD": "qd.yaml", "TB": "tb.yaml"}[doc_type]
    local = Path(__file__).resolve().parents[3] / "examples" / name
    if local.is_file():
        return local.read_text(encoding="utf-8")
    return files("cchc_lint.draft").joinpath("examples", name).read_text(encoding="utf-8")


def load_data(path: str | Path) -> dict[str, Any]:
    """Read a YAML data file; a syntax error or a non-mapping top level is a DataError."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("không tìm thấy tệp dữ liệu") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(f"không đọc được tệp dữ liệu ({err})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (dòng {mark.line + 1})" if mark is not None else ""
        raise DataError(f"tệp YAML không hợp lệ{where}: {getattr(err, 'problem', None) or err}") from None
    if not isinstance(data, dict):
        raise DataError("dữ liệu phải là một bảng khoá: giá trị (mapping) ở cấp cao nhất")
    return data


# -- field readers ------------------------------------------------------------------------------------------------
def _fail(path: str, what: str) -> DataError:
    return DataError(f"trường '{path}' {what}")


def _keys(value: Any, path: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, "phải là một bảng khoá: giá trị")
    unknown = sorted(str(k) for k in value if k not in allowed)
    if unknown:
        where = f"'{path}'" if path else "cấp cao nhất"
        raise DataError(f"khoá không hợp lệ ở {where}: {', '.join(unknown)} (hợp lệ: {', '.join(sorted(allowed))})")
    return value


def _text(value: Any, path: str, *, required: bool = True) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _fail(path, "là bắt buộc và không được để trống")
        return ""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value.values())) is None:
        raise _fail(path, "phải là một chuỗi văn bản (chuỗi có dấu ':' phải đặt trong dấu nháy \"…\")")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _fail(path, "phải là một chuỗi văn bản")
    return nfc(str(value).strip())


def _lines(value: Any, path: str, *, required: bool = False) -> list[str]:
    """A string (one line) or a list of strings."""
    if value is None or value == []:
        if required:
            raise _fail(path, "là bắt buộc (một chuỗi hoặc danh sách chuỗi)")
        return []
    if isinstance(value, str):
        return [_text(value, path)]
    if not isinstance(value, list):
        raise _fail(path, "phải là một chuỗi hoặc danh sách chuỗi")
    return [_text(v, f"{path}[{i}]") for i, v in enumerate(value)]


def _date(value: Any, path: str) -> tuple[int | None, int, int]:
    """YYYY-MM-DD, or YYYY-MM when the day is left for the signature."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.day, value.month, value.year
    m = _DATE.match(str(value).strip()) if isinstance(value, str) else None
    if m is None:
        raise _fail(path, "phải là ngày dạng YYYY-MM-DD (hoặc YYYY-MM nếu để trống ngày)")
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
    try:
        date(year, month, day or 1)
    except ValueError:
        raise _fail(path, f"không phải ngày có thật: {value}") from None
    return day, month, year


# -- header ------------------------------------------------------------------------------------------------------
class _Facts:
    """The header facts, kept for the reference lines ("Kèm theo … số … ngày … của …")."""

    def __init__(self, doc_type: str, raw: Any) -> None:
        h = _keys(raw, "header", HEADER_KEYS)
        self.agency_parent = _lines(h.get("agency_parent"), "header.agency_parent")
        self.agency = _lines(h.get("agency"), "header.agency", required=True)
        number = h.get("number")
        if number is not None and not re.fullmatch(r"\d{1,6}[a-z]?", str(number).strip()):
            raise _fail("header.number", "phải là số văn bản bằng chữ số Ả Rập (ví dụ 15), hoặc để trống")
        self.number = None if number is None else str(number).strip()
        symbol = _text(h.get("symbol"), "header.symbol")
        abbr = TYPE_ABBR[doc_type]
        parts = symbol.split("-", 1)
        if parts[0].upper().replace("QD", "QĐ") != abbr or len(parts) < 2 or not parts[1].strip():
            raise _fail("header.symbol", f"phải có dạng '{abbr}-<chữ viết tắt cơ quan>', ví dụ '{abbr}-UBND'")
        self.issuer_abbr = parts[1].strip()
        self.symbol = f"{abbr}-{self.issuer_abbr}"
        self.place = _text(h.get("place"), "header.place")
        if "date" not in h:
            raise _fail("header.date", "là bắt buộc (ngày dạng YYYY-MM-DD)")
        self.day, self.month, self.year = _date(h.get("date"), "header.date")
        self.issuer = _text(h.get("issuer"), "header.issuer", required=False)
        self.doc_type = doc_type

    def spec(self) -> HeaderSpec:
        return HeaderSpec(agency_parent=self.agency_parent, agency=self.agency,
                          number_line=number_line(self.number, TYPE_ABBR[self.doc_type], self.issuer_abbr),
                          place_date=place_date_line(self.place, self.day, self.month, self.year))

    def reference(self, word: str | None = None) -> str:
        """``(Kèm theo Kế hoạch số 15/KH-SNV ngày 20 tháng 12 năm 2024 của Sở Nội vụ)``."""
        number = number_line(self.number, TYPE_ABBR[self.doc_type], self.issuer_abbr)[len("Số: "):]
        of = f" của {self.issuer}" if self.issuer else ""
        return f"(Kèm theo {word or TYPE_WORDS[self.doc_type]} số {number} " \
               f"{date_text(self.day, self.month, self.year)}{of})"


# -- content -----------------------------------------------------------------------------------------------------
def _paragraphs(value: Any, path: str) -> list[Block]:
    return [Block("text", text) for text in _lines(value, path)]


def _sections(value: Any, path: str, kinds: tuple[str, ...], depth: int = 0) -> list[Node]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(path, "phải là danh sách các mục (title, paragraphs, children)")
    if value and depth >= len(kinds):
        raise _fail(path, f"quá sâu: tối đa {len(kinds)} cấp đề mục")
    nodes = []
    for i, raw in enumerate(value):
        where = f"{path}[{i}]"
        item = _keys(raw, where, SECTION_KEYS)
        title = _text(item.get("title"), f"{where}.title")
        node = Node(kind=kinds[depth], title=title, blocks=_paragraphs(item.get("paragraphs"), f"{where}.paragraphs"))
        node.children = _sections(item.get("children"), f"{where}.children", kinds, depth + 1)
        nodes.append(node)
    return nodes


def _tasks(value: Any, path: str) -> list[TaskGroup]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _fail(path, "phải là danh sách nhóm nhiệm vụ (area, items)")
    groups = []
    for i, raw in enumerate(value):
        where = f"{path}[{i}]"
        group = _keys(raw, where, {"area", "items"})
        area = _text(group.get("area"), f"{where}.area")
        items = group.get("items")
        if not isinstance(items, list) or not items:
            raise _fail(f"{where}.items", "phải là danh sách nhiệm vụ, không rỗng")
        tasks = []
        for j, task in enumerate(items, 1):
            twhere = f"{where}.items[{j - 1}]"
            t = _keys(task, twhere, TASK_KEYS)
            tasks.append({"no": str(j), "task": _text(t.get("task"), f"{twhere}.task"),
                          **{k: _text(t.get(k), f"{twhere}.{k}") for k in ("product", "lead", "time")},
                          "coordinate": _text(t.get("coordinate"), f"{twhere}.coordinate", required=False)})
        groups.append(TaskGroup(area=area, tasks=tasks))
    return groups


def _signature(value: Any, path: str) -> Signature:
    s = _keys(value, path, {"authority", "title", "signer", "note"})
    authority = _lines(s.get("authority"), f"{path}.authority")
    title = _text(s.get("title"), f"{path}.title")
    return Signature(authority=[*authority, title], notes=_lines(s.get("note"), f"{path}.note"),
                     signer=_text(s.get("signer"), f"{path}.signer"))


def _appendix(value: Any, path: str, reference: str, tasks: list[TaskGroup]) -> list[AppendixSpec]:
    if not tasks:
        return []
    a = _keys(value or {}, path, {"title"})
    titles = _lines(a.get("title"), f"{path}.title") or ["DANH MỤC NHIỆM VỤ"]
    return [AppendixSpec(label="Phụ lục", titles=titles, reference=reference, task_groups=tasks)]


def _numbering(value: Any, path: str, default: str) -> tuple[str, ...]:
    key = default if value is None else str(value).strip().lower()
    if key not in KINDS:
        raise _fail(path, "phải là 'roman' (I., 1., a)) hoặc 'arabic' (1., a))")
    return KINDS[key]


def _close_body(draft: Draft) -> None:
    """Put ``./.`` at the end of the last paragraph of the body (the last article's, in a QĐ)."""
    if draft.articles:
        article = draft.articles[-1]
        last = _last_text_block(article.blocks, article.sections)
        if last is None:
            article.text = with_ending(article.text)
            return
    else:
        last = _last_text_block(draft.intro, draft.sections)
    if last is not None:
        last.text = with_ending(last.text)


def _last_text_block(blocks: list[Block], sections: list[Node]) -> Block | None:
    found = next((b for b in reversed(blocks) if b.kind == "text"), None)
    for node in sections:
        inner = _last_text_block(node.blocks, node.children)
        if inner is not None:
            found = inner
    return found


def draft_from_data(doc_type: str, data: dict[str, Any]) -> Draft:
    """Validate the data of a ``doc_type`` draft and build the Draft the template renders."""
    if doc_type not in TOP_KEYS:
        raise DataError(f"loại văn bản không hỗ trợ: {doc_type} (KH, QD, TB)")
    d = _keys(data, "", TOP_KEYS[doc_type])
    facts = _Facts(doc_type, d.get("header"))
    draft = Draft(doc_type=doc_type, header=facts.spec(), subject=_lines(d.get("subject"), "subject", required=True))
    basis = _lines(d.get("basis"), "basis", required=doc_type == "QD")
    draft.signature = _signature(d.get("signature"), "signature")
    recipients = _lines(d.get("recipients"), "recipients", required=True)
    draft.recipients = recipient_lines(recipients, _text(d.get("storage"), "storage", required=False))
    if doc_type == "QD":
        draft.issuer_title = _text(d.get("issuer_title"), "issuer_title")
        draft.basis = basis_lines(basis + _lines(d.get("proposal"), "proposal"))
        draft.articles = _articles(d.get("articles"))
        if d.get("plan") is not None:
            draft.attachments.append(_plan(d.get("plan"), facts))
    else:
        draft.basis = basis_lines(basis)
        kinds = _numbering(d.get("numbering"), "numbering", "roman")
        draft.intro = _paragraphs(d.get("intro"), "intro")
        draft.sections = _sections(d.get("sections"), "sections", kinds)
        if not draft.sections and not draft.intro:
            raise _fail("sections", "là bắt buộc: văn bản phải có nội dung (intro hoặc sections)")
        draft.appendices = _appendix(d.get("appendix"), "appendix", facts.reference(),
                                     _tasks(d.get("tasks"), "tasks"))
    _close_body(draft)
    return draft


def _articles(value: Any) -> list[Article]:
    if not isinstance(value, list) or not value:
        raise _fail("articles", "là bắt buộc: danh sách các điều (mỗi điều một chuỗi hoặc {text, paragraphs})")
    out = []
    for i, raw in enumerate(value):
        where = f"articles[{i}]"
        if isinstance(raw, dict):
            a = _keys(raw, where, {"text", "paragraphs"})
            out.append(Article(text=_text(a.get("text"), f"{where}.text"),
                               blocks=_paragraphs(a.get("paragraphs"), f"{where}.paragraphs")))
        else:
            out.append(Article(text=_text(raw, where)))
    return out


def _plan(value: Any, facts: _Facts) -> Draft:
    """The plan a QĐ issues (Mẫu 1.3): its own title, the reference to the QĐ, body, appendix of tasks."""
    p = _keys(value, "plan", PLAN_KEYS)
    kinds = _numbering(p.get("numbering"), "plan.numbering", "roman")
    plan = Draft(doc_type="KH", type_name="KẾ HOẠCH", subject=_lines(p.get("subject"), "plan.subject", required=True))
    plan.header.agency_parent, plan.header.agency = facts.agency_parent, facts.agency
    plan.reference = facts.reference()
    plan.basis = basis_lines(_lines(p.get("basis"), "plan.basis"))
    plan.intro = _paragraphs(p.get("intro"), "plan.intro")
    plan.sections = _sections(p.get("sections"), "plan.sections", kinds)
    if not plan.sections and not plan.intro:
        raise _fail("plan.sections", "là bắt buộc: kế hoạch phải có nội dung (intro hoặc sections)")
    if p.get("signature") is not None:
        plan.signature = _signature(p.get("signature"), "plan.signature")
    plan.appendices = _appendix(p.get("appendix"), "plan.appendix", facts.reference(),
                                _tasks(p.get("tasks"), "plan.tasks"))
    _close_body(plan)
    return plan
