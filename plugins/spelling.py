"""CT (chính tả, văn bản sạch) rules: doubled words, impossible syllables, known misspellings, Unicode form,
mixed tone-mark styles, unbalanced brackets and quotes, placeholders left in a draft.

Syllables are judged by the grammar of the Vietnamese syllable (``cchc_lint.text.vietnamese``: onset, rhyme,
tone), not by a word list, so names of new programmes and places pass while typing slips do not. Text rules run
on .docx and .txt alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

from cchc_lint.check.rules import Hit, rule
from cchc_lint.data import load_yaml
from cchc_lint.findings import Fix, Severity
from cchc_lint.hookspecs import hookimpl
from cchc_lint.model import Paragraph

ND30 = "Nghị định 30/2020/NĐ-CP"
CHECK_BASIS = f"{ND30}, Điều 10 (soạn thảo văn bản) và Điều 12 (kiểm tra văn bản trước khi ký ban hành)"
GROUP_MIN = 5

# --- data ----------------------------------------------------------------------------------------------------


@cache
def _own_lists() -> dict[str, Any]:
    text = files("cchc_lint.rules").joinpath("spelling_ct.yaml").read_text("utf-8")
    return load_yaml(text) or {}


@cache
def reduplications() -> frozenset[str]:
    return frozenset(w.lower() for w in (_own_lists().get("reduplications") or {}).get("words") or ())


@cache
def loanwords() -> frozenset[str]:
    return frozenset(str(w).lower() for w in (_own_lists().get("loanwords") or {}).get("words") or ())


@cache
def compounds() -> frozenset[str]:
    return frozenset(" ".join(str(w).lower().split()) for w in (_own_lists().get("compounds") or {}).get("words")
                     or ())


@dataclass(frozen=True, slots=True)
class Misspelling:
    wrong: str
    right: str
    basis: str | None = None
    note: str | None = None


@cache
def misspellings() -> tuple[Misspelling, ...]:
    """The dictionary of rules/spelling.yaml (through cchc_lint.data), in any of its plausible shapes."""
    try:
        from cchc_lint import data

        raw = data.misspellings()
    except Exception:  # no dictionary: CT003 finds nothing rather than failing
        return ()
    return tuple(_entries(raw))


def _entries(raw: Any) -> Iterator[Misspelling]:
    if isinstance(raw, dict):
        for key in ("misspellings", "entries", "words"):
            if key in raw and isinstance(raw[key], list | dict):
                yield from _entries(raw[key])
                return
        for wrong, value in raw.items():
            if isinstance(value, str):
                yield Misspelling(str(wrong), value)
            elif isinstance(value, dict) or hasattr(value, "__dict__") or hasattr(value, "__slots__"):
                right = _get(value, "right", "correct", "correction", "suggestion")
                if isinstance(right, str):
                    yield Misspelling(str(wrong), right, _get(value, "basis"), _get(value, "note"))
        return
    if isinstance(raw, list | tuple):
        for entry in raw:
            wrong = _get(entry, "wrong", "misspelling", "error", "incorrect")
            right = _get(entry, "right", "correct", "correction", "suggestion")
            if isinstance(entry, tuple | list) and len(entry) >= 2:
                wrong, right = entry[0], entry[1]
            if isinstance(wrong, str) and isinstance(right, str) and wrong.strip():
                yield Misspelling(wrong.strip(), right.strip(), _get(entry, "basis"), _get(entry, "note"))


def _get(entry: Any, *names: str) -> Any:
    for name in names:
        value = entry.get(name) if isinstance(entry, dict) else getattr(entry, name, None)
        if value is not None:
            return value
    return None


@cache
def _misspelling_re() -> tuple[re.Pattern[str] | None, dict[str, Misspelling]]:
    entries = {unicodedata.normalize("NFC", m.wrong).lower(): m for m in misspellings()}
    if not entries:
        return None, {}
    return _pattern_of(tuple(entries)), entries


@lru_cache(maxsize=256)
def _pattern_of(words: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])", re.IGNORECASE)


def _vn():
    from cchc_lint.text import vietnamese

    return vietnamese


# --- paragraphs and what the parser made of them ------------------------------------------------------------


def _kinds(ctx) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for line in ctx.tree.lines:
        if line.para is not None:
            out.setdefault(id(line.para), set()).add(line.kind)
    return out


def _paragraphs(ctx) -> list[Paragraph]:
    return [p for p in ctx.model.iter_paragraphs() if p.text.strip()]


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"«{text if len(text) <= limit else text[:limit - 1] + '…'}»"


def _where(para: Paragraph) -> str:
    loc = para.loc
    if loc.line is not None:
        return f"dòng {loc.line}"
    if loc.row is not None:
        return f"khối {loc.block}, ô ({loc.row + 1}, {(loc.col or 0) + 1})"
    return f"khối {loc.block}"


def is_unsigned(ctx) -> bool:
    from cchc_lint.plugins.layout import is_unsigned as unsigned

    return unsigned(ctx.tree)


# --- CT001 doubled word --------------------------------------------------------------------------------------

_LETTERS = r"[^\W\d_]"
_DOUBLE_1 = re.compile(rf"(?<![\w.\-/])({_LETTERS}{{2,}})\s+(\1)(?![\w.\-/])", re.IGNORECASE)
_DOUBLE_2 = re.compile(rf"(?<![\w.\-/])({_LETTERS}+\s+{_LETTERS}+)\s+(\1)(?![\w.\-/])", re.IGNORECASE)


_WORD_BEFORE = re.compile(rf"({_LETTERS}+)\s*$")
_WORD_AFTER = re.compile(rf"^\s*({_LETTERS}+)")


_W = re.compile(r"\w+")


def _may_repeat(text: str) -> bool:
    """A cheap necessary condition for a doubled word or pair: two equal neighbouring tokens (or pairs)."""
    toks = _W.findall(text.lower())
    return any(a == b for a, b in pairwise(toks)) or \
        any(a == c and b == d for a, b, c, d in zip(toks, toks[1:], toks[2:], toks[3:], strict=False))


def doubled(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, the doubled text, what it should be) for each word or two-word phrase typed twice."""
    if not _may_repeat(text):  # the backreference patterns below are slow; most paragraphs repeat nothing
        return []
    out = []
    for m in _DOUBLE_2.finditer(text):
        a, b = m.group(1).split()
        if a.lower() != b.lower():
            out.append((m.start(), m.end(), m.group(0), m.group(1)))
    taken = [(s, e) for s, e, _, _ in out]
    for m in _DOUBLE_1.finditer(text):
        word = m.group(1)
        if word.lower() in reduplications() or any(s <= m.start() < e for s, e in taken):
            continue
        if word.isupper() and len(word) <= 2:
            continue  # roman numerals, initials
        if _bridges(text, m):
            continue
        out.append((m.start(), m.end(), m.group(0), word))
    return sorted(out)


