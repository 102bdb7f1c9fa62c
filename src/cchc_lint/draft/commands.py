"""``cchc-lint fix DRAFT -o OUT.docx [--diff]`` and ``cchc-lint new KH|QD|TB --data FILE.yaml -o OUT.docx``."""

from __future__ import annotations

import click

_TYPES = click.Choice(["KH", "QD", "QĐ", "TB"], case_sensitive=False)


def _type(value: str | None) -> str | None:
    return value.upper().replace("Đ", "D") if value else None


@click.command("fix")
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Tệp .docx kết quả (không được trùng tệp đầu vào).")
@click.option("--diff", "show_diff", is_flag=True, help="In các thay đổi, từng khối, dạng unified diff.")
@click.option("--doc-type", type=_TYPES, help="Ép loại văn bản khi không tự nhận ra được.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Tệp cấu hình TOML")
def fix_command(draft: str, output: str, show_diff: bool, doc_type: str | None, config_path: str | None) -> None:
    """Ghi bản dự thảo đã sửa các lỗi an toàn (thể thức, số, ngày, dấu câu, đánh số) ra OUT.docx.

    Câu chữ không bị thay đổi; mục bắt buộc còn thiếu được chèn chỗ trống «[Cần bổ sung: …]»; các gợi ý
    không an toàn được ghi thành chú thích (comment) Word trong tệp kết quả. Tệp đầu vào không bị ghi."""
    from cchc_lint.cli import fail
    from cchc_lint.config import ConfigError, load_config
    from cchc_lint.draft.fix import FixError, fix_draft
    from cchc_lint.safety import OutputError

    try:
        config = load_config(config_path, near=draft)
        result = fix_draft(draft, output, config=config, doc_type=_type(doc_type))
    except (ConfigError, FixError, OutputError, OSError) as err:
        fail(str(err))
    click.echo(f"{draft} → {output} ({result.doc_type}): {len(result.changes)} sửa, "
               f"{len(result.placeholders)} chỗ cần bổ sung, {len(result.comments)} chú thích gợi ý"
               + (f", giữ {result.kept_comments} chú thích của người góp ý" if result.kept_comments else ""))
    for change in result.changes:
        click.echo(f"  sửa  {change}")
    for what in result.placeholders:
        click.echo(f"  cần bổ sung  {what}")
    for finding in result.comments:
        click.echo(f"  chú thích  {finding.code} {finding.message}")
    if show_diff:
        for line in result.diff:
            click.echo(line)


@click.command("new")
@click.argument("doc_type", type=_TYPES)
@click.option("--data", "data_path", type=click.Path(dir_okay=False), help="Tệp YAML dữ liệu của văn bản.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Tệp .docx kết quả.")
@click.option("--example", is_flag=True, help="In tệp dữ liệu mẫu (có chú thích từng trường) rồi thoát.")
def new_command(doc_type: str, data_path: str | None, output: str | None, example: bool) -> None:
    """Tạo dự thảo mới (KH, QD, TB) từ dữ liệu có cấu trúc, theo mẫu của Nghị định 30/2020/NĐ-CP."""
    from cchc_lint.cli import fail
    from cchc_lint.draft.render import RenderError, render_draft
    from cchc_lint.draft.schema import DataError, example_text, load_data
    from cchc_lint.safety import OutputError, refuse_same_file

    kind = _type(doc_type) or "KH"
    if example:
        click.echo(example_text(kind), nl=False)
        return
    if not data_path or not output:
        fail("cần --data FILE.yaml và -o OUT.docx (hoặc --example để xem dữ liệu mẫu)")
    try:
        refuse_same_file(data_path, output)
        data = load_data(data_path)
        render_draft(kind, data, output)
    except DataError as err:
        fail(f"{data_path}: {err}")
    except (RenderError, OutputError, OSError) as err:
        fail(str(err))
    click.echo(f"đã tạo {output}")
