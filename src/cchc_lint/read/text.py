"""Plain text and Markdown drafts: one block per line, located by line number, no formatting."""

from __future__ import annotations

import re
import unicodedata

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


def read_text(data: bytes, name: str) -> DocModel:
    text = decode(data, name)
    markdown = name.lower().endswith(".md")
    blocks = []
    for number, line in enumerate(text.splitlines(), start=1):
        raw = _MARKDOWN.sub("", line) if markdown else line
        raw = raw.rstrip()
        nfc = unicodedata.normalize("NFC", raw)
        runs = (Run(text=nfc, start=0, fmt=_NO_FORMAT),) if nfc else ()
        blocks.append(Paragraph(loc=Location(line=number), text=nfc, raw_text=raw, runs=runs, fmt=_NO_PARA))
    return DocModel(path=name, source="text", blocks=tuple(blocks))
