"""The labels Word's automatic numbering displays (numbering.xml), computed in document order.

Word keeps one counter set per *abstract* list: two w:num instances over the same abstractNum continue each
other unless one carries a w:lvlOverride/w:startOverride, which restarts that level the first time the
instance is used. Entering a level resets the deeper levels (w:lvlRestart can change that).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from cchc_lint.model import Numbering
from cchc_lint.read.styles import w

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """Word's letter numbering: a … z, then aa, bb … (the letter repeated)."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return roman(n)
    if fmt == "lowerRoman":
        return roman(n).lower()
    if fmt == "lowerLetter":
        return letters(n)
    if fmt == "upperLetter":
        return letters(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: reset when this (1-based) level is entered
    legal: bool = False  # w:isLgl: show all levels as decimals


@dataclass(slots=True)
class _Instance:
    abstract: str
    overrides: dict[int, int] = field(default_factory=dict)
    used: bool = False


def _val(lvl: etree._Element, tag: str) -> str | None:
    el = lvl.find(w(tag))
    return None if el is None else el.get(w("val"))


def _as_int(value: str | None, default: int | None) -> int | None:
    return int(value) if value is not None and value.lstrip("-").isdigit() else default


def _levels(abstract: etree._Element) -> dict[int, _Level]:
    out = {}
    for lvl in abstract.iter(w("lvl")):
        out[_as_int(lvl.get(w("ilvl")), 0)] = _Level(
            start=_as_int(_val(lvl, "start"), 1),
            fmt=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText") or "",
            restart=_as_int(_val(lvl, "lvlRestart"), None),
            legal=lvl.find(w("isLgl")) is not None,
        )
    return out


class NumberingState:
    """Walks the paragraphs in order and returns what each numbered one displays."""

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._instances: dict[int, _Instance] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if root is not None:
            self._load(root)

    def _load(self, root: etree._Element) -> None:
        for abstract in root.iter(w("abstractNum")):
            self._abstract[abstract.get(w("abstractNumId"), "")] = _levels(abstract)
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"))
            ref = num.find(w("abstractNumId"))
            if num_id is None or ref is None or not num_id.lstrip("-").isdigit():
                continue
            instance = _Instance(ref.get(w("val"), ""))
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None and (start.get(w("val")) or "").isdigit():
                    instance.overrides[int(override.get(w("ilvl"), "0"))] = int(start.get(w("val")))
            self._instances[int(num_id)] = instance

    def next_label(self, num_id: int | None, ilvl: int | None) -> Numbering | None:
        if not num_id or num_id not in self._instances:  # numId 0 switches numbering off
            return None
        ilvl = min(max(ilvl or 0, 0), 8)
        instance = self._instances[num_id]
        levels = self._abstract.get(instance.abstract)
        if not levels or ilvl not in levels:
            return None
        counters = self._counters.setdefault(instance.abstract, {})
        if not instance.used:
            instance.used = True
            for lvl, start in instance.overrides.items():
                counters[lvl] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        self._reset_deeper(levels, counters, ilvl)
        return Numbering(num_id=num_id, level=ilvl, label=self._render(levels, counters, ilvl), fmt=level.fmt)

    @staticmethod
    def _reset_deeper(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> None:
        for deeper, level in levels.items():
            # lvlRestart 0 = never restart; n = restart after a level numbered (1-based) n or higher
            if deeper > ilvl and level.restart != 0 and (level.restart is None or level.restart - 1 >= ilvl):
                counters.pop(deeper, None)

    @staticmethod
    def _render(levels: dict[int, _Level], counters: dict[int, int], ilvl: int) -> str:
        level = levels[ilvl]
        if level.fmt == "bullet":
            return symbol_font_text(level.text)
        text = level.text
        for i in range(ilvl, -1, -1):  # high to low so %1 does not eat the "1" of %10
            placeholder = f"%{i + 1}"
            if placeholder in text:
                lv = levels.get(i, _Level())
                value = counters.get(i, lv.start)
                fmt = "decimal" if level.legal and lv.fmt != "decimalZero" else lv.fmt
                text = text.replace(placeholder, format_number(value, fmt))
        return text


def symbol_font_text(text: str) -> str:
    """Bullets written in a symbol font (Symbol, Wingdings: LibreOffice and Word store "+" as U+F02B, "" as
    U+F0B7) as the character they show: the private-use offset U+F000 removed."""
    return "".join(chr(ord(c) - 0xF000) if 0xF020 <= ord(c) <= 0xF0FF else c for c in text)
