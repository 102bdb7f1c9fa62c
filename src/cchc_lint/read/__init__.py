"""read: any supported input → DocModel. The single entry point is ``read_document``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cchc_lint.model import DocModel
from cchc_lint.read.package import ReadError

TEXT_SUFFIXES = (".txt", ".md")
MAX_INPUT_BYTES = 256 * 1024 * 1024

__all__ = ["ReadError", "read_bytes", "read_document"]


def read_document(path: str | Path) -> DocModel:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ReadError(f"{path}: tệp quá lớn ({size} byte)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{path}: không tìm thấy tệp") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: là thư mục, không phải tệp") from None
    except PermissionError:
        raise ReadError(f"{path}: không có quyền đọc tệp") from None
    except OSError as err:
        raise ReadError(f"{path}: không đọc được tệp ({err.strerror or err})") from None
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<stdin>") -> DocModel:
    """Read from bytes; the suffix of ``name`` picks the reader, else the content's magic bytes do."""
    suffix = Path(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from cchc_lint.read.text import read_text

        return read_text(data, name)
    from cchc_lint.read.convert import CONVERTIBLE, convert_to_docx
    from cchc_lint.read.docx import read_docx

    if suffix in CONVERTIBLE or (suffix not in (".docx",) and _looks_convertible(data)):
        converted = convert_to_docx(data, name, suffix or ".doc")
        return replace(read_docx(converted, name), converted_from=suffix or ".doc")
    if suffix not in (".docx", "") and not data.startswith(b"PK"):
        from cchc_lint.read.text import read_text

        return read_text(data, name)
    return read_docx(data, name)


def _looks_convertible(data: bytes) -> bool:
    from cchc_lint.read.package import OLE2_MAGIC

    return data.startswith(b"{\\rtf") or (data.startswith(OLE2_MAGIC) and "WordDocument".encode("utf-16-le") in data)
