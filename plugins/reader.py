"""RD (reading the file) and KT (technical) rules: what the reader saw, and the linter's own bookkeeping."""

from __future__ import annotations

from collections.abc import Iterator

from cchc_lint.check.rules import Hit, rule
from cchc_lint.hookspecs import hookimpl

ND30 = "Nghị định 30/2020/NĐ-CP"


@rule("RD001", "van-ban-rong", "error", f"{ND30}, Điều 8 (các thành phần chính của văn bản)",
      what="Tệp không có nội dung chữ nào.", why="Một văn bản trống không thể trình ký; có thể đã lưu nhầm tệp.",
      wrong="(tệp .docx không có đoạn văn nào)", right="Văn bản có đủ các thành phần thể thức.")
def empty_document(ctx) -> Iterator[Hit]:
    if ctx.model.is_empty:
        yield Hit(None, "Văn bản rỗng: không có đoạn văn hay ô bảng nào chứa chữ; cần mở đúng bản dự thảo")


@rule("RD002", "con-thay-doi-chua-duyet", "warning", f"{ND30}, Điều 11 (soạn thảo, trình ký bản hoàn chỉnh)",
      what="Văn bản còn thay đổi theo dõi (Track Changes) chưa chấp nhận hoặc từ chối.",
      why="Bản trình ký phải là bản cuối; thay đổi còn treo khiến người ký và người đọc thấy nội dung khác nhau.",
      wrong="Đoạn có chữ bị gạch (w:del) hoặc chèn (w:ins) chưa duyệt.",
      right="Review › Accept/Reject All trước khi trình ký.")
def pending_changes(ctx) -> Iterator[Hit]:
    seen: set[int | None] = set()
    for item in ctx.model.flow():
        if item.has_changes and item.loc.block not in seen:
            seen.add(item.loc.block)
            yield Hit(item, "Đoạn này còn thay đổi theo dõi chưa duyệt (chèn/xoá); cần chấp nhận hoặc từ chối "
                            "trước khi trình ký (cchc-lint đọc văn bản như thể đã chấp nhận hết)")
    for table in (i for i in ctx.model.flow() if i.kind == "table"):
        for para in table.iter_paragraphs():
            if para.has_changes and para.loc.block not in seen:
                seen.add(para.loc.block)
                yield Hit(para, "Ô bảng này còn thay đổi theo dõi chưa duyệt; cần chấp nhận hoặc từ chối")


@rule("RD003", "chuyen-doi-tu-dinh-dang-cu", "info", f"{ND30}, Phụ lục I, mục I.4 (Unicode TCVN 6909:2001)",
      what="Tệp được chuyển sang .docx bằng LibreOffice trước khi kiểm tra.",
      why="Định dạng cũ (.doc, .rtf, .odt) có thể mất một phần định dạng khi chuyển; vị trí là của bản chuyển đổi.",
      wrong="du-thao.doc", right="du-thao.docx")
def converted(ctx) -> Iterator[Hit]:
    if ctx.model.converted_from:
        yield Hit(None, f"Tệp {ctx.model.converted_from} đã được chuyển sang .docx để kiểm tra; nên lưu dự thảo "
                        "ở định dạng .docx")


@rule("KT001", "loi-noi-bo-quy-tac", "warning", "cchc-lint",
      what="Một quy tắc gặp lỗi nội bộ khi chạy và đã bị bỏ qua.",
      why="Lỗi của một quy tắc không được làm mất các phát hiện khác; hãy báo lỗi kèm tệp.")
def internal_error(ctx) -> Iterator[Hit]:
    return iter(())


@rule("KT002", "tat-kiem-tra-thieu-ly-do", "warning", "cchc-lint",
      what="Chú thích «cchc-lint: ignore[...]» không ghi lý do.",
      why="Tắt một kiểm tra mà không nói vì sao thì bộ phận pháp chế không thể xét lại.",
      wrong="cchc-lint: ignore[CT001]", right="cchc-lint: ignore[CT001] tên riêng của dự án, đã kiểm tra")
def suppression_without_reason(ctx) -> Iterator[Hit]:
    return iter(())  # reported by the engine while it applies suppressions


@rule("KT003", "tat-kiem-tra-thua", "warning", "cchc-lint",
      what="Chú thích «cchc-lint: ignore[...]» không tắt phát hiện nào.",
      why="Chú thích thừa làm người đọc tưởng văn bản có lỗi đã được chấp nhận; nên xoá.",
      wrong="cchc-lint: ignore[TT101] … trên đoạn không có lỗi TT101", right="(xoá chú thích)")
def unused_suppression(ctx) -> Iterator[Hit]:
    return iter(())  # reported by the engine while it applies suppressions


@hookimpl
def cchc_lint_rules():
    return [empty_document, pending_changes, converted, internal_error, suppression_without_reason,
            unused_suppression]