def _bridges(text: str, m: re.Match[str]) -> bool:
    """«hành vi vi phạm»: the syllable ends one word and starts the next, so it is written twice on purpose."""
    before, after = _WORD_BEFORE.search(text[:m.start()]), _WORD_AFTER.match(text[m.end():])
    if not before or not after:
        return False
    word = m.group(1).lower()
    known = compounds()
    return f"{before.group(1).lower()} {word}" in known and f"{word} {after.group(1).lower()}" in known


@rule("CT001", "lap-tu", "warning", CHECK_BASIS,
      what="Một từ (hoặc cụm hai từ) bị gõ lặp liền nhau, không phải từ láy.",
      why="Từ lặp do gõ nhầm làm sai nội dung và cho thấy văn bản chưa được rà soát trước khi trình ký.",
      wrong="cải cách thủ tục hành hành; các các cơ quan", right="cải cách thủ tục hành chính; các cơ quan",
      fix_safety="unsafe")
def doubled_word(ctx) -> Iterator[Hit]:
    for para in _paragraphs(ctx):
        for _, _, found, single in doubled(para.text):
            yield Hit(para, f"Từ {_quote(single)} bị lặp: {_quote(found)}; kiểm tra và bỏ một lần lặp (hoặc sửa "
                            "thành từ đúng)", fix=Fix("Bỏ từ lặp", found, single))


# --- CT002 syllable that cannot be Vietnamese ----------------------------------------------------------------

_STRIP = "\"'“”‘’()[]{}«»,.;:!?…*<>|"
_DIACRITIC_VOWELS = set("ăâêôơưĂÂÊÔƠƯ")


