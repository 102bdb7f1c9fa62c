"""BC (bố cục) rules: the parts a draft must have, their order, the reform areas of a CCHC plan, numbering,
duplicated headings and text, and what the parser saw out of place.

Facts live in ``rules/`` and are read through ``cchc_lint.data``: the sections each document type needs with
the heading synonyms of real plans (``sections.yaml``), the programmes and their reform areas
(``reform_areas.yaml``). The checks here only compare the DocTree with them.

Decisions worth knowing (also in the rule docs):
- Word's automatic «lowerLetter» numbering shows a, b, c, d, e, f: the Latin alphabet, not the Vietnamese
  sequence a, b, c, d, đ, e, g. Such labels are not gaps (the author typed no letter); BC014 warns once per list
  that reaches «e» and suggests a typed «đ)» or a custom list. Typed letters are judged in the Vietnamese order.
- A heading counts as content-bearing (BC008) only when it is a title: ranks Phần to 1.1.1, or a letter ending
  in «:»; a title that points to an appendix («(đính kèm phụ lục)») is not empty.
- Repeated text (BC009) is compared per document (the QĐ and its attached plan apart), on whole paragraphs and
  on their sentences and «;» clauses of at least 12 words; table cells and the signature block are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from cchc_lint.check.rules import Hit, rule
from cchc_lint.findings import Severity
from cchc_lint.hookspecs import hookimpl
from cchc_lint.parse.tree import Appendix, Article, DocTree, Line, Section, TableRef

ND30 = "Nghị định 30/2020/NĐ-CP"
PL1_LAYOUT = f"{ND30}, Phụ lục I, mục II.6 (bố cục nội dung: phần, mục, khoản, điểm)"
MAIN_PARTS = f"{ND30}, Điều 8 khoản 2 (các thành phần chính của văn bản)"
QD_MODEL = f"{ND30}, Phụ lục III, Mẫu 1.2 và 1.3 (quyết định cá biệt)"

# --- shared helpers ----------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case, NFC, one tone style, single spaces: for comparing titles and phrases (cchc_lint.data)."""
    return _data().normalise_heading(text)


def _data():
    from cchc_lint import data

    return data


_PUNCT = re.compile(r"[\s.,;:!?…()\[\]\"'“”‘’«»*_\-–—/]+")


def _key(text: str) -> str:
    """A title reduced to its words, for «same title» comparisons."""
    return _PUNCT.sub(" ", _fold(text)).strip()


def _quote(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[: limit - 1] + '…'}»"


def _roots(doc: DocTree) -> Iterator[tuple[str, list[Section]]]:
    """Every top-level list of sections of one document: body, articles, appendices."""
    yield "", doc.sections
    for article in doc.articles:
        yield f"Điều {article.number}" if article.number else "Điều", article.sections
    for appendix in doc.appendices:
        yield appendix.label, appendix.sections


# --- numbering labels ----------------------------------------------------------------------------------------

VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_KIND_OF_RANK = {0: "part", 1: "roman", 2: "arabic", 3: "decimal", 4: "decimal", 5: "letter"}
_LEVEL_NAME = {0: "phần", 1: "mục", 2: "khoản", 3: "tiểu mục", 4: "tiểu mục", 5: "điểm"}


