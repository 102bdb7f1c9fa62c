"""Word 97-2003, RTF and ODT drafts go through LibreOffice (headless) into a temporary .docx."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from cchc_lint.read.package import ReadError

CONVERTIBLE = (".doc", ".rtf", ".odt", ".docm", ".dot", ".dotx")
TIMEOUT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, name: str, suffix: str) -> bytes:
    binary = soffice()
    if binary is None:
        raise ReadError(
            f"{name}: cần LibreOffice để đọc tệp {suffix} nhưng máy chưa cài "
            "(Debian/Ubuntu: apt-get install libreoffice-writer-nogui); hoặc lưu lại thành .docx"
        )
    with tempfile.TemporaryDirectory(prefix="cchc-lint-") as tmp:
        source = Path(tmp, f"input{suffix}")
        source.write_bytes(data)
        profile = Path(tmp, "profile").as_uri()  # a private profile: parallel runs must not share a lock
        cmd = [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(Path(tmp, "out")), str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(f"{name}: LibreOffice chuyển đổi quá {TIMEOUT_SECONDS} giây, đã dừng") from None
        out = Path(tmp, "out", "input.docx")
        if not out.exists():
            raise ReadError(f"{name}: LibreOffice không chuyển được tệp {suffix} sang .docx (tệp hỏng?)")
        return out.read_bytes()