def _vietnamese_looking(word: str) -> bool:
    """Carries a Vietnamese vowel mark or a tone mark: meant as Vietnamese, not a foreign name or acronym."""
    for ch in word:
        if ch in _DIACRITIC_VOWELS:
            return True
        if any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", ch)):
            return True
    return False


def bad_syllables(text: str) -> list[str]:
    """Words of the text that cannot be Vietnamese syllables (exempt tokens and loanwords left out).

    A run of two or more such words without any Vietnamese mark is a foreign phrase ("document management
    systems", "big data"), not a typing slip.
    """
    raws = text.split()
    flags = [_impossible_token(raw) for raw in raws]
    if not any(flags):  # the usual case: nothing to sort out
        return []
    tokens = [(raw, raw.strip(_STRIP)) for raw in raws]
    foreign = [flag and word.isascii() for flag, (_, word) in zip(flags, tokens, strict=True)]
    out: list[str] = []
    for i, (_, word) in enumerate(tokens):
        if not flags[i]:
            continue
        if foreign[i] and ((i > 0 and foreign[i - 1]) or (i + 1 < len(tokens) and foreign[i + 1])):
            continue
        if word.lower() not in (w.lower() for w in out):
            out.append(word)
    return out


@lru_cache(maxsize=65536)
def _impossible_token(raw: str) -> bool:
    return _impossible(raw, raw.strip(_STRIP))


@lru_cache(maxsize=65536)
def _impossible(raw: str, word: str) -> bool:
    if len(word) < 2 or not word.isalpha():
        return False  # numbers, codes, URLs, hyphenated transliterations, one-letter labels
    lower = word.lower()
    if lower in loanwords() or lower in _misspelling_re()[1]:
        return False
    vn = _vn()
    if _safe(vn.is_exempt, raw) or _safe(vn.is_exempt, word):
        return False
    if lower != word and not _vietnamese_looking(word):
        return False  # capitalised or capital words without Vietnamese marks: names, acronyms
    return not _safe(vn.is_vietnamese_syllable, word, default=True)


def _safe(func, *args, default: Any = False) -> Any:
    try:
        return func(*args)
    except Exception:  # an odd token must not stop the rule
        return default


@rule("CT002", "am-tiet-khong-phai-tieng-viet", "warning", CHECK_BASIS,
      what="Một âm tiết không thể là tiếng Việt (sai âm đầu, vần hoặc dấu thanh): thường là lỗi gõ.",
      why="Âm tiết tiếng Việt gồm âm đầu, vần và thanh theo quy tắc chặt chẽ; «thyanh», «nguời», «hàng» gõ "
          "nhầm thành «hànhg» không thể có. Chữ viết tắt, mã, số, tên riêng nước ngoài và địa chỉ mạng được bỏ qua.",
      wrong="thyanh phố; cải cácg", right="thành phố; cải cách")
def impossible_syllable(ctx) -> Iterator[Hit]:
    for para in _paragraphs(ctx):
        words = bad_syllables(para.text)
        if words:
            listed = ", ".join(f"«{w}»" for w in words[:6])
            more = f" và {len(words) - 6} từ khác" if len(words) > 6 else ""
            yield Hit(para, f"{'Âm tiết' if len(words) == 1 else 'Các âm tiết'} {listed}{more} không phải âm tiết "
                            "tiếng Việt hợp lệ (sai âm đầu, vần hoặc dấu thanh); kiểm tra lỗi gõ")


# --- CT003 known misspellings --------------------------------------------------------------------------------


def _match_case(found: str, right: str) -> str:
    if found.isupper() and len(found) > 1:
        return right.upper()
    if found[:1].isupper():
        return right[:1].upper() + right[1:]
    return right


@rule("CT003", "loi-chinh-ta-thuong-gap", "warning", CHECK_BASIS,
      what="Từ nằm trong từ điển lỗi chính tả thường gặp (rules/spelling.yaml).",
      why="Các lỗi lẫn âm đầu, vần (s/x, ch/tr, d/gi, -n/-ng …) thường gặp trong văn bản hành chính.",
      wrong="sử lý hồ sơ", right="xử lý hồ sơ", fix_safety="unsafe")
