"""The ``cchc-lint`` command (contract in ARCHITECTURE.md). Heavy modules are imported inside commands so
that ``cchc-lint --version`` and the first line of output come fast."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cchc_lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
INPUT_SUFFIXES = (".docx", ".doc", ".txt", ".md", ".rtf", ".odt")
FAIL_LEVELS = {"error": 3, "warning": 2, "info": 1, "never": 99}


def fail(message: str) -> None:
    """One clear line on stderr and exit code 2: usage, configuration and input errors."""
    click.echo(f"cchc-lint: {message}", err=True)
    sys.exit(EXIT_USAGE)


class DefaultGroup(click.Group):
    """``cchc-lint draft.docx`` means ``cchc-lint check draft.docx``; plugins may add commands."""

    _plugins_loaded = False

    def _load_plugin_commands(self) -> None:
        if not self._plugins_loaded:
            self._plugins_loaded = True
            from cchc_lint.plugins_manager import get_manager

            get_manager().hook.cchc_lint_register_commands(cli=self)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        command = super().get_command(ctx, name)
        if command is None:
            self._load_plugin_commands()
            command = super().get_command(ctx, name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands()
        return super().list_commands(ctx)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in ("--help", "-h", "--version") and not self._is_command(ctx, args[0]):
            args = ["check", *args]
        return super().parse_args(ctx, args)

    def _is_command(self, ctx: click.Context, name: str) -> bool:
        if name in self.commands:
            return True
        if name.startswith("-") or "/" in name or Path(name).suffix:  # a path or an option of `check`
            return False
        return self.get_command(ctx, name) is not None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cchc-lint")
def cli() -> None:
    """Kiểm tra dự thảo văn bản hành chính (KH, QĐ, TB) theo Nghị định 30/2020/NĐ-CP."""


def collect_inputs(paths: tuple[str, ...]) -> list[str]:
    """Files as given, folders searched recursively for drafts (Word lock files ~$… skipped), '-' for stdin."""
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            out.extend(str(p) for p in sorted(path.rglob("*"))
                       if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith("~$"))
        else:
            out.append(raw)
    return out


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", default="text", help="text | json | sarif | html (hoặc định dạng của plugin)")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Ghi báo cáo ra tệp (ghi nguyên tử).")
@click.option("--annotate", "annotate_out", type=click.Path(dir_okay=False),
              help="Ghi bản sao .docx có chú thích Word tại mỗi phát hiện.")
@click.option("--select", help="Chỉ chạy các mã/tiền tố này, ví dụ: CC,TT101")
@click.option("--ignore", help="Bỏ qua các mã/tiền tố này")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Tệp cấu hình TOML")
@click.option("--fail-on", type=click.Choice(list(FAIL_LEVELS)), help="Mức gây mã thoát 1 (mặc định: error)")
@click.option("--doc-type", type=click.Choice(["KH", "QD", "TB"], case_sensitive=False), help="Ép loại văn bản")
@click.option("--jobs", type=click.IntRange(1, 64), help="Số tiến trình song song")
@click.option("--stdin-filename", default="stdin.docx", help="Tên dùng cho dữ liệu đọc từ '-'")
@click.option("--timeout", type=float, help="Giới hạn thời gian cho mỗi tệp (giây)")
def check(paths: tuple[str, ...], fmt: str, output: str | None, annotate_out: str | None, select: str | None,
          ignore: str | None, config_path: str | None, fail_on: str | None, doc_type: str | None,
          jobs: int | None, stdin_filename: str, timeout: float | None) -> None:
    """Kiểm tra PATH (tệp .docx/.doc/.txt, thư mục, hoặc '-' cho stdin)."""
    from cchc_lint.batch import run_batch
    from cchc_lint.config import ConfigError, load_config, validate_codes
    from cchc_lint.report import get_formatter, rule_docs

    inputs = collect_inputs(paths)
    if not inputs:
        fail("không tìm thấy tệp dự thảo nào trong " + ", ".join(paths))
    try:
        near = next((p for p in inputs if p != "-"), None)
        config = load_config(config_path, near=near).merged(
            select=_split(select), ignore=_split(ignore), fail_on=fail_on,
            doc_type=doc_type.upper() if doc_type else None, jobs=jobs, timeout=timeout)
        validate_codes(config)
    except ConfigError as err:
        fail(str(err))
    formatter = get_formatter(fmt) or fail(f"định dạng không hỗ trợ: {fmt}")
    stdin_data = sys.stdin.buffer.read() if "-" in inputs else None
    report = run_batch(inputs, config, stdin_data=stdin_data, stdin_name=stdin_filename,
                       progress=sys.stderr.isatty())
    _emit(formatter(report, rules=rule_docs(), color=output is None and sys.stdout.isatty() and fmt == "text"),
          output, inputs)
    if annotate_out:
        _annotate(inputs, annotate_out, report, stdin_data)
    for file in report.errors:
        click.echo(f"cchc-lint: {file.error}", err=True)
    sys.exit(_exit_code(report, config.fail_on))


def _split(value: str | None) -> tuple[str, ...] | None:
    return tuple(v.strip().upper() for v in value.replace(" ", ",").split(",") if v.strip()) if value else None


def _emit(text: str, output: str | None, inputs: list[str]) -> None:
    if output is None:
        click.echo(text)
        return
    from cchc_lint.safety import OutputError, refuse_same_file, write_atomic

    try:
        for source in inputs:
            if source != "-":
                refuse_same_file(source, output)
        write_atomic(output, text if text.endswith("\n") else text + "\n")
    except (OutputError, OSError) as err:
        fail(str(err))


def _annotate(inputs: list[str], out: str, report, stdin_data: bytes | None) -> None:
    from cchc_lint.report.annotate import annotate_docx
    from cchc_lint.safety import OutputError, refuse_same_file

    if len(inputs) != 1:
        fail("--annotate chỉ dùng với đúng một tệp đầu vào")
    source = inputs[0]
    file = report.files[0]
    if file.error:
        return
    try:
        if source != "-":
            refuse_same_file(source, out)
        data = stdin_data if source == "-" else Path(source).read_bytes()
        if not data.startswith(b"PK"):
            fail("--annotate cần tệp .docx")
        annotate_docx(data, file.findings, out)
    except (OutputError, OSError, ValueError) as err:
        fail(str(err))


def _exit_code(report, fail_on: str) -> int:
    if report.errors:
        return EXIT_USAGE
    worst = report.worst()
    return EXIT_FINDINGS if worst is not None and int(worst) >= FAIL_LEVELS[fail_on] else EXIT_OK


@cli.command()
@click.argument("path")
@click.option("--tree", is_flag=True, help="In cây cấu trúc (DocTree) thay vì các khối")
@click.option("--doc-type", type=click.Choice(["KH", "QD", "TB"], case_sensitive=False))
def dump(path: str, tree: bool, doc_type: str | None) -> None:
    """In những gì đã đọc được từ tệp: khối, nhãn đánh số tự động, chữ, định dạng chính."""
    from cchc_lint.dump import dump_blocks, dump_tree
    from cchc_lint.read import ReadError, read_document

    try:
        model = read_document(path)
    except ReadError as err:
        fail(str(err))
    click.echo(dump_tree(model, doc_type.upper() if doc_type else None) if tree else dump_blocks(model))


@cli.command("rules")
def list_rules() -> None:
    """Liệt kê các quy tắc đã nạp."""
    from cchc_lint.check.registry import all_rules

    for code, rule in all_rules().items():
        types = ",".join(t or "khác" for t in rule.doc_types)
        click.echo(f"{code}  {rule.severity.label:<7}  {rule.name:<40} [{types}]")


@cli.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """In tài liệu của một quy tắc."""
    from cchc_lint.check.registry import all_rules

    found = all_rules().get(code.upper())
    if found is None:
        fail(f"không có quy tắc {code} (xem `cchc-lint rules`)")
    doc = found.doc()
    click.echo(f"{doc['code']} {doc['name']} ({doc['severity']}) — áp dụng: {', '.join(doc['doc_types'])}")
    safety = {"safe": "an toàn — `cchc-lint fix` sửa tự động",
              "unsafe": "chỉ đề xuất — người soạn xem lại rồi sửa (bản sửa ghi thành chú thích Word)",
              "none": "không sửa tự động"}
    for title, key in (("Kiểm tra gì", "what"), ("Vì sao", "why"), ("Ví dụ sai", "wrong"), ("Ví dụ đúng", "right"),
                       ("Căn cứ", "legal_basis"), ("Sửa tự động", "fix_safety")):
        if doc[key]:
            value = safety.get(doc[key], doc[key]) if key == "fix_safety" else doc[key]
            click.echo(f"\n{title}:\n  {value}")


@cli.command("plugins")
def list_plugins() -> None:
    """Liệt kê các plugin đã nạp và phiên bản."""
    from cchc_lint.plugins_manager import get_plugins

    plugins = get_plugins()
    for info in plugins.loaded:
        click.echo(f"{info.name}  {info.version}  ({info.source})")
    for problem in plugins.problems:
        click.echo(f"bỏ qua: {problem}", err=True)


def main() -> None:
    import os

    try:
        cli.main(standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("cchc-lint: đã dừng", err=True)
        sys.exit(130)
    except Exception as err:  # a bug must still end in one line, not a traceback (CCHC_LINT_DEBUG=1 shows it)
        if os.environ.get("CCHC_LINT_DEBUG"):
            raise
        click.echo(f"cchc-lint: lỗi nội bộ: {err.__class__.__name__}: {err}", err=True)
        sys.exit(EXIT_USAGE)


if __name__ == "__main__":
    main()
