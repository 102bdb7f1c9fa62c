"""Plain text and Markdown drafts: one block per line, located by line number, no formatting."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from cchc_lint.model import DocModel, Location, ParaFormat, Paragraph, Run, RunFormat
from cchc_lint.read.package import ReadError

_MARKDOWN = re.compile(r"^\s{0,3}#{1,6}\s+|\*\*|__|</?b>", re.IGNORECASE)
_NO_FORMAT = RunFormat(size=None)
_NO_PARA = ParaFormat()


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name}: tệp nhị phân, không phải văn bản thuần")
    for encoding in ("utf-8-sig", "utf-16", "cp1258"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{name}: không nhận ra bảng mã của tệp văn bản (cần UTF-8)")


_SENTENCE_END = re.compile(r"[.;:!?,)\]\"”]\s*$")
_OWN_LINE = re.compile(r"^(?:[a-zđ]\)|\d+(?:\.\d+)*\.\s|[-+•]\s)")  # an item label starts its own paragraph
UNWRAP_RATIO = 0.15


def _continuation(prev: str, line: str) -> bool:
    """``line`` goes on a sentence ``prev`` left open: it starts in lower case or with a digit."""
    head = line.lstrip()[:1]
    return bool(prev.strip()) and bool(head) and (head.islower() or head.isdigit() or head == "(") \
        and not _SENTENCE_END.search(prev) and not _OWN_LINE.match(line.lstrip())


def unwrap(lines: list[str]) -> list[tuple[int, str]]:
    """(first line number, text) of each paragraph. Text copied from a web page or an e-mail is often wrapped
    at a fixed width: when many lines go on a sentence that the previous line left open, they are joined back
    into paragraphs (each keeps the number of its first line); ordinary one-paragraph-per-line text is kept."""
    breaks = sum(_continuation(a, b) for a, b in pairwise(lines))
    if breaks < max(3, UNWRAP_RATIO * sum(1 for line in lines if line.strip())):
        return list(enumerate(lines, start=1))
    out: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        if out and _continuation(out[-1][1], line):
            out[-1] = (out[-1][0], f"{out[-1][1].rstrip()} {line.strip()}")
        else:
            out.append((number, line))
    return out


def read_text(data: bytes, name: str) -> DocModel:
    text = decode(data, name)
    markdown = name.lower().endswith(".md")
    lines = [_MARKDOWN.sub("", line) if markdown else line for line in text.splitlines()]
    blocks = []
    for number, line in unwrap(lines):
        raw = line.rstrip()
        nfc = unicodedata.normalize("NFC", raw)
        runs = (Run(text=nfc, start=0, fmt=_NO_FORMAT),) if nfc else ()
        blocks.append(Paragraph(loc=Location(line=number), text=nfc, raw_text=raw, runs=runs, fmt=_NO_PARA))
    return DocModel(path=name, source="text", blocks=tuple(blocks))