def known_misspelling(ctx) -> Iterator[Hit]:
    _, entries = _misspelling_re()
    paragraphs = _paragraphs(ctx)
    # Most drafts contain none of the dictionary's words: find the few that occur anywhere (plain substring
    # tests over the whole text) and run a pattern of only those over the paragraphs.
    whole = "\n".join(p.text for p in paragraphs).lower()
    present = tuple(sorted(w for w in entries if w in whole))
    if not present:
        return
    pattern = _pattern_of(present)
    for para in paragraphs:
        for m in pattern.finditer(para.text):
            found = m.group(0)
            entry = entries.get(found.lower())
            if entry is None or not _same_case(found, entry.wrong) or _part_of_word(para.text, m):
                continue
            right = _match_case(found, entry.right)
            note = f" ({entry.note})" if entry.note else ""
            yield Hit(para, f"{_quote(found)} viết sai chính tả; viết đúng là {_quote(right)}{note}",
                      fix=Fix("Sửa lỗi chính tả", found, right), legal_basis=entry.basis or None)


def _same_case(found: str, wrong: str) -> bool:
    """As typed in the dictionary, capitalised at a sentence start, or all in capitals: «khai Chương trình» is
    not «khai chương»."""
    return found in (wrong, wrong[:1].upper() + wrong[1:]) or found.isupper()


def _part_of_word(text: str, m: re.Match[str]) -> bool:
    """The match's edge syllable belongs to a real word with its neighbour: «triển khai chương trình»."""
    known = compounds()
    words = m.group(0).lower().split()
    after, before = _WORD_AFTER.match(text[m.end():]), _WORD_BEFORE.search(text[:m.start()])
    if after and f"{words[-1]} {after.group(1).lower()}" in known:
        return True
    return bool(before and f"{before.group(1).lower()} {words[0]}" in known and len(words) > 1
                and " ".join(words[1:]) in known)


# --- CT004 Unicode normal form -------------------------------------------------------------------------------


@rule("CT004", "unicode-to-hop", "warning", f"{ND30}, Phụ lục I, mục I.4 (bộ mã Unicode TCVN 6909:2001)",
      what="Chữ được lưu ở dạng Unicode tổ hợp (NFD: dấu tách rời chữ cái) thay vì dựng sẵn (NFC).",
      why="Dạng tổ hợp trông giống hệt trên màn hình nhưng làm hỏng tìm kiếm, sắp xếp, sao chép sang hệ thống "
          "quản lý văn bản; TCVN 6909:2001 dùng dạng dựng sẵn.",
      wrong="«Hà Nội» gõ bằng bộ gõ để chế độ Unicode tổ hợp", right="Chuyển mã sang Unicode dựng sẵn (NFC)")
def not_nfc(ctx) -> Iterator[Hit]:
    paragraphs = _paragraphs(ctx)
    bad = [p for p in paragraphs if p.raw_text and unicodedata.normalize("NFC", p.raw_text) != p.raw_text]
    if len(bad) >= GROUP_MIN and len(bad) * 2 >= len(paragraphs):
        yield Hit(bad[0], f"{len(bad)}/{len(paragraphs)} đoạn lưu chữ ở dạng Unicode tổ hợp (NFD) (đoạn đầu tiên "
                          f"ở {_where(bad[0])}); cần chuyển toàn văn bản sang Unicode dựng sẵn (NFC)")
        return
    for para in bad:
        word = next((w for w in para.raw_text.split() if unicodedata.normalize("NFC", w) != w), "")
        yield Hit(para, f"Đoạn lưu chữ ở dạng Unicode tổ hợp (NFD), ví dụ "
                        f"{_quote(unicodedata.normalize('NFC', word))}; cần chuyển sang Unicode dựng sẵn (NFC)")


# --- CT005 tone-mark placement -------------------------------------------------------------------------------

_WORD = re.compile(rf"{_LETTERS}+")


@rule("CT005", "dau-thanh-khong-thong-nhat", "warning", CHECK_BASIS,
      what="Văn bản dùng lẫn hai kiểu đặt dấu thanh (kiểu cũ «hòa», «ủy» và kiểu mới «hoà», «uỷ»).",
      why="Cả hai kiểu đều gặp, nhưng trong một văn bản phải thống nhất một kiểu; dùng lẫn cho thấy văn bản ghép "
          "từ nhiều nguồn chưa rà soát.",
      wrong="Ủy ban … hoà nhập … Uỷ ban", right="Ủy ban … hòa nhập … Ủy ban")
