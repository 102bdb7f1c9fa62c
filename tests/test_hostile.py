"""Hostile input: every case gets one clear line and exit code 2, bounded time and memory, no traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_lint.cli import cli
from cchc_lint.read import ReadError, read_bytes
from cchc_lint.read.package import OLE2_MAGIC
from tests.test_reader import make_docx, para

VALID = make_docx(para("KẾ HOẠCH") + para("Thực hiện công tác cải cách hành chính năm 2024"))


def _zip(parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _ole2(stream_name: str) -> bytes:
    return OLE2_MAGIC + b"\x00" * 504 + stream_name.encode("utf-16-le") + b"\x00" * 512


def _docx_with_document(document: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(VALID)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/document.xml"] = document
    return _zip(parts)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                  b'<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
EXTERNAL_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                   b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                   b'<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
DEEP = (b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:sdt><w:sdtContent>" * 5000 + b"</w:sdtContent></w:sdt>" * 5000 + b"</w:body></w:document>")

HOSTILE = {
    "not-a-zip": (b"Hello, this is plain text pretending to be a docx", "không phải tệp .docx"),
    "truncated-zip": (VALID[: len(VALID) // 2], "không phải tệp .docx"),
    "no-document-part": (_zip({"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<x/>"}), "word/document.xml"),
    "encrypted": (_ole2("EncryptionInfo") + _ole2("EncryptedPackage"), "mã hoá"),
    "doc-as-docx": (_ole2("WordDocument"), "Word 97-2003"),
    "billion-laughs": (_docx_with_document(BILLION_LAUGHS), "DTD"),
    "external-entity": (_docx_with_document(EXTERNAL_ENTITY), "DTD"),
    "deep-nesting": (_docx_with_document(DEEP), "XML"),
    "corrupt-xml": (_docx_with_document(b"<w:document><w:body><w:p>"), "XML"),
}


def _zip_bomb() -> bytes:
    """A small zip whose document.xml declares and inflates to far more than the cap (stored: cheap to build)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z, \
            z.open("word/document.xml", "w", force_zip64=True) as handle:
        chunk = b"\x00" * (1 << 20)
        for _ in range(700):  # 700 MiB of zeros compress to well under 1 MiB
            handle.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_reader_rejects_with_one_line(case):
    data, needle = HOSTILE[case]
    with pytest.raises(ReadError) as err:
        read_bytes(data, f"{case}.docx")
    message = str(err.value)
    assert needle in message and "\n" not in message and f"{case}.docx" in message


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_cli_exit_code_two_and_json_error(tmp_path, case):
    path = tmp_path / f"{case}.docx"
    path.write_bytes(HOSTILE[case][0])
    before = path.read_bytes()
    result = CliRunner().invoke(cli, [str(path), "--format", "json"])
    assert result.exit_code == 2
    payload = json.loads(result.stdout)
    assert payload["files"][0]["error"] and payload["files"][0]["findings"] == []
    assert "Traceback" not in result.output
    assert path.read_bytes() == before  # the input is never written


def test_zip_bomb_refused_before_inflating(tmp_path):
    bomb = _zip_bomb()
    assert len(bomb) < 2 << 20
    tracemalloc.start()
    with pytest.raises(ReadError, match="bom zip"):
        read_bytes(bomb, "bomb.docx")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 << 20  # nothing near the declared size was inflated


def test_empty_document_is_a_finding_not_a_crash():
    from tests.conftest import lint_bytes

    report = lint_bytes(make_docx(""), "empty.docx", select=("RD",))
    assert report.error is None and [f.code for f in report.findings] == ["RD001"]


def test_subprocess_one_line_on_stderr(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"garbage")
    proc = subprocess.run([sys.executable, "-m", "cchc_lint.cli", str(bad)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "bad.docx" in proc.stderr


def _mutations():
    with zipfile.ZipFile(io.BytesIO(VALID)) as z:
        names = z.namelist()
    return st.tuples(st.sampled_from(names), st.integers(0, 4000), st.binary(min_size=1, max_size=40),
                     st.sampled_from(["replace", "insert", "truncate"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutations())
def test_fuzz_mutated_packages_never_raise_unexpectedly(mutation):
    """Mutate one part of a valid package: the linter answers with a report or a ReadError, nothing else."""
    from tests.conftest import lint_bytes

    name, offset, payload, how = mutation
    with zipfile.ZipFile(io.BytesIO(VALID)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    data = parts[name]
    offset = min(offset, len(data))
    parts[name] = {"replace": data[:offset] + payload + data[offset + len(payload):],
                   "insert": data[:offset] + payload + data[offset:],
                   "truncate": data[:offset]}[how]
    report = lint_bytes(_zip(parts), "fuzz.docx")
    assert report.error is None or "\n" not in report.error


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_fuzz_raw_bytes(blob):
    from tests.conftest import lint_bytes

    report = lint_bytes(blob, "blob.docx")
    assert report.error is not None or report.findings is not None
