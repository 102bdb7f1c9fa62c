"""Safe access to an OOXML package: bounded zip reads and an XML parser that expands nothing.

Hostile input is the norm for a tool that sits in an export step, so every limit is checked *before*
inflating or parsing, and every failure becomes a ``ReadError`` with one Vietnamese sentence.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

MAX_PART_BYTES = 128 * 1024 * 1024  # one inflated part
MAX_TOTAL_BYTES = 384 * 1024 * 1024  # all inflated parts we may read
MAX_RATIO = 200  # inflated/compressed, for parts larger than RATIO_FLOOR
RATIO_FLOOR = 4 * 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ReadError(Exception):
    """An input that cannot be read; ``str(err)`` is the one line shown to the user."""

    def __init__(self, message: str) -> None:
        # Library messages (libxml2, zipfile) may carry newlines; the contract is one line on stderr.
        super().__init__(" ".join(message.split()))


@dataclass(frozen=True, slots=True)
class _Limits:
    part: int = MAX_PART_BYTES
    total: int = MAX_TOTAL_BYTES


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def classify_ole2(data: bytes) -> str:
    """Why an OLE2 container is not a docx: encrypted OOXML or a Word 97-2003 file."""
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        return "tệp Office đã được mã hoá bằng mật khẩu; hãy bỏ mật khẩu rồi kiểm tra lại"
    if _utf16("WordDocument") in data:
        return "tệp là định dạng Word 97-2003 (.doc) nhưng mang đuôi .docx; hãy đổi đuôi thành .doc"
    return "tệp là vùng chứa OLE2, không phải gói .docx"


class Package:
    """The parts of a .docx zip, inflated on demand within fixed bounds."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        if data.startswith(OLE2_MAGIC):
            raise ReadError(f"{name}: {classify_ole2(data)}")
        if not data:
            raise ReadError(f"{name}: tệp rỗng (0 byte)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            self._infos = {info.filename: info for info in self._zip.infolist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as err:
            raise ReadError(f"{name}: không phải tệp .docx hợp lệ (gói zip hỏng hoặc không phải zip: {err})") from None
        self._limits = _Limits()
        self._spent = 0
        self._check_sizes()

    def _check_sizes(self) -> None:
        total = 0
        for info in self._infos.values():
            total += info.file_size
            ratio_bad = info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            if info.file_size > self._limits.part or ratio_bad:
                raise ReadError(
                    f"{self.name}: phần {info.filename} giải nén quá lớn ({info.file_size} byte, tỉ lệ nén "
                    f"{info.file_size // max(info.compress_size, 1)}:1) — nghi là bom zip, đã từ chối"
                )
        if total > self._limits.total:
            raise ReadError(f"{self.name}: tổng dung lượng giải nén {total} byte vượt giới hạn — nghi là bom zip")

    def has(self, part: str) -> bool:
        return part in self._infos

    def read(self, part: str) -> bytes | None:
        info = self._infos.get(part)
        if info is None:
            return None
        budget = min(self._limits.part, self._limits.total - self._spent)
        try:
            with self._zip.open(info) as stream:
                data = stream.read(budget + 1)  # the declared size may lie: never read past the budget
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as err:
            raise ReadError(f"{self.name}: phần {part} bị hỏng, không giải nén được ({err})") from None
        if len(data) > budget:
            raise ReadError(f"{self.name}: phần {part} giải nén vượt giới hạn — nghi là bom zip, đã từ chối")
        self._spent += len(data)
        return data

    def xml(self, part: str) -> etree._Element | None:
        data = self.read(part)
        return None if data is None else parse_xml(data, f"{self.name}: {part}")

    @property
    def names(self) -> list[str]:
        return list(self._infos)


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
)


def parse_xml(data: bytes, where: str) -> etree._Element:
    """Parse one XML part; a DTD (entity tricks) or depth beyond libxml2's safe limit is refused."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise ReadError(f"{where} chứa khai báo DTD/thực thể XML — không được phép trong .docx, đã từ chối")
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        raise ReadError(f"{where} không phải XML hợp lệ ({err.msg})") from None
