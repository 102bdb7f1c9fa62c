"""CLI contract: commands, options, exit codes, stdin, folders, configuration, plugins (click runner + subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cchc_lint.cli import cli

HERE = Path(__file__).parent
DRAFT = """KẾ HOẠCH
Cải cách hành chính năm 2024
Căn cứ Nghị định số 09/2015/QĐ-TTg ngày 25 tháng 3 năm 2015 của Thủ tướng Chính phủ về một cửa;
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân.
III. TỔ CHỨC THỰC HIỆN
Các phòng tổ chức thực hiện./.
"""


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "du-thao.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_version_and_help():
    assert run("--version").output.startswith("cchc-lint, version")
    assert "check" in run("--help").output


def test_default_command_is_check(draft):
    result = run(str(draft), "--format", "json")
    assert result.exit_code in (0, 1)
    assert json.loads(result.stdout)["files"][0]["path"] == str(draft)


def test_text_output_groups_by_file_and_summarises(draft):
    result = run("check", str(draft), "--fail-on", "never")
    assert result.exit_code == 0
    assert str(draft) in result.output


def test_json_contract(draft):
    payload = json.loads(run(str(draft), "--format", "json").stdout)
    assert payload["version"] == 1 and set(payload["summary"]) == {"files", "errors", "warnings", "infos"}
    for finding in payload["files"][0]["findings"]:
        assert set(finding) == {"code", "name", "severity", "message", "legal_basis", "location", "excerpt", "fix"}
        assert set(finding["location"]) == {"block", "row", "col", "line"}
        assert finding["location"]["block"] is None  # text input is located by line


def test_select_ignore_and_fail_on(draft):
    only_cc = json.loads(run(str(draft), "--format", "json", "--select", "CC").stdout)
    codes = {f["code"] for f in only_cc["files"][0]["findings"]}
    assert codes and all(c.startswith("CC") for c in codes)
    ignored = json.loads(run(str(draft), "--format", "json", "--select", "CC", "--ignore", "CC").stdout)
    assert ignored["files"][0]["findings"] == []
    assert run(str(draft), "--select", "CC", "--ignore", "CC").exit_code == 0
    assert run(str(draft), "--select", "CC", "--fail-on", "info").exit_code == 1


def test_unknown_code_is_usage_error(draft):
    result = run(str(draft), "--select", "ZZ999")
    assert result.exit_code == 2 and "ZZ999" in result.output


def test_bad_and_unknown_config(tmp_path, draft):
    bad = tmp_path / "cchc-lint.toml"
    bad.write_text("select = [", encoding="utf-8")
    assert run(str(draft), "--config", str(bad)).exit_code == 2
    bad.write_text('selekt = ["CC"]\n', encoding="utf-8")
    result = run(str(draft), "--config", str(bad))
    assert result.exit_code == 2 and "selekt" in result.output


def test_nearest_config_is_found_and_cli_wins(tmp_path, draft):
    (tmp_path / "pyproject.toml").write_text('[tool.cchc-lint]\nselect = ["CC"]\nfail-on = "never"\n', "utf-8")
    payload = json.loads(run(str(draft), "--format", "json").stdout)
    assert all(f["code"].startswith("CC") for f in payload["files"][0]["findings"])
    assert run(str(draft)).exit_code == 0  # fail-on never from the file
    assert run(str(draft), "--fail-on", "info").exit_code == 1  # the CLI wins


def test_folder_is_searched_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(DRAFT, "utf-8")
    (tmp_path / "b" / "c.md").write_text(DRAFT, "utf-8")
    (tmp_path / "b" / "~$lock.docx").write_bytes(b"lock")
    payload = json.loads(run(str(tmp_path), "--format", "json").stdout)
    assert [Path(f["path"]).name for f in payload["files"]] == ["a.txt", "c.md"]


def test_stdin(tmp_path):
    result = run("-", "--stdin-filename", "x.txt", "--format", "json", input=DRAFT.encode())
    assert json.loads(result.stdout)["files"][0]["path"] == "x.txt"


def test_unreadable_file_exit_two_one_line(tmp_path):
    missing = tmp_path / "none.docx"
    proc = subprocess.run([sys.executable, "-m", "cchc_lint.cli", str(missing)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_output_file_written_and_input_protected(tmp_path, draft):
    out = tmp_path / "r.json"
    assert run(str(draft), "--format", "json", "-o", str(out)).exit_code in (0, 1)
    assert json.loads(out.read_text("utf-8"))["version"] == 1
    before = draft.read_bytes()
    assert run(str(draft), "-o", str(draft)).exit_code == 2
    assert draft.read_bytes() == before


def test_doc_type_override_and_jobs(tmp_path, draft):
    payload = json.loads(run(str(draft), "--format", "json", "--doc-type", "TB").stdout)
    assert payload["files"][0]["doc_type"] == "TB"
    other = tmp_path / "hai.txt"
    other.write_text(DRAFT, "utf-8")
    parallel = json.loads(run(str(draft), str(other), "--format", "json", "--jobs", "2").stdout)
    assert [f["path"] for f in parallel["files"]] == [str(draft), str(other)]


def test_rules_rule_and_plugins_commands():
    listing = run("rules").output
    assert "RD001" in listing
    doc = run("rule", "RD002")
    assert doc.exit_code == 0 and "Ví dụ sai" in doc.output
    assert "an toàn — `cchc-lint fix` sửa tự động" in run("rule", "SN001").output  # fix safety in words
    assert run("rule", "XX000").exit_code == 2
    assert "cchc_lint.plugins.reader" in run("plugins").output


def _install(package: Path, target: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--target",
                    str(target), str(package)], check=True, capture_output=True, timeout=300)


@pytest.mark.slow
def test_third_party_plugin_is_discovered_and_broken_one_skipped(tmp_path):
    site = tmp_path / "site"
    _install(HERE / "plugin_example", site)
    _install(HERE / "plugin_broken", site)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *sys.path])}
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT.replace("người dân.", "người dân, doanh nghiệp v.v."), "utf-8")

    def cli_run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "cchc_lint.cli", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    plugins = cli_run("plugins")
    assert "example  1.2.3  (cchc-lint-example)" in plugins.stdout
    assert "broken" in plugins.stderr  # reported and skipped
    checked = cli_run(str(draft), "--format", "json", "--select", "XA001")
    assert checked.returncode == 0
    assert [f["code"] for f in json.loads(checked.stdout)["files"][0]["findings"]] == ["XA001"]
    assert cli_run(str(draft), "--format", "count", "--select", "XA001").stdout.strip() == "1"
    assert cli_run("hello").stdout.strip() == "xin chào từ plugin"
