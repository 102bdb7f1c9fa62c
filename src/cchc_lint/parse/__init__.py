"""parse: DocModel → DocTree (classifier → lark grammar per document type), plus the inline languages."""

from __future__ import annotations

from cchc_lint.model import DocModel, Location
from cchc_lint.parse.tree import DocTree, Observation

__all__ = ["DocTree", "parse_document"]

DOC_TYPES = ("KH", "QD", "TB")


def parse_document(model: DocModel, doc_type: str | None = None) -> DocTree:
    """Parse a draft; ``doc_type`` (KH|QD|TB) overrides detection. Never raises on odd structure."""
    from cchc_lint.parse.build import build_tree, detect_type
    from cchc_lint.parse.classify import classify

    tokens = classify(model)
    detected = detect_type(tokens)
    tree = build_tree(tokens, doc_type or detected)
    if doc_type:
        tree.doc_type = doc_type
    tree.observations.extend(_missing_parts(tree, model))
    return tree


def _missing_parts(tree: DocTree, model: DocModel) -> list[Observation]:
    """Parts Decree 30 requires whose absence the grammar tolerates, recorded for the structure rules."""
    out = []
    whole = Location()
    if model.source == "docx" and tree.header.country is None and tree.header.number_line is None:
        out.append(Observation("missing", "không có phần đầu văn bản (Quốc hiệu, tên cơ quan, số, ngày)", whole,
                               "HEADER"))
    if tree.title.type_line is None:
        out.append(Observation("missing", "không tìm thấy tên loại văn bản (KẾ HOẠCH, QUYẾT ĐỊNH, THÔNG BÁO …)",
                               whole, "TYPE_NAME"))
    if tree.closing.recipients_title is None:
        out.append(Observation("missing", "không có phần «Nơi nhận:»", whole, "RECIPIENTS_TITLE"))
    if not tree.closing.authority and tree.closing.signer is None:
        out.append(Observation("missing", "không có phần thẩm quyền ký và người ký", whole, "AUTHORITY"))
    return out