def mixed_tone_marks(ctx) -> Iterator[Hit]:
    vn = _vn()
    counts: dict[str, Counter] = {"old": Counter(), "new": Counter()}
    first: dict[str, Paragraph] = {}
    cache_: dict[str, str | None] = {}
    kinds = _kinds(ctx)
    for para in _paragraphs(ctx):
        if "COUNTRY" in kinds.get(id(para), ()):
            continue  # the Quốc hiệu has one exact wording: a «HOÀ» there is SN001's finding
        for word, n in Counter(_WORD.findall(para.text.lower())).items():  # each distinct word once
            if word not in cache_:
                cache_[word] = _safe(vn.tone_style, word, default=None)
            style = cache_[word]
            if style in counts:
                counts[style][word] += n
                first.setdefault(style, para)
    old, new = sum(counts["old"].values()), sum(counts["new"].values())
    if not old or not new:
        return
    minority, majority = ("old", "new") if old <= new else ("new", "old")
    names = {"old": "kiểu cũ", "new": "kiểu mới"}

    def forms(style: str) -> str:
        return ", ".join(f"«{w}» ({n})" for w, n in counts[style].most_common(4))

    yield Hit(first[minority], f"Văn bản dùng lẫn hai kiểu đặt dấu thanh: {names['old']} {forms('old')} — {old} "
                               f"lần; {names['new']} {forms('new')} — {new} lần. Nên thống nhất theo "
                               f"{names[majority]} (đang dùng nhiều hơn); chỗ đầu tiên dùng {names[minority]} ở "
                               f"{_where(first[minority])}")


# --- CT006 brackets and quotes -------------------------------------------------------------------------------

_PAIRS = {"(": ")", "[": "]", "“": "”", "«": "»"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_LABEL_BEFORE = re.compile(r"(?:^|[\s,;(])(?:[a-zđ]|\d{1,2}|[a-zđ]\d?)$")


_BRACKET_CHARS = re.compile(r'[()\[\]“”«»"]')


def bracket_balance(text: str) -> tuple[list[str], list[str]]:
    """(unclosed openers, unopened closers) of one paragraph. Labels like «a)», «1)» are not closers."""
    stack: list[str] = []
    unopened: list[str] = []
    if not _BRACKET_CHARS.search(text):  # most paragraphs: nothing to pair, skip the character loop
        return stack, unopened
    for i, ch in enumerate(text):
        if ch in _PAIRS:
            stack.append(ch)
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if opener in stack:
                while stack and stack[-1] != opener:
                    stack.pop()  # an inner one left open: reported through the outer mismatch below
                stack.pop()
            elif ch == ")" and _LABEL_BEFORE.search(text[max(0, i - 4):i]):
                continue
            else:
                unopened.append(ch)
    if text.count('"') % 2:
        stack.append('"')
    return stack, unopened


@rule("CT006", "ngoac-khong-can", "warning", CHECK_BASIS,
      what="Dấu ngoặc đơn, ngoặc vuông hoặc ngoặc kép trong một đoạn không có dấu đóng (hoặc mở) tương ứng.",
      why="Ngoặc thiếu một bên làm người đọc không biết phần chú thích kết thúc ở đâu.",
      wrong="… cải thiện chỉ số PCI (chỉ số gia nhập thị trường", right="… chỉ số PCI (chỉ số gia nhập thị trường)")
def unbalanced(ctx) -> Iterator[Hit]:
    pending: tuple[Paragraph, list[str]] | None = None  # openers a wrapped paragraph may close in the next one
    for para in _paragraphs(ctx):
        opened, closed = bracket_balance(para.text)
        if pending is not None:
            prev, prev_open = pending
            while closed and prev_open and _PAIRS.get(prev_open[-1]) == closed[0]:
                prev_open.pop()
                closed.pop(0)
            if prev_open:
                yield _bracket_hit(prev, prev_open, [])
            pending = None
        if opened and not closed:
            pending = (para, opened)
            continue
        if opened or closed:
            yield _bracket_hit(para, opened, closed)
    if pending is not None:
        yield _bracket_hit(*pending, [])


def _bracket_hit(para: Paragraph, opened: list[str], closed: list[str]) -> Hit:
    parts = []
    for ch in dict.fromkeys(opened):
        if ch == '"':
            parts.append("số dấu ngoặc kép (\") lẻ")
        else:
            parts.append(f"dấu «{ch}» chưa có «{_PAIRS[ch]}» đóng")
    for ch in dict.fromkeys(closed):
        parts.append(f"dấu «{ch}» không có «{_CLOSERS[ch]}» mở")
    return Hit(para, f"Ngoặc không cân trong đoạn: {'; '.join(parts)}")


# --- CT007 placeholders --------------------------------------------------------------------------------------

_PLACEHOLDERS = (
    re.compile(r"(?<![\w])[Xx]{3,}(?![\w])"),
    re.compile(r"\[\s*(?:…+|\.{2,})?\s*\]"),
    re.compile(r"\(\s*(?:…+|\.{2,})\s*\)"),
    re.compile(r"_{3,}"),
)
# runs of dots worth three or more (a lone full stop never is): «...», «…», «..…»
_DOTS = re.compile(r"[.…]*…[.…]*|\.{3,}")


def placeholders(text: str) -> list[str]:
    """The blanks left to fill in a paragraph: «…» used as a blank (not as «etc.»), XXX, [ ], (…), ___."""
    found: list[tuple[int, int, str]] = []
    for pattern in _PLACEHOLDERS:
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), m.group(0)))
    for m in _DOTS.finditer(text):
        run = m.group(0)
        dots = run.count(".") + 3 * run.count("…")
        if dots < 3 or any(s <= m.start() < e for s, e, _ in found):
            continue
        # a dotted leader ("……", "......") is always a blank; a short one depends on the sentence around it
        if dots >= 6 or _is_blank_ellipsis(text, m.start(), m.end()):
            found.append((m.start(), m.end(), run))
    return [t for _, _, t in sorted(found)]