def roman_value(text: str) -> int | None:
    text = text.upper()
    if not text or any(c not in _ROMAN_VALUES for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        v = _ROMAN_VALUES[c]
        total += -v if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > v else v
    return total if to_roman(total) == text else None


def to_roman(n: int) -> str:
    out = []
    for value, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
                       (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Label:
    kind: str  # part | roman | arabic | decimal | letter
    path: tuple[int, ...]  # the number(s); letters: position in their alphabet, from 1
    letter: str = ""
    auto: bool = False
    prefix: str = ""  # "Phần " for parts
    suffix: str = "."
    latin: bool = False  # letters counted in Word's Latin alphabet (a–f), not the Vietnamese one (a, …, đ, e)

    @property
    def value(self) -> int:
        return self.path[-1]


def parse_label(section: Section, vn_letters: bool = False) -> Label | None:
    """The number a heading carries, typed or from Word's automatic numbering. Automatic letters count in the
    Latin alphabet (Word's lowerLetter) unless ``vn_letters`` (a custom list that shows «đ»)."""
    raw = section.heading.label or ""
    auto = section.heading.auto_label
    text = raw.strip()
    if not text:
        return None
    kind = _KIND_OF_RANK.get(section.rank)
    suffix = text[-1] if text[-1] in ".):" else ""
    core = text.rstrip(".):").strip()
    if kind == "part":
        m = re.match(r"^(\S+)\s+([IVXLC]+|\d+)$", core, re.IGNORECASE)
        if not m:
            return None
        value = int(m.group(2)) if m.group(2).isdigit() else roman_value(m.group(2))
        return Label("part", (value,), prefix=m.group(1) + " ", suffix=suffix, auto=auto) if value else None
    if kind == "roman":
        value = roman_value(core)
        return Label("roman", (value,), suffix=suffix, auto=auto) if value else None
    if kind == "arabic":
        return Label("arabic", (int(core),), suffix=suffix, auto=auto) if core.isdigit() else None
    if kind == "decimal":
        parts = core.split(".")
        if all(p.isdigit() for p in parts) and len(parts) > 1:
            return Label("decimal", tuple(int(p) for p in parts), suffix=suffix, auto=auto)
        return None
    if kind == "letter":
        letter = core.strip("( ").lower()
        if len(letter) != 1:
            return None
        latin = auto and not vn_letters and letter != "đ"
        alphabet = LATIN_LETTERS if latin else VN_LETTERS
        if letter not in alphabet:
            return Label("letter", (0,), letter=letter, suffix=suffix, auto=auto, latin=latin)
        return Label("letter", (alphabet.index(letter) + 1,), letter=letter, suffix=suffix, auto=auto, latin=latin)
    return None


def format_label(like: Label, path: tuple[int, ...]) -> str:
    """The label ``path`` written the way ``like`` is written ("IV.", "3.", "2.3.", "đ)")."""
    if like.kind == "part":
        return f"{like.prefix}{to_roman(path[-1])}"
    if like.kind == "roman":
        return f"{to_roman(path[-1])}{like.suffix}"
    if like.kind == "letter":
        alphabet = LATIN_LETTERS if like.latin else VN_LETTERS
        n = path[-1]
        letter = alphabet[n - 1] if 0 < n <= len(alphabet) else "?"
        return f"{letter}{like.suffix or ')'}"
    return ".".join(str(p) for p in path) + like.suffix


def _shown(section: Section) -> str:
    return (section.heading.label or "").strip() or section.title[:20]


def _sibling_groups(sections: list[Section]) -> Iterator[tuple[Section | None, list[Section]]]:
    """(parent, children of one rank in order) for every level of a section forest."""
    stack: list[tuple[Section | None, list[Section]]] = [(None, sections)]
    while stack:
        parent, children = stack.pop()
        by_rank: dict[int, list[Section]] = {}
        for child in children:
            by_rank.setdefault(child.rank, []).append(child)
            if child.children:
                stack.append((child, child.children))
        for group in by_rank.values():
            yield parent, group


# --- BC005 / BC006 / BC014: numbering ------------------------------------------------------------------------


def _expected_prefix(parent: Section | None, label: Label) -> tuple[int, ...] | None:
    """The number a decimal label must start with: its parent's (2.1 under 2.; 2.1.1 under 2.1.)."""
    if parent is None:
        return None
    plabel = parse_label(parent)
    if plabel is None or plabel.kind not in ("arabic", "decimal"):
        return None
    return plabel.path


def _continued(parent: Section | None, group: list[Section], roots: list[Section]) -> bool:
    """The numbering goes on from the same level under the previous heading (I: 1–3, II: 4–6), a house style
    some plans use: not a wrong start."""
    if parent is None:
        return False
    siblings = parent.parent.children if parent.parent is not None else roots
    if parent not in siblings:
        return False
    first = parse_label(group[0])
    for prev in reversed(siblings[:siblings.index(parent)]):
        if prev.rank != parent.rank:
            continue
        same = [c for c in prev.children if c.rank == group[0].rank]
        last = parse_label(same[-1]) if same else None
        return bool(first and last and last.kind == first.kind and first.value == last.value + 1)
    return False


def _sequence_hits(parent: Section | None, group: list[Section], roots: list[Section]) -> Iterator[Hit]:
    prev: Label | None = None
    prev_section: Section | None = None
    skip_start = _letters_before_arabic(parent) or _continued(parent, group, roots)
    vn = _has_d(group)  # a list showing «đ)» anywhere (typed or automatic) is lettered the Vietnamese way
    for section in group:
        label = parse_label(section, vn)
        if label is None:
            continue
        if label.kind == "letter" and label.value == 0:
            if not label.auto:
                want = format_label(label, (prev.value + 1,)) if prev else format_label(label, (1,))
                yield Hit(section.heading, f"Điểm {_quote(_shown(section))}: chữ «{label.letter}» không thuộc bảng "
                                           "chữ cái tiếng Việt dùng để đánh số điểm (a, b, c, d, đ, e, g, h, i, k, "
                                           f"l, m, n …); ở vị trí này phải là «{want}»")
            prev, prev_section = None, section
            continue
        hit = _step(prev, prev_section, label, section, first=prev_section is None, skip_start=skip_start)
        if hit is not None:
            yield hit
        prev, prev_section = label, section


def _step(prev: Label | None, prev_section: Section | None, label: Label, section: Section, *, first: bool,
          skip_start: bool) -> Hit | None:
    name = _LEVEL_NAME.get(section.rank, "mục")
    shown = _shown(section)
    if prev is None:
        if first and label.value != 1 and not skip_start:
            want = format_label(label, (*label.path[:-1], 1))
            return Hit(section.heading, f"{name.capitalize()} đầu tiên của cấp này đánh số «{shown}»; số thứ tự "
                                        f"phải bắt đầu từ «{want}»")
        return None
    if label.kind == "decimal" and label.path[:-1] != prev.path[:-1]:
        return None  # a wrong prefix is BC006's finding
    want = format_label(label, (*label.path[:-1], prev.value + 1))
    before = _shown(prev_section) if prev_section is not None else ""
    if label.value == prev.value:
        return Hit(section.heading, f"Số thứ tự «{shown}» lặp lại {name} trước («{before}»); {name} này phải "
                                    f"đánh số «{want}»")
    if label.value < prev.value:
        return Hit(section.heading, f"Số thứ tự «{shown}» đứng sau «{before}»: không theo thứ tự tăng dần; phải là "
                                    f"«{want}» (nếu đây là phần mới, có thể thiếu tiêu đề cấp trên)")
    if label.value > prev.value + 1:
        missing = format_label(label, (*label.path[:-1], prev.value + 1))
        return Hit(section.heading, f"Số thứ tự bị nhảy: sau «{before}» là «{shown}», thiếu «{missing}»")
    return None


def _has_d(group: list[Section]) -> bool:
    return any((s.heading.label or "").strip().startswith("đ") for s in group)


def _letters_before_arabic(parent: Section | None) -> bool:
    """Letters right under a Roman heading, before its first «1.»: the «1.» was left out (BC006 reports it)."""
    if parent is None or parent.rank > 1:
        return False
    ranks = [c.rank for c in parent.children]
    return 5 in ranks and 2 in ranks and ranks.index(5) < ranks.index(2)


def _article_hits(articles: list[Article]) -> Iterator[Hit]:
    prev: Article | None = None
    for article in articles:
        if article.number is None:
            continue
        if prev is None:
            if article.number != 1:
                yield Hit(article.heading, f"Điều đầu tiên đánh số «Điều {article.number}»; phải là «Điều 1»")
        elif article.number == prev.number:
            yield Hit(article.heading, f"«Điều {article.number}» lặp lại số của điều trước; phải là "
                                       f"«Điều {prev.number + 1}»")
        elif article.number < prev.number:
            yield Hit(article.heading, f"«Điều {article.number}» đứng sau «Điều {prev.number}»: phải là "
                                       f"«Điều {prev.number + 1}»")
        elif article.number > prev.number + 1:
            yield Hit(article.heading, f"Số điều bị nhảy: sau «Điều {prev.number}» là «Điều {article.number}», "
                                       f"thiếu «Điều {prev.number + 1}»")
        prev = article


@rule("BC005", "danh-so-khong-lien-tuc", "error", PL1_LAYOUT,
      what="Số thứ tự của phần, mục, khoản, điểm hoặc điều bị nhảy, lặp lại, lùi lại hoặc không bắt đầu từ 1; "
           "chữ cái đánh số điểm không theo bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, h, i, k …). Số do Word "
           "tự đánh được xét như số gõ tay (riêng dãy a–f của Word: xem BC014).",
      why="Bố cục văn bản chia thành phần, mục, khoản, điểm đánh số La Mã, Ả Rập, chữ cái theo thứ tự; số nhảy "
          "hay lặp khiến việc viện dẫn «khoản 3 mục II» sai chỗ và thường là dấu hiệu sót hoặc thừa nội dung.",
      wrong="I. … II. … III. … V. TỔ CHỨC THỰC HIỆN;  a) … d) … e) …;  Điều 1, Điều 2, Điều 2",
      right="I. … II. … III. … IV. TỔ CHỨC THỰC HIỆN;  a) … d) … đ) … e) …;  Điều 1, Điều 2, Điều 3")
def numbering_sequence(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for parent, group in _sibling_groups(roots):
                yield from _sequence_hits(parent, group, roots)
        yield from _article_hits(doc.articles)


@rule("BC006", "bo-cap-danh-so", "error", PL1_LAYOUT,
      what="Một cấp đánh số bị bỏ qua hoặc số hiệu không khớp với cấp trên: «1.1.» ngay dưới «I.» mà không có "
           "«1.», «2.1.» nằm dưới «3.», điểm «a)» ngay dưới mục La Mã trong khi các khoản cùng cấp đánh «2.», «3.».",
      why="Số hiệu thập phân lặp lại số của cấp trên (2.1 thuộc khoản 2); thiếu một cấp làm sai cấu trúc và "
          "thường do sót tiêu đề.",
      wrong="I. MỤC TIÊU / 1.1. Mục tiêu chung;  3. Cải cách TTHC / 2.1. Rà soát …",
      right="I. MỤC TIÊU / 1. Mục tiêu / 1.1. Mục tiêu chung;  3. Cải cách TTHC / 3.1. Rà soát …")
def numbering_level(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for root in roots:
                for section in root.walk():
                    yield from _level_hits(section)


def _level_hits(section: Section) -> Iterator[Hit]:
    label = parse_label(section)
    parent = section.parent
    if label is not None and label.kind == "decimal":
        want = _expected_prefix(parent, label)
        shown = _shown(section)
        if want is None:
            above = f"«{_shown(parent)}»" if parent is not None else "đầu văn bản"
            needed = ".".join(str(p) for p in label.path[:-1]) + "."
            yield Hit(section.heading, f"Tiểu mục «{shown}» nằm ngay dưới {above} mà không có cấp «{needed}»: "
                                       "bỏ qua một cấp đánh số")
        elif label.path[:-1] != want:
            fixed = ".".join(str(p) for p in (*want, label.value)) + label.suffix
            if len(label.path) - 1 != len(want):
                yield Hit(section.heading, f"Tiểu mục «{shown}» nằm dưới «{_shown(parent)}»: bỏ qua một cấp đánh "
                                           f"số (cấp con của «{_shown(parent)}» phải đánh «{fixed}»)")
            else:
                yield Hit(section.heading, f"Tiểu mục «{shown}» nằm dưới «{_shown(parent)}» nhưng mang số của "
                                           f"cấp trên khác; phải đánh «{fixed}»")
    elif label is not None and label.kind == "letter" and parent is not None and parent.rank <= 1 \
            and _letters_before_arabic(parent) and section is _first_letter(parent):
        yield Hit(section.heading, f"Điểm «{_shown(section)}» nằm ngay dưới mục «{_shown(parent)}» trong khi các "
                                   "khoản cùng cấp đánh số «2.», «3.» …: thiếu khoản «1.» (bỏ qua một cấp)")


def _first_letter(parent: Section) -> Section | None:
    return next((c for c in parent.children if c.rank == 5), None)


@rule("BC014", "chu-cai-tu-dong-khong-co-d", "warning", PL1_LAYOUT,
      what="Danh sách điểm do Word tự đánh số bằng chữ cái Latinh (a, b, c, d, e, f …) có từ năm điểm trở lên: "
           "điểm thứ năm hiện «e)» thay vì «đ)».",
      why="Điểm đánh theo chữ cái tiếng Việt a, b, c, d, đ, e, g …; kiểu lowerLetter của Word không có «đ». "
          "Quyết định thiết kế: nhãn do Word tự đánh được xét theo bảng chữ cái Latinh nên dãy a–f của Word không "
          "bị coi là nhảy số (không có BC005); người soạn không gõ sai chữ nào nên chỉ cảnh báo một lần cho cả danh "
          "sách, kèm cách sửa. Nhãn gõ tay thì xét theo bảng chữ cái tiếng Việt (BC005).",
      wrong="(Word tự đánh) a) b) c) d) e) f)",
      right="gõ tay a) b) c) d) đ) e), hoặc định nghĩa danh sách có «đ»")
def auto_latin_letters(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for _, group in _sibling_groups(roots):
                if _has_d(group):  # the author typed «đ)» among Word's letters: the list reads a, b, c, d, đ, e
                    continue
                labels = [(s, parse_label(s)) for s in group]
                autos = [(s, lb) for s, lb in labels if lb is not None and lb.kind == "letter" and lb.auto]
                fifth = next((s for s, lb in autos if lb.letter == "e" and lb.value == 5), None)
                if fifth is not None:
                    shown = ", ".join(lb.letter for _, lb in autos[:7])
                    yield Hit(fifth.heading, f"Các điểm do Word tự đánh số theo chữ cái Latinh ({shown}); theo thứ "
                                             "tự chữ cái tiếng Việt điểm thứ năm là «đ)», không phải «e)»: gõ tay "
                                             "nhãn điểm hoặc dùng danh sách có «đ»")


_SUFFIX_NAMES = {".": "dấu chấm", ")": "dấu ngoặc đơn", ":": "dấu hai chấm", "": "không dấu"}


def _label_style(section: Section) -> tuple[tuple[str, int], str, bool] | None:
    """((kind, depth), suffix, automatic) of a label."""
    label = parse_label(section)
    if label is None or label.kind == "part":
        return None
    return (label.kind, len(label.path)), label.suffix, label.auto


@rule("BC015", "nhan-danh-so-khong-thong-nhat", "warning", PL1_LAYOUT,
      what="Nhãn đánh số cùng cấp được viết theo hai cách trong cùng văn bản (ví dụ «3.1.» và «4.1», «1.» và "
           "«1)»); báo một lần cho mỗi nhóm mục viết khác cách viết chiếm đa số.",
      why="Khoản đánh số Ả Rập kèm dấu chấm, điểm đánh chữ cái kèm dấu ngoặc đơn; cùng một cấp viết hai kiểu "
          "khiến người đọc tưởng là hai cấp khác nhau.",
      wrong="3.1. Xây dựng … 4.1 Tăng cường …", right="3.1. Xây dựng … 4.1. Tăng cường …")
def label_style(ctx) -> Iterator[Hit]:
    groups: list[list[tuple[Section, tuple[str, int], str, bool]]] = []
    counts: dict[tuple[str, int], dict[str, int]] = {}
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for _, group in _sibling_groups(roots):
                styled = [(section, *found) for section in group if (found := _label_style(section))]
                for _, key, suffix, _ in styled:
                    per = counts.setdefault(key, {})
                    per[suffix] = per.get(suffix, 0) + 1
                if styled:
                    groups.append(styled)
    for styled in groups:
        key = styled[0][1]
        per = counts[key]
        dominant, n = max(per.items(), key=lambda kv: kv[1])
        if n < 2 or n * 2 <= sum(per.values()):
            continue  # no clear house style to compare with
        odd = [(s, suffix) for s, _, suffix, auto in styled if suffix != dominant and not auto]
        if not odd:
            continue  # automatic labels are Word's; only typed ones are reported
        section, suffix = odd[0]
        example = next(i[0] for g in groups for i in g if i[1] == key and i[2] == dominant)
        many = f" (cả {len(odd)} mục của nhóm này: «{_shown(odd[0][0])}» … «{_shown(odd[-1][0])}»)" if len(odd) > 1 else ""
        how = "không có dấu ở cuối" if not suffix else f"kết thúc bằng {_SUFFIX_NAMES.get(suffix, suffix)}"
        yield Hit(section.heading, f"Nhãn «{_shown(section)}» {how}, khác cách viết «{_shown(example)}» (kết thúc "
                                   f"bằng {_SUFFIX_NAMES.get(dominant, dominant)}) của các mục cùng cấp trong văn "
                                   f"bản{many}; thống nhất một cách viết")


# --- BC007 / BC008: titles ---------------------------------------------------------------------------------------


def _is_title(section: Section) -> bool:
    """A heading that names what follows (as opposed to a numbered paragraph that is content itself)."""
    if section.is_item:
        return False
    body = section.title.rstrip()
    if section.rank == 5:
        return body.endswith(":")
    return not body.endswith((".", ";", "./.", "!", "?", ","))


@rule("BC007", "tieu-de-trung-lap", "warning", PL1_LAYOUT,
      what="Hai tiêu đề cùng cấp, cùng một cấp trên có nội dung giống hệt nhau.",
      why="Tiêu đề trùng thường do sao chép quên sửa, hoặc một nội dung bị chia làm hai chỗ; người thực hiện "
          "không biết phải theo mục nào.",
      wrong="1. Cải cách thể chế … 4. Cải cách thể chế", right="1. Cải cách thể chế … 4. Cải cách tài chính công")
def duplicate_titles(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for _, group in _sibling_groups(roots):
                seen: dict[str, Section] = {}
                for section in group:
                    if not _is_title(section):
                        continue
                    key = _key(section.title)
                    if not key:
                        continue
                    first = seen.setdefault(key, section)
                    if first is not section:
                        yield Hit(section.heading, f"Tiêu đề {_quote(section.title)} trùng với tiêu đề cùng cấp "
                                                   f"«{_shown(first)}»; gộp hai mục hoặc đặt lại tên cho đúng nội "
                                                   "dung")


def _among_items(section: Section) -> bool:
    """A numbered paragraph whose siblings are content paragraphs is one too (an unfinished sentence, not a
    heading left empty)."""
    siblings = [s for s in (section.parent.children if section.parent else []) if s.rank == section.rank
                and s is not section]
    return bool(siblings) and sum(s.is_item for s in siblings) * 2 > len(siblings)


_POINTS_ELSEWHERE = re.compile(r"(?i)ph[ụu]\s*l[ụu]c|kèm theo|đính kèm|biểu mẫu")


@rule("BC008", "tieu-de-khong-co-noi-dung", "warning", PL1_LAYOUT,
      what="Một tiêu đề (phần, mục, khoản, tiểu mục, hoặc điểm kết thúc bằng «:») không có nội dung nào bên dưới "
           "trước tiêu đề kế tiếp.",
      why="Tiêu đề rỗng thường là phần soạn dở hoặc nội dung bị xoá nhầm; người ký không biết nhiệm vụ của mục đó.",
      wrong="III. NHIỆM VỤ TRỌNG TÂM / IV. TỔ CHỨC THỰC HIỆN …",
      right="III. NHIỆM VỤ TRỌNG TÂM / 1. Cải cách thể chế … / IV. TỔ CHỨC THỰC HIỆN …")
def empty_headings(ctx) -> Iterator[Hit]:
    for doc in ctx.tree.documents():
        for _, roots in _roots(doc):
            for root in roots:
                for section in root.walk():
                    if section.items or section.children or not _is_title(section):
                        continue
                    if _POINTS_ELSEWHERE.search(section.title) or _among_items(section) \
                            or len(section.title.partition(":")[2].split()) >= 2:
                        continue  # content elsewhere, an item, or content on the heading's own line
                    yield Hit(section.heading, f"Tiêu đề {_quote(_shown(section) + ' ' + section.title)} không có "
                                               "nội dung bên dưới; cần bổ sung nội dung hoặc bỏ tiêu đề")


# --- BC009: repeated text ------------------------------------------------------------------------------------

MIN_REPEAT_WORDS = 12
_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_LEAD = re.compile(r"^(?:[-+•–*]\s*|(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s+)")


def _units(text: str) -> list[tuple[str, str]]:
    """(normalised, as written) sentences and «;» clauses of a paragraph, at least MIN_REPEAT_WORDS long."""
    out = []
    for part in _SPLIT.split(text):
        key = _norm_sentence(part)
        if len(key.split()) >= MIN_REPEAT_WORDS:
            out.append((key, _LEAD.sub("", part.strip())))
    return out


def _norm_sentence(text: str) -> str:
    text = _LEAD.sub("", text.strip())
    return re.sub(r"[\s.;:,!?/]+$", "", _fold(text))


def _text_lines(doc: DocTree) -> Iterator[Line]:
    yield from doc.preamble
    yield from doc.proposal
    for item in doc.body_items():
        if isinstance(item, Line):
            yield item
    for appendix in doc.appendices:
        for item in _appendix_items(appendix):
            if isinstance(item, Line):
                yield item


def _appendix_items(appendix: Appendix) -> Iterator[Line | TableRef]:
    yield from appendix.items
    for section in appendix.sections:
        for node in section.walk():
            yield node.heading
            yield from node.items


@rule("BC009", "doan-van-lap-lai", "warning", PL1_LAYOUT,
      what=f"Một đoạn văn, một câu hoặc một vế câu (ngăn bởi «;») từ {MIN_REPEAT_WORDS} từ trở lên lặp lại nguyên "
           "văn ở chỗ khác trong cùng văn bản (không xét ô bảng và phần ký, nơi nhận).",
      why="Nội dung lặp nguyên văn thường do sao chép, làm văn bản dài và khó xác định trách nhiệm; nếu cùng một "
          "nhiệm vụ giao cho nhiều đơn vị thì nên gộp thành một câu nêu đủ các đơn vị.",
      wrong="c) Đổi mới căn bản cơ chế sử dụng kinh phí … hàng đầu; đổi mới căn bản cơ chế sử dụng kinh phí … hàng "
            "đầu.",
      right="c) Đổi mới căn bản cơ chế sử dụng kinh phí … hàng đầu.")
def repeated_text(ctx) -> Iterator[Hit]:
    covered: set[int] = set()
    for doc in ctx.tree.documents():
        lines = list(_text_lines(doc))
        covered.update(id(line) for line in lines)
        yield from _repeats(lines, ctx)
    yield from _repeats(orphan_lines(ctx.tree, covered), ctx)


_ORPHAN_KINDS = ("TEXT", "BULLET", "CLOSING_TEXT")


def orphan_lines(tree: DocTree, covered: set[int] | None = None) -> list[Line]:
    """Text the parser could not place in any part (a plan without its type name ends up in the signature
    block): judged on its own so that a lost structure does not hide repeated text."""
    if covered is None:
        covered = {id(line) for doc in tree.documents() for line in _text_lines(doc)}
    return [line for line in tree.lines if id(line) not in covered
            and (line.kind in _ORPHAN_KINDS or line.kind.startswith("H_"))]


def _repeats(lines: list[Line], ctx) -> Iterator[Hit]:
    paragraphs: dict[str, Line] = {}
    sentences: dict[str, Line] = {}
    for line in lines:
        whole = _norm_sentence(line.text)
        if len(whole.split()) >= MIN_REPEAT_WORDS:
            first = paragraphs.get(whole)
            if first is not None:
                yield Hit(line, f"Đoạn văn lặp lại nguyên văn đoạn {_where(first, ctx)} "
                                f"{_quote(_LEAD.sub('', first.text.strip()), 60)}; "
                                "bỏ đoạn lặp hoặc gộp nội dung")
                continue
            paragraphs[whole] = line
        units = _units(line.text)
        keys = [key for key, _ in units]
        for i, (key, shown) in enumerate(units):
            first = sentences.get(key)
            if first is not None or key in keys[:i]:
                where = _where(first, ctx) if first is not None else "ngay trong đoạn này"
                yield Hit(line, f"Câu {_quote(shown, 80)} lặp lại nguyên văn câu {where}; bỏ câu lặp hoặc gộp "
                                "nội dung")
                break
        for key in keys:
            sentences.setdefault(key, line)


def _where(line: Line, ctx) -> str:
    path = ctx.path_of(line.loc)
    if path:
        return f"ở mục {path}"
    loc = line.loc
    if loc.block is not None:
        return f"ở đoạn {loc.block + 1}"
    if loc.line is not None:
        return f"ở dòng {loc.line}"
    return "phía trên"


# --- BC010 / BC011: what the parser observed -----------------------------------------------------------------

_MAIN_ELEMENTS = {
    "HEADER": ("phần đầu văn bản (tên cơ quan ban hành, Quốc hiệu, Tiêu ngữ, số và ký hiệu, địa danh và ngày "
               "tháng)", "điểm a–d"),
    "TYPE_NAME": ("tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, THÔNG BÁO …) phía trên trích yếu", "điểm đ"),
    "RECIPIENTS_TITLE": ("phần «Nơi nhận:»", "điểm i"),
    "AUTHORITY": ("quyền hạn, chức vụ, họ tên và chữ ký của người có thẩm quyền", "điểm g"),
}


@rule("BC010", "thanh-phan-sai-vi-tri", "warning", MAIN_PARTS,
      what="Một thành phần (dòng căn cứ, «QUYẾT ĐỊNH:», điều, «Nơi nhận:», tiêu đề phụ lục …) nằm ở chỗ bố cục văn "
           "bản không cho phép, hoặc không nhận ra được bố cục văn bản.",
      why="Các thành phần thể thức có vị trí cố định (Phụ lục I, III): căn cứ dưới trích yếu, «Nơi nhận» ở cuối, "
          "phụ lục sau phần ký; đặt sai chỗ làm văn bản sai thể thức và khó đọc.",
      wrong="Căn cứ … (giữa mục II của kế hoạch)", right="Căn cứ … (ngay dưới tên loại và trích yếu)")
def misplaced_parts(ctx) -> Iterator[Hit]:
    runs: list[list[Any]] = []
    tree = ctx.tree
    for obs in tree.observations:
        if obs.kind == "unexpected":
            if obs.token == "ATTACH_REF" and not tree.attachments and _issued_type(tree):
                continue  # the attached document lost its type name: BC013 says so
            if obs.token in _HEADER_TOKENS and any(_near(obs.loc, d.title.type_line.loc)
                                                   for d in tree.attachments if d.title.type_line is not None):
                continue  # Mẫu 1.3: the attached plan may repeat the agency, Quốc hiệu and Tiêu ngữ above its name
            last = runs[-1][-1] if runs else None
            if last is not None and last.token == obs.token and last.kind == "unexpected" \
                    and _near(last.loc, obs.loc):
                runs[-1].append(obs)  # one finding for a run of the same misplaced part (five tables …)
            else:
                runs.append([obs])
        elif obs.kind == "unparsed":
            runs.append([obs])
    signed = _closing_start(tree)
    for run in runs:
        obs = run[0]
        if obs.kind == "unexpected":
            more = f" (cùng {len(run) - 1} thành phần cùng loại tiếp theo)" if len(run) > 1 else ""
            message = f"{obs.message[:1].upper()}{obs.message[1:]}{more}"
            target = _target_at(ctx, obs.loc)
            if signed is not None and _after(obs.loc, signed) and (obs.token or "") in _CONTENT_TOKENS:
                if isinstance(target, Line) and _APPENDIX_REF.match(target.text.strip()):
                    yield Hit(target, f"Dòng {_quote(target.text, 60)} đứng sau phần ký nhưng không được trình bày "
                                      "như tiêu đề phụ lục: «Phụ lục» và số thứ tự trên một dòng riêng (canh giữa, "
                                      "đậm), tên phụ lục ở dòng dưới")
                    continue
                message += ": nằm sau phần ký nhưng không thuộc phụ lục nào — thiếu dòng «Phụ lục …» và tên phụ lục"
            yield Hit(target, f"{message}; đưa thành phần này về đúng vị trí theo mẫu của Nghị định 30")
        else:
            yield Hit(obs.loc, f"Không xác định được bố cục văn bản: {obs.message}; kiểm tra tên loại, phần căn cứ "
                               "và các tiêu đề")


_HEADER_TOKENS = ("AGENCY", "COUNTRY", "MOTTO", "NUMBER", "PLACE_DATE")
_CONTENT_TOKENS = ("TABLE", "TEXT", "BULLET", "H_ROMAN", "H_ARABIC", "H_DECIMAL", "H_LETTER", "APPENDIX_TITLE")


def _closing_start(tree: DocTree) -> Any | None:
    closing = tree.closing
    first = (closing.authority or closing.recipients or [closing.signer or closing.recipients_title])[0]
    return first.loc if first is not None else None


def _after(loc: Any, start: Any) -> bool:
    if loc.block is not None and start.block is not None:
        return loc.block > start.block
    return loc.line is not None and start.line is not None and loc.line > start.line


def _target_at(ctx, loc: Any) -> Any:
    """The token or table at a location, so that the finding carries its excerpt."""
    for line in ctx.tree.lines:
        if line.para is not None and line.loc == loc:
            return line
    for item in ctx.model.flow():
        if getattr(item, "loc", None) == loc:
            return item
    return loc


def _near(a: Any, b: Any) -> bool:
    if a.block is not None and b.block is not None:
        return 0 < b.block - a.block <= 3
    return a.line is not None and b.line is not None and 0 < b.line - a.line <= 3


def _header_parts(tree: DocTree) -> Iterator[Hit]:
    """A header that exists (number or date line) but lacks the issuing body or the Quốc hiệu and Tiêu ngữ.
    A header with agencies but no Quốc hiệu is SN001's finding."""
    header = tree.header
    line = header.number_line or header.place_date or _loose_number_line(tree)
    if line is None or header.agencies or any(o.token == "HEADER" for o in tree.observations):
        return
    yield Hit(line, "Văn bản thiếu tên cơ quan, tổ chức ban hành (góc trên bên trái, trên dòng «Số:») — thành phần "
                    "chính theo Điều 8 khoản 2 điểm b Nghị định 30/2020/NĐ-CP")
    if header.country is None and header.motto is None:
        yield Hit(line, "Văn bản thiếu Quốc hiệu «CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM» và Tiêu ngữ «Độc lập - Tự do - "
                        "Hạnh phúc» (góc trên bên phải) — thành phần chính theo Điều 8 khoản 2 điểm a Nghị định "
                        "30/2020/NĐ-CP")


def _loose_number_line(tree: DocTree) -> Line | None:
    for line in tree.lines[:12]:
        if line.kind in ("TYPE_NAME", "BASIS", "ARTICLE") or line.kind.startswith("H_"):
            return None
        if re.match(r"^\s*Số\s*:", line.text):
            return line
    return None


@rule("BC011", "thieu-thanh-phan-chinh", "error", MAIN_PARTS,
      what="Văn bản thiếu một thành phần chính: phần đầu (cơ quan ban hành, Quốc hiệu, số, ngày), tên loại và "
           "trích yếu, thẩm quyền và người ký, hoặc «Nơi nhận:».",
      why="Điều 8 khoản 2 Nghị định 30 liệt kê các thành phần chính mà mọi văn bản hành chính phải có.",
      wrong="(văn bản bắt đầu ngay bằng «THÔNG BÁO», không có tên cơ quan, Quốc hiệu)",
      right="SỞ KẾ HOẠCH VÀ ĐẦU TƯ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM … THÔNG BÁO …")
def missing_main_parts(ctx) -> Iterator[Hit]:
    yield from _header_parts(ctx.tree)
    for obs in ctx.tree.observations:
        if obs.kind != "missing":
            continue
        known = _MAIN_ELEMENTS.get(obs.token or "")
        if known is None:
            yield Hit(obs.loc, f"Văn bản {obs.message}")
            continue
        name, point = known
        yield Hit(_missing_anchor(ctx.tree, obs.token), f"Văn bản thiếu {name} — thành phần chính theo Điều 8 "
                                                          f"khoản 2 {point} Nghị định 30/2020/NĐ-CP")


def _missing_anchor(tree: DocTree, token: str | None) -> Line | None:
    """Where a missing main part belongs: the line it should stand next to (None: the whole document)."""
    closing = tree.closing
    if token == "TYPE_NAME":
        return next((line for line in tree.lines if line.kind in ("SUBJECT", "ISSUER_TITLE", "BASIS", "PROPOSAL")),
                    tree.header.place_date)
    if token == "RECIPIENTS_TITLE":
        return closing.authority[0] if closing.authority else tree.ending
    if token == "AUTHORITY":
        return closing.recipients_title or tree.ending
    return None


# --- BC001 / BC002: required sections ------------------------------------------------------------------------

_DOC_NAMES = {"KH": "Kế hoạch", "QD": "Quyết định", "TB": "Thông báo"}


@cache
def _synonym_patterns(doc_type: str) -> tuple[tuple[Any, re.Pattern], ...]:
    """(section spec, pattern matching any of its synonyms as whole words in a normalised heading)."""
    data = _data()
    out = []
    for spec in data.sections(doc_type):
        words = [data.normalise_heading(s) for s in spec.synonyms if s.strip()]
        if not words:
            continue
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        out.append((spec, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(out)


def _severity(confidence: str) -> Severity | None:
    return Severity.WARNING if confidence == "low" else None


def _top_sections(doc: DocTree) -> list[Section]:
    """The first level of the body: Roman headings, or whatever stands first (Phần → its children)."""
    top = list(doc.sections)
    if top and all(s.rank == 0 for s in top):
        top = [c for s in top for c in s.children]
    return top


@dataclass(frozen=True, slots=True)
class _Found:
    spec: Any
    position: int  # index of the top-level section holding the heading
    section: Section
    top: bool  # the heading is the top-level section itself (not one of its children)


def _find_sections(doc: DocTree, doc_type: str) -> dict[str, list[_Found]]:
    data = _data()
    patterns = _synonym_patterns(doc_type)
    found: dict[str, list[_Found]] = {}
    for pos, root in enumerate(_top_sections(doc)):
        candidates = [(root, True)] + [(c, False) for c in root.children if _is_title(c)]
        for section, top in candidates:
            if not top and not _is_title(section):
                continue
            text = data.normalise_heading(section.title)
            for spec, pattern in patterns:
                if pattern.search(text):
                    found.setdefault(spec.id, []).append(_Found(spec, pos, section, top))
    return found


def _plan_docs(tree: DocTree) -> Iterator[tuple[DocTree, str]]:
    """(document, type) of every document to judge: the draft and its attachments (a QĐ's plan is a KH even
    when its type name was left out, if Điều 1 says so)."""
    issued = _issued_type(tree)
    for doc in tree.documents():
        kind = doc.doc_type
        if doc is not tree and kind is None:
            kind = issued
        if kind in ("KH", "QD", "TB"):
            yield doc, kind


_ISSUES = re.compile(r"(?i)kèm theo quyết định này|\bphê duyệt\b.{0,200}?\bkèm theo\b")
_ISSUED_NAME = re.compile(r"(?i)\b(kế hoạch|quy chế|quy định|chương trình|đề án|phương án|danh mục|điều lệ)\b")


def _issued_type(tree: DocTree) -> str | None:
    """"KH" when the QĐ's Điều 1 issues a plan «kèm theo Quyết định này», "OTHER" for another document,
    else None."""
    first = tree.articles[0] if tree.articles else None
    if first is None:
        return None
    text = _article_text(first)
    if not _ISSUES.search(text):
        return None
    name = _ISSUED_NAME.search(text)
    return "KH" if name is not None and name.group(1).lower() == "kế hoạch" else "OTHER"


def _article_text(article: Article) -> str:
    parts = [article.heading.text]
    parts += [i.text for i in article.items if isinstance(i, Line)]
    for section in article.sections:
        for node in section.walk():
            parts.append(node.heading.text)
            parts += [i.text for i in node.items if isinstance(i, Line)]
    return " ".join(parts)


def _place(doc: DocTree, spec: Any, found: dict[str, list[_Found]]) -> tuple[str, Line | None]:
    """Where a missing section belongs, in words, and the heading to point at."""
    tops = {sid: next((f for f in fs if f.top), fs[0]) for sid, fs in found.items() if fs}
    before = [f for f in tops.values() if f.spec.order < spec.order]
    after = [f for f in tops.values() if f.spec.order > spec.order]
    prev = max(before, key=lambda f: (f.spec.order, f.position), default=None)
    nxt = min(after, key=lambda f: (f.spec.order, f.position), default=None)
    parts = []
    if prev is not None:
        parts.append(f"sau mục {_quote(prev.section.title, 50)} ({_shown(prev.section).rstrip('.')})")
    elif doc.preamble:
        parts.append("ngay sau phần căn cứ")
    else:
        parts.append("ở đầu phần nội dung")
    if nxt is not None:
        parts.append(f"trước mục {_quote(nxt.section.title, 50)} ({_shown(nxt.section).rstrip('.')})")
    elif doc.closing.authority or doc.closing.recipients_title or doc.ending is not None:
        parts.append("trước phần ký")
    target = prev.section.heading if prev else (nxt.section.heading if nxt else doc.title.type_line)
    return ", ".join(parts), target


def _doc_label(doc: DocTree, tree: DocTree, kind: str) -> str:
    name = _DOC_NAMES.get(kind, "Văn bản")
    return f"{name} ban hành kèm theo Quyết định" if doc is not tree else name


def _kh_missing(doc: DocTree, tree: DocTree) -> Iterator[Hit]:
    found = _find_sections(doc, "KH")
    tasks_by_area = not found.get("tasks") and _area_headings_at_top(doc)
    for spec in _data().sections("KH"):
        if not spec.required or found.get(spec.id):
            continue
        if spec.id == "tasks" and tasks_by_area:
            continue  # the tasks stand as top-level headings, one per reform area
        title = spec.title.upper()
        partner = next((found[m][0] for m in spec.merged_with if found.get(m)), None)
        if partner is not None:
            where = (f"trong mục {_quote(partner.section.title, 50)} ({_shown(partner.section).rstrip('.')}): "
                     f"thêm một khoản «{spec.title.capitalize()}» hoặc ghép vào tiêu đề mục, ví dụ "
                     f"«{partner.section.title.upper().rstrip(':. ')}, {title}»")
            target = partner.section.heading
        else:
            where, target = _place(doc, spec, found)
            where = f"vị trí thường gặp: {where}"
        yield Hit(target, f"{_doc_label(doc, tree, 'KH')} thiếu mục «{title}»{_section_hint(spec)}; {where}",
                  severity=_severity(spec.confidence), legal_basis=spec.basis)


def missing_required_sections(tree: DocTree, doc_type: str | None) -> Iterator[tuple[str, int]]:
    """(title, insertion index among the top-level sections) of each required section a plan lacks, for the
    fixer's placeholders; the index counts the placeholders yielded before it."""
    if doc_type != "KH":
        return
    found = _find_sections(tree, "KH")
    if not found.get("tasks") and _area_headings_at_top(tree):
        found = {**found, "tasks": [None]}  # tasks written as one top-level heading per reform area
    tops = {sid: next((f for f in fs if f is not None and f.top), None) for sid, fs in found.items() if fs}
    inserted = 0
    n_top = len(_top_sections(tree))
    for spec in _data().sections("KH"):
        if not spec.required or found.get(spec.id) or any(found.get(m) for m in spec.merged_with):
            continue
        before = [f for f in tops.values() if f is not None and f.spec.order < spec.order]
        after = [f for f in tops.values() if f is not None and f.spec.order > spec.order]
        if before:
            position = max(f.position for f in before) + 1
        elif after:
            position = min(f.position for f in after)
        else:
            position = n_top
        yield spec.title.upper(), position + inserted
        inserted += 1


def _section_hint(spec: Any) -> str:
    names = [s for s in spec.synonyms[:3] if s.upper() != spec.title.upper()]
    return " (hoặc tiêu đề tương đương: " + ", ".join(f"«{s}»" for s in names) + ")" if names else ""


def _qd_missing(doc: DocTree) -> Iterator[Hit]:
    specs = {s.id: s for s in _data().sections("QD")}
    anchor = doc.title.issuer_title or (doc.title.subject[-1] if doc.title.subject else doc.title.type_line)
    checks = (
        ("legal_basis", bool(doc.preamble), anchor,
         "phần căn cứ ban hành («Căn cứ …;»)", "dưới tên loại, trích yếu và thẩm quyền ban hành"),
        ("proposal", bool(doc.proposal), doc.preamble[-1] if doc.preamble else anchor,
         "dòng «Theo đề nghị của … .»", "sau dòng căn cứ cuối cùng, trước «QUYẾT ĐỊNH:»"),
        ("decision_word", doc.decides is not None,
         (doc.proposal or doc.preamble or [anchor])[-1], "dòng «QUYẾT ĐỊNH:»",
         "sau phần căn cứ và đề nghị, trước «Điều 1.»"),
        ("articles", bool(doc.articles), doc.decides or anchor, "các điều («Điều 1. …»)",
         "sau «QUYẾT ĐỊNH:», trước phần ký"),
    )
    for sid, present, target, what, where in checks:
        spec = specs.get(sid)
        if present or spec is None or not spec.required:
            continue
        yield Hit(target, f"Quyết định thiếu {what}; vị trí: {where} (Mẫu 1.2, 1.3 Phụ lục III)",
                  severity=_severity(spec.confidence), legal_basis=spec.basis)


def _tb_missing(doc: DocTree) -> Iterator[Hit]:
    specs = {s.id: s for s in _data().sections("TB")}
    spec = specs.get("type_and_subject")
    if spec and spec.required and doc.title.type_line is not None and not doc.title.subject:
        yield Hit(doc.title.type_line, "Thông báo thiếu trích yếu nội dung ngay dưới tên loại «THÔNG BÁO»",
                  severity=_severity(spec.confidence), legal_basis=spec.basis)
    spec = specs.get("body")
    has_body = bool(doc.sections or doc.intro or doc.preamble)
    if spec and spec.required and not has_body:
        target = doc.title.subject[-1] if doc.title.subject else doc.title.type_line
        yield Hit(target, "Thông báo không có phần nội dung; vị trí: sau tên loại và trích yếu, trước phần ký",
                  severity=_severity(spec.confidence), legal_basis=spec.basis)


@rule("BC001", "thieu-muc-bat-buoc", "error", f"{ND30}, Phụ lục III, Mẫu 1.2–1.4; Phụ lục I, mục II.6",
      what="Văn bản thiếu một phần bắt buộc của loại văn bản: kế hoạch thiếu mục mục đích/mục tiêu, yêu cầu, "
           "nhiệm vụ hoặc tổ chức thực hiện; quyết định thiếu căn cứ, dòng «Theo đề nghị», «QUYẾT ĐỊNH:» hoặc các "
           "điều; thông báo thiếu trích yếu hoặc nội dung. Kế hoạch ban hành kèm theo quyết định được xét như kế "
           "hoạch. Thông báo lỗi nêu vị trí mục còn thiếu.",
      why="Mẫu 1.2, 1.3 (quyết định) và bố cục thường gặp của kế hoạch CCHC (mục tiêu, yêu cầu → nhiệm vụ → tổ "
          "chức thực hiện) là điều người thẩm định kiểm tra đầu tiên. Phần dựa trên thực tiễn có độ tin cậy thấp "
          "(mục «YÊU CẦU») chỉ cảnh báo.",
      wrong="KẾ HOẠCH … I. MỤC TIÊU … II. NHIỆM VỤ TRỌNG TÂM … (hết)",
      right="KẾ HOẠCH … I. MỤC ĐÍCH, YÊU CẦU … II. NHIỆM VỤ TRỌNG TÂM … III. TỔ CHỨC THỰC HIỆN")
def missing_sections(ctx) -> Iterator[Hit]:
    tree = ctx.tree
    for doc, kind in _plan_docs(tree):
        if kind == "KH":
            yield from _kh_missing(doc, tree)
        elif kind == "QD" and doc is tree:
            yield from _qd_missing(doc)
        elif kind == "TB" and doc is tree:
            yield from _tb_missing(doc)


@rule("BC002", "sai-thu-tu-muc", "warning", f"{ND30}, Phụ lục I, mục II.6; bố cục kế hoạch CCHC thường gặp",
      what="Các mục lớn của kế hoạch không theo thứ tự mục đích, yêu cầu → nhiệm vụ → tổ chức thực hiện.",
      why="Người đọc và người thẩm định tìm các phần theo thứ tự quen thuộc; đặt «TỔ CHỨC THỰC HIỆN» trước «NHIỆM "
          "VỤ» thường là do ghép nhầm bản.",
      wrong="I. MỤC ĐÍCH, YÊU CẦU / II. TỔ CHỨC THỰC HIỆN / III. NHIỆM VỤ",
      right="I. MỤC ĐÍCH, YÊU CẦU / II. NHIỆM VỤ / III. TỔ CHỨC THỰC HIỆN")
def section_order(ctx) -> Iterator[Hit]:
    for doc, kind in _plan_docs(ctx.tree):
        if kind != "KH":
            continue
        found = _find_sections(doc, "KH")
        firsts = [min((f for f in fs if f.top), key=lambda f: f.position, default=None) for fs in found.values()]
        firsts = [f for f in firsts if f is not None and f.spec.required]
        for f in firsts:
            later = [g for g in firsts if g.spec.order < f.spec.order and g.position > f.position]
            if later:
                g = min(later, key=lambda x: x.position)
                yield Hit(f.section.heading, f"Mục {_quote(f.section.title, 50)} ({_shown(f.section).rstrip('.')}) "
                                             f"đứng trước mục {_quote(g.section.title, 50)} "
                                             f"({_shown(g.section).rstrip('.')}); thứ tự thường gặp: mục đích, yêu "
                                             "cầu → nhiệm vụ → tổ chức thực hiện")


# --- BC012 / BC013: the articles of a QĐ ---------------------------------------------------------------------

_EXECUTION_EXTRA = re.compile(r"(?i)(thi hành|thực hiện) quyết định này")


def _article_has(articles: list[Article], spec_id: str) -> bool:
    spec = next((s for s in _data().sections("QD") if s.id == spec_id), None)
    words = [_fold(s) for s in spec.synonyms] if spec else []
    for article in articles:
        text = _fold(_article_text(article))
        if any(w in text for w in words):
            return True
        if spec_id == "executors" and _EXECUTION_EXTRA.search(text):
            return True
    return False


@rule("BC012", "quyet-dinh-thieu-dieu-hieu-luc-thi-hanh", "error", QD_MODEL, doc_types=("QD",),
      what="Quyết định không có điều khoản hiệu lực («Quyết định này có hiệu lực … kể từ ngày …») hoặc điều khoản "
           "trách nhiệm thi hành («… chịu trách nhiệm thi hành Quyết định này./.»).",
      why="Mẫu 1.2 và 1.3 Phụ lục III kết thúc phần điều bằng điều hiệu lực và điều giao trách nhiệm thi hành; "
          "thiếu thì không rõ quyết định có hiệu lực từ khi nào và ai phải thực hiện.",
      wrong="Điều 1. Ban hành kèm theo … / Điều 2. Giao Sở Nội vụ …./.",
      right="… Điều 2. Quyết định này có hiệu lực kể từ ngày ký. / Điều 3. Chánh Văn phòng … chịu trách nhiệm "
            "thi hành Quyết định này./.")
def qd_closing_articles(ctx) -> Iterator[Hit]:
    tree = ctx.tree
    if not tree.articles:
        return
    last = tree.articles[-1].heading
    if not _article_has(tree.articles, "effect"):
        yield Hit(last, "Quyết định chưa có điều khoản hiệu lực («Quyết định này có hiệu lực (thi hành) kể từ ngày "
                        "ký» hoặc từ một ngày cụ thể); thường là điều áp chót")
    if not _article_has(tree.articles, "executors"):
        yield Hit(last, "Quyết định chưa có điều khoản trách nhiệm thi hành («Chánh Văn phòng …, Thủ trưởng các cơ "
                        "quan … chịu trách nhiệm thi hành Quyết định này./.»); thường là điều cuối cùng")


_ATTACHED_TO_QD = re.compile(r"(?i)^\s*\(\s*(?:ban hành\s+)?kèm theo\s+quyết định")


@rule("BC013", "thieu-van-ban-kem-theo", "error",
      f"{ND30}, Phụ lục III, Mẫu 1.3 (quyết định quy định gián tiếp: văn bản ban hành kèm theo)", doc_types=("QD",),
      what="Điều 1 ban hành (phê duyệt) một văn bản «kèm theo Quyết định này» nhưng văn bản kèm theo không có, "
           "hoặc không có tên loại và trích yếu của nó.",
      why="Theo Mẫu 1.3, văn bản được ban hành kèm theo có tên loại, trích yếu và dòng «(Kèm theo Quyết định số … "
          "ngày … của …)»; thiếu thì quyết định ban hành một văn bản không tồn tại.",
      wrong="Điều 1. Ban hành kèm theo Quyết định này Kế hoạch … (không có kế hoạch kèm theo)",
      right="… / KẾ HOẠCH / Cải cách hành chính năm 2024 / (Ban hành kèm theo Quyết định số …)")
def qd_attachment(ctx) -> Iterator[Hit]:
    tree = ctx.tree
    issued = _issued_type(tree)
    if issued is None:
        return
    name = _ISSUED_NAME.search(_article_text(tree.articles[0]))
    what = name.group(1).capitalize() if name else "văn bản"
    first = tree.articles[0].heading
    if tree.attachments:
        for doc in tree.attachments:
            if doc.title.type_line is None:
                target = doc.reference or (doc.title.subject[0] if doc.title.subject else first)
                yield Hit(target, f"{what.capitalize()} ban hành kèm theo Quyết định thiếu tên loại "
                                  f"«{what.upper() if name else 'TÊN LOẠI'}» phía trên trích yếu")
        return
    refs = [line for line in tree.lines if _ATTACHED_TO_QD.match(line.text)]
    if refs:
        yield Hit(refs[0], f"Điều 1 ban hành {what} kèm theo Quyết định, nhưng văn bản kèm theo không có tên loại "
                           f"«{what.upper() if name else 'TÊN LOẠI'}» và trích yếu phía trên dòng «(Ban hành "
                           "kèm theo Quyết định …)»")
        return
    if tree.appendices:
        return  # issued as an appendix of the decision
    yield Hit(first, f"Điều 1 ban hành {what} kèm theo Quyết định này, nhưng không tìm thấy {what} kèm theo (tên "
                     "loại, trích yếu, dòng «(Ban hành kèm theo Quyết định số … ngày … của …)» và nội dung)")


# --- BC003 / BC004: reform areas of a CCHC plan -------------------------------------------------------------

_CCHC = re.compile(r"(?i)cải cách hành chính|\bcchc\b")
_NARROW = re.compile(r"(?i)tuyên truyền|truyền thông|kiểm tra|khảo sát|đào tạo|bồi dưỡng|kiểm soát|rà soát|"
                     r"thông tin|thi đua|đánh giá|chấm điểm|chỉ số|ứng dụng|đề án|sáng kiến|mô hình")


def is_cchc_plan(subject: str) -> bool:
    """The general CCHC plan (not a plan for one part of it, such as CCHC communication or inspection)."""
    m = _CCHC.search(_fold(subject))
    return bool(m) and not _NARROW.search(_fold(subject)[:m.start()])


@dataclass(frozen=True, slots=True)
class _AreaHit:
    area: Any | None  # None: one of the "other" headings (chỉ đạo điều hành, tuyên truyền …)
    target: Any
    text: str


def _classify_heading(text: str, areas: tuple[Any, ...]) -> Any | None:
    """The programme area a heading names, or None: the category whose keyword comes first in the heading
    wins, so «Truyền thông hỗ trợ cải cách thủ tục hành chính» is communication, not procedures."""
    data = _data()
    folded = data.normalise_heading(text)
    best: tuple[int, int, Any] | None = None
    for area in (*areas, *data.other_headings()):
        for keyword in area.keywords:
            pos = folded.find(data.normalise_heading(keyword))
            if pos >= 0 and (best is None or (pos, -len(keyword)) < (best[0], best[1])):
                best = (pos, -len(keyword), area)
    if best is None or best[2] not in areas:
        return None
    return best[2]


def _task_sections(doc: DocTree) -> list[Section]:
    found = _find_sections(doc, "KH")
    return [f.section for f in found.get("tasks", []) if f.top]


def _area_headings_at_top(doc: DocTree) -> bool:
    areas = _programme_areas_any()
    return sum(1 for s in _top_sections(doc) if _classify_heading(s.title, areas)) >= 2


@cache
def _programme_areas_any() -> tuple[Any, ...]:
    seen: dict[str, Any] = {}
    for programme in _data().programmes():
        for area in programme.areas:
            seen.setdefault(area.id, area)
    return tuple(seen.values())


_ROMAN_CELL = re.compile(r"^\s*[IVXL]+\s*[.)]?\s*$")
_ROMAN_LEAD = re.compile(r"^\s*[IVXL]+\s*[.)]\s+\S")
_APPENDIX_REF = re.compile(r"(?i)^(?:[a-zđ]\)\s*|[-+•]\s*)?ph[ụu]\s*l[ụu]c\b")


def _group_rows(table) -> Iterator[tuple[tuple, str]]:
    """Group rows of a task table: a merged full-width row, a Roman number with its title, or a first-column
    cell that opens with a Roman number («I. Cải cách thể chế»)."""
    for r, row in enumerate(table.rows):
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        wide = [c for c in cells if c.span >= max(2, table.n_cols - 1)]
        if wide:
            yield (table, r, wide[0].col), " ".join(c.text for c in cells)
        elif len(cells) >= 2 and _ROMAN_CELL.match(cells[0].text) and len(cells) <= 2:
            yield (table, r, cells[1].col), cells[1].text
        elif cells[0].col == 0 and _ROMAN_LEAD.match(cells[0].text):
            yield (table, r, 0), cells[0].text


def _appendix_groups(doc: DocTree) -> Iterator[tuple[Any, str]]:
    for item in doc.body_items():
        if isinstance(item, Line) and _APPENDIX_REF.match(item.text.strip()) and len(item.text.split()) <= 30:
            yield item, item.text
    for appendix in doc.appendices:
        yield appendix.label_line, appendix.label
        for title in appendix.titles:
            yield title, title.text
        for item in _appendix_items(appendix):
            if isinstance(item, TableRef):
                yield from _group_rows(item.table)
            elif len(item.text.split()) <= 30:
                yield item, item.text
    for item in doc.body_items():
        if isinstance(item, TableRef):
            yield from _group_rows(item.table)


def _programme_for(doc: DocTree, ctx) -> Any | None:
    from cchc_lint.parse.tree import _plan_years

    years = _plan_years(doc.title.subject_text) or ctx.plan_years
    if years is None:
        return None
    data = _data()
    votes: dict[str, tuple[int, Any]] = {}
    for year in range(years[0], years[1] + 1):
        programme = data.reform_programme(year, on=ctx.date)
        if programme is not None:
            count, _ = votes.get(programme.id, (0, programme))
            votes[programme.id] = (count + 1, programme)
    if not votes:
        return None
    return max(votes.values(), key=lambda v: (v[0], v[1].date))[1]


def _cchc_plans(ctx) -> Iterator[tuple[DocTree, Any]]:
    for doc, kind in _plan_docs(ctx.tree):
        if kind != "KH":
            continue
        subject = doc.title.subject_text or (ctx.tree.title.subject_text if doc is not ctx.tree else "")
        if not is_cchc_plan(subject):
            continue
        programme = _programme_for(doc, ctx)
        if programme is not None:
            yield doc, programme


def _heading_hits(doc: DocTree, areas: tuple[Any, ...]) -> list[list[_AreaHit]]:
    """Area headings per list: the titled children of each task section, or the top level itself."""
    lists = []
    for task in _task_sections(doc):
        lists.append([_AreaHit(_classify_heading(c.title, areas), c.heading, c.title)
                      for c in task.children if _is_title(c)])
    if not lists and _area_headings_at_top(doc):
        lists.append([_AreaHit(_classify_heading(s.title, areas), s.heading, s.title) for s in _top_sections(doc)])
    return lists


@rule("BC003", "thieu-noi-dung-cai-cach", "error", "Nghị quyết 30c/NQ-CP (2011–2020); Nghị quyết 76/NQ-CP "
      "ngày 15/7/2021 (2021–2030): các nội dung của Chương trình tổng thể cải cách hành chính nhà nước",
      doc_types=("KH", "QD"),
      what="Kế hoạch cải cách hành chính không có nội dung cải cách nào đó của Chương trình tổng thể đang áp dụng "
           "cho năm kế hoạch (sáu nội dung của Nghị quyết 30c/NQ-CP đến năm 2020, của Nghị quyết 76/NQ-CP từ năm "
           "2021): không có tiêu đề trong mục nhiệm vụ, cũng không có nhóm nhiệm vụ trong phụ lục.",
      why="Kế hoạch CCHC hằng năm triển khai Chương trình tổng thể theo từng nội dung cải cách; thiếu một nội dung "
          "thì kế hoạch không bao quát nhiệm vụ được giao và bị trừ điểm khi xác định Chỉ số CCHC. Chỉ xét kế hoạch "
          "CCHC chung (trích yếu có «cải cách hành chính»/«CCHC», không phải kế hoạch tuyên truyền, kiểm tra …).",
      wrong="II. NHIỆM VỤ TRỌNG TÂM: 1. Cải cách thể chế; 2. Cải cách TTHC; 3. Cải cách tài chính công (hết)",
      right="II. NHIỆM VỤ TRỌNG TÂM: 1. … thể chế; 2. … thủ tục hành chính; 3. … tổ chức bộ máy; 4. … chế độ công "
            "vụ; 5. … tài chính công; 6. … Chính phủ điện tử, Chính phủ số")
def reform_areas_missing(ctx) -> Iterator[Hit]:
    for doc, programme in _cchc_plans(ctx):
        areas = programme.areas
        covered: set[str] = set()
        for heading_list in _heading_hits(doc, areas):
            covered |= {h.area.id for h in heading_list if h.area is not None}
        for _, text in _appendix_groups(doc):
            area = _classify_heading(text, areas)
            if area is not None:
                covered.add(area.id)
        tasks = _task_sections(doc)
        target = tasks[0].heading if tasks else doc.title.type_line
        if not covered:  # no area found anywhere: one finding, the plan is likely laid out another way
            names = "; ".join(f"«{a.title}»" for a in areas)
            yield Hit(target, f"Kế hoạch cải cách hành chính không có tiêu đề hay nhóm nhiệm vụ nào theo các nội dung "
                              f"cải cách của Chương trình tổng thể ({programme.number}, giai đoạn "
                              f"{programme.period[0]}–{programme.period[1]}): {names}; cần chia nhiệm vụ theo các "
                              "nội dung này (tiêu đề trong mục nhiệm vụ hoặc nhóm trong phụ lục)",
                      severity=_severity(programme.confidence), legal_basis=programme.basis)
            continue
        for area in areas:
            if area.id in covered:
                continue
            yield Hit(target, f"Kế hoạch cải cách hành chính chưa có nội dung «{area.title}» của Chương trình tổng "
                              f"thể ({programme.number}, giai đoạn {programme.period[0]}–{programme.period[1]}): cần "
                              "một tiêu đề trong mục nhiệm vụ hoặc một nhóm nhiệm vụ trong phụ lục",
                      severity=_severity(programme.confidence), legal_basis=programme.basis)


@rule("BC004", "noi-dung-cai-cach-lap-lai", "warning", "Nghị quyết 30c/NQ-CP; Nghị quyết 76/NQ-CP ngày 15/7/2021 "
      "(các nội dung của Chương trình tổng thể cải cách hành chính nhà nước)", doc_types=("KH", "QD"),
      what="Hai tiêu đề khác nhau trong cùng danh sách nhiệm vụ (hoặc cùng các nhóm của phụ lục) cùng thuộc một "
           "nội dung cải cách. (Hai tiêu đề giống hệt nhau: xem BC007.)",
      why="Mỗi nội dung cải cách nên có một tiêu đề; chia một nội dung ra hai chỗ khiến nhiệm vụ bị trùng hoặc bỏ "
          "sót và khó đối chiếu với Chương trình tổng thể.",
      wrong="2. Cải cách thể chế … 5. Hoàn thiện thể chế hành chính",
      right="2. Cải cách thể chế (gộp các nhiệm vụ về thể chế)")
def reform_areas_repeated(ctx) -> Iterator[Hit]:
    for doc, programme in _cchc_plans(ctx):
        areas = programme.areas
        lists = _heading_hits(doc, areas)
        lists.append([_AreaHit(_classify_heading(text, areas), target, text)
                      for target, text in _appendix_groups(doc) if not isinstance(target, Line)
                      or not _APPENDIX_REF.match(target.text.strip())])
        for heading_list in lists:
            seen: dict[str, _AreaHit] = {}
            for hit in heading_list:
                if hit.area is None:
                    continue
                first = seen.setdefault(hit.area.id, hit)
                if first is hit or _key(first.text) == _key(hit.text):
                    continue
                yield Hit(hit.target, f"Tiêu đề {_quote(hit.text, 60)} thuộc nội dung cải cách «{hit.area.title}» "
                                      f"đã có ở tiêu đề {_quote(first.text, 60)}; gộp các nhiệm vụ của cùng một nội "
                                      "dung vào một tiêu đề", legal_basis=programme.basis)


@hookimpl
def cchc_lint_rules():
    return [missing_sections, section_order, reform_areas_missing, reform_areas_repeated, numbering_sequence,
            numbering_level, duplicate_titles, empty_headings, repeated_text, misplaced_parts, missing_main_parts,
            qd_closing_articles, qd_attachment, auto_latin_letters, label_style]