def _is_blank_ellipsis(text: str, start: int, end: int) -> bool:
    """«…» stands for something to fill in when the sentence goes on around it: «ngày … tháng», «số …/QĐ»,
    «năm 20…»; at the end of an enumeration («Zalo, Facebook…», «các đơn vị, …», «bồi dưỡng....») it means
    «etc.»."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else ""
    rest = text[end:].lstrip()
    if before.isdigit() or after.isdigit() or after == "/" or before == "/":
        return True
    if text[max(0, start - 3):start].lower().endswith("v.v") or text[max(0, start - 2):start].lower() == "v.":
        return False
    if before.isalpha() and after.isalpha():
        return True  # ngày…tháng…năm
    if before.isspace() or before in "(“«":
        prev = text[:start].rstrip()
        if prev.endswith((",", ";", ":")) and not prev.endswith("Số:"):
            return False  # "…, …" is an enumeration cut short
        return bool(rest) and (rest[0].isalnum() or rest[0] in "/)”»")
    return False


_EXPECTED_BLANKS = {"NUMBER", "PLACE_DATE", "SIGN_NOTE"}


@rule("CT007", "con-cho-trong", "warning", CHECK_BASIS,
      what="Văn bản còn chỗ trống chưa điền (…, XXX, [ ], (…), ___) ngoài số và ngày mà Điều 15 để trống.",
      why="Bản trình ký phải hoàn chỉnh; chỗ trống còn sót thường là thông tin (số văn bản, ngày, tên đơn vị) "
          "chưa cập nhật. Ở bản dự thảo chưa cấp số, ngày thì chỉ là thông tin nhắc.",
      wrong="Giao Sở …… chủ trì; theo Quyết định số XXX/QĐ-UBND",
      right="Giao Sở Nội vụ chủ trì; theo Quyết định số 1191/QĐ-UBND")
def placeholder_left(ctx) -> Iterator[Hit]:
    unsigned = is_unsigned(ctx)
    kinds = _kinds(ctx)
    severity = Severity.INFO if unsigned else None
    for para in _paragraphs(ctx):
        own = kinds.get(id(para), set())
        if own & _EXPECTED_BLANKS or (unsigned and "ATTACH_REF" in own):
            continue
        found = placeholders(para.text)
        if not found:
            continue
        listed = ", ".join(f"«{t if len(t) <= 12 else t[:11] + '…'}»" for t in dict.fromkeys(found))
        state = " (dự thảo chưa cấp số, ngày: nhắc điền trước khi trình ký)" if unsigned else ""
        yield Hit(para, f"Còn {len(found)} chỗ trống chưa điền {listed}{state}; cần điền nội dung cụ thể",
                  severity=severity)


@hookimpl
def cchc_lint_rules():
    return [doubled_word, impossible_syllable, known_misspelling, not_nfc, mixed_tone_marks, unbalanced,
            placeholder_left]
