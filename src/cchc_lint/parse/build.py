"""Token stream → lark parse (per document type) → DocTree.

The grammar decides which big part (header, title, preamble, body, closing, attachment, appendix) every token
belongs to. A token the grammar does not expect is recorded as an Observation and, where the parser accepts
plain text at that point, fed again as TEXT so that no content is lost; otherwise it is skipped.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from cchc_lint.parse.classify import Token as ClassToken
from cchc_lint.parse.classify import type_name_of
from cchc_lint.parse.inline import find_dates, parse_doc_number
from cchc_lint.parse.tree import (
    Appendix,
    Article,
    Closing,
    DocTree,
    Header,
    Item,
    Line,
    Observation,
    Section,
    Title,
)

_HEAD_KINDS = frozenset({"HEADER_TEXT", "AGENCY", "COUNTRY", "MOTTO", "NUMBER", "PLACE_DATE", "SUBJECT", "ISSUER_TITLE"})
_SUBSTITUTES = ("TEXT", "CLOSING_TEXT", "APPENDIX_TITLE", "SUBJECT")
_HEADING_RANK = {"H_PART": 0, "H_ROMAN": 1, "H_ARABIC": 2, "H_LETTER": 5}
_KIND_NAMES = {
    "BASIS": "dòng căn cứ", "PROPOSAL": "dòng đề nghị", "DECIDES": "dòng «QUYẾT ĐỊNH:»", "ARTICLE": "điều",
    "TYPE_NAME": "tên loại văn bản", "NUMBER": "dòng «Số:»", "PLACE_DATE": "dòng địa danh, ngày tháng",
    "COUNTRY": "Quốc hiệu", "MOTTO": "Tiêu ngữ", "AUTHORITY": "thẩm quyền ký", "RECIPIENTS_TITLE": "«Nơi nhận:»",
    "APPENDIX": "tiêu đề phụ lục", "ATTACH_REF": "dòng «Kèm theo …»", "TABLE": "bảng",
}


class _Stream:
    """The token list behind one shared iterator: after an error lark asks the lexer again and must resume
    where it stopped, not replay the draft from its first token."""

    def __init__(self, tokens: list[ClassToken]) -> None:
        self._tokens = iter(tokens)

    def __iter__(self):
        return self._tokens


class _StreamLexer(Lexer):
    """Feeds the classifier's tokens to lark; ``start_pos`` carries the index back to our token list."""

    def __init__(self, lexer_conf) -> None:
        pass

    def lex(self, data: _Stream):  # type: ignore[override]
        for token in data:
            yield Token(token.kind, token.text or token.kind, start_pos=token.index)


@cache
def grammar(doc_type: str) -> Lark:
    name = {"QD": "qd", "TB": "tb"}.get(doc_type, "kh")
    text = files("cchc_lint.parse").joinpath("grammars", f"{name}.lark").read_text(encoding="utf-8")
    return Lark(text, parser="lalr", lexer=_StreamLexer, propagate_positions=False, maybe_placeholders=False,
                cache=True)


def detect_type(tokens: list[ClassToken]) -> str | None:
    """The draft's type from its first type name, else from the symbol of its number."""
    from cchc_lint.parse.classify import TYPE_NAMES

    for token in tokens:
        if token.kind == "TYPE_NAME":
            found = TYPE_NAMES.get(type_name_of(token.text) or "")
            if found:
                return found
            break
        if token.kind not in _HEAD_KINDS:  # past the title: a later type name belongs to an attachment
            break
    for token in tokens:
        if token.kind == "NUMBER":
            number = parse_doc_number(token.text)
            abbr = number.type_abbr if number else None
            return {"KH": "KH", "QĐ": "QD", "TB": "TB"}.get(abbr or "")
    return None


def build_tree(tokens: list[ClassToken], doc_type: str | None) -> DocTree:
    observations: list[Observation] = []

    def on_error(err: UnexpectedInput) -> bool:
        if not isinstance(err, UnexpectedToken) or err.token.type == "$END":
            return False
        original = tokens[err.token.start_pos]
        observations.append(Observation(
            kind="unexpected", token=original.kind, loc=original.loc,
            message=f"{_KIND_NAMES.get(original.kind, 'đoạn')} nằm sai vị trí trong bố cục văn bản",
        ))
        accepts = err.interactive_parser.accepts()
        for substitute in _SUBSTITUTES:
            if substitute in accepts:
                err.interactive_parser.feed_token(Token(substitute, err.token.value, start_pos=err.token.start_pos))
                break
        return True

    try:
        parsed = grammar(doc_type or "KH").parse(_Stream(tokens), on_error=on_error)
    except LarkError as err:
        observations.append(Observation(kind="unparsed", message=f"không nhận ra bố cục văn bản ({err.__class__.__name__})",
                                        loc=tokens[0].loc if tokens else Line("", "", None, 0).loc))
        tree = DocTree(doc_type=doc_type, lines=[t for t in tokens if isinstance(t, Line)])
        tree.intro, tree.sections = _sections(list(tokens))  # still give the rules the headings
        tree.observations = observations
        return tree
    tree = _Builder(tokens).start(parsed, doc_type)
    tree.observations = observations + tree.observations
    return tree


class _Builder:
    """Turns lark's tree into the DocTree, mapping each leaf back to its classified token."""

    def __init__(self, tokens: list[ClassToken]) -> None:
        self.tokens = tokens

    def _items(self, node: Tree) -> list[ClassToken]:
        out = []
        for leaf in node.scan_values(lambda v: isinstance(v, Token)):
            original = self.tokens[leaf.start_pos]
            if leaf.type != original.kind and isinstance(original, Line):
                original.kind = leaf.type  # recovered as text: it now plays that part
            out.append(original)
        return out

    def start(self, parsed: Tree, doc_type: str | None) -> DocTree:
        tree = DocTree(doc_type=doc_type, lines=[t for t in self.tokens if isinstance(t, Line)])
        for child in parsed.children:
            if child.data == "header":
                tree.header = _header(self._items(child))
            elif child.data == "document":
                self._document(child, tree)
            elif child.data == "attachment":
                attached = DocTree(doc_type=None)
                self._document(child, attached)
                attached.doc_type = _type_of_title(attached.title) or _issued_type(tree)
                tree.attachments.append(attached)
        return tree

    def _document(self, node: Tree, tree: DocTree) -> None:
        for child in node.children:
            kind = child.data
            items = self._items(child)
            if kind == "title":
                tree.title, tree.reference = _title(items)
            elif kind == "preamble":
                tree.preamble = [t for t in items if t.kind == "BASIS"]
                tree.proposal = [t for t in items if t.kind == "PROPOSAL"]
            elif kind == "body":
                tree.intro, tree.sections = _sections(items)
            elif kind == "decision":
                tree.decides = next((t for t in items if t.kind == "DECIDES"), None)
                tree.articles = [self._article(a) for a in child.children if isinstance(a, Tree)]
            elif kind == "closing":
                tree.closing = _closing(items)
            elif kind == "appendix":
                tree.appendices.append(_appendix(items))
        tree.ending = _ending(tree)

    def _article(self, node: Tree) -> Article:
        items = self._items(node)
        heading = items[0]
        m = re.match(r"\s*Điều\s+(\d+)", heading.text, re.IGNORECASE)
        article = Article(number=int(m.group(1)) if m else None, heading=heading)
        article.items, article.sections = _sections(items[1:])
        return article


def _header(items: list[ClassToken]) -> Header:
    header = Header()
    for line in items:
        if line.kind == "AGENCY":
            header.agencies.append(line)
        elif line.kind == "COUNTRY":
            header.country = line
        elif line.kind == "MOTTO":
            header.motto = line
        elif line.kind == "NUMBER" and header.number_line is None:
            header.number_line, header.number = line, parse_doc_number(line.text)
        elif line.kind == "PLACE_DATE" and header.place_date is None:
            header.place_date = line
            header.place = line.text.split(",", 1)[0].strip()
            dates = find_dates(line.text)
            header.date = dates[0] if dates else None
    return header


def _title(items: list[ClassToken]) -> tuple[Title, Line | None]:
    title, reference = Title(), None
    for line in items:
        if line.kind == "TYPE_NAME":
            title.type_line, title.type_name = line, type_name_of(line.text)
        elif line.kind == "SUBJECT":
            title.subject.append(line)
        elif line.kind == "ISSUER_TITLE":
            title.issuer_title = line
        elif line.kind == "ATTACH_REF":
            reference = line
    return title, reference


def _type_of_title(title: Title) -> str | None:
    from cchc_lint.parse.classify import TYPE_NAMES

    return TYPE_NAMES.get(title.type_name or "")


_ISSUES = re.compile(r"(?i)ban hành(?:\s+kèm theo quyết định này)?\s+(kế hoạch|quy chế|quy định|chương trình)")


def _issued_type(decision: DocTree) -> str | None:
    """The type of the document a decision issues, read from its subject or Điều 1 («Ban hành … Kế hoạch …»)."""
    texts = [line.text for line in decision.title.subject]
    texts += [a.heading.text for a in decision.articles[:1]]
    for text in texts:
        m = _ISSUES.search(text)
        if m:
            return "KH" if m.group(1).lower() == "kế hoạch" else None
    return None


def _rank(line: Line) -> int:
    if line.kind == "H_DECIMAL":
        return 1 + (line.label or "1.1").rstrip(".").count(".") + 1
    return _HEADING_RANK.get(line.kind, 6)


def _sections(items: list[ClassToken]) -> tuple[list[Item], list[Section]]:
    """Build the heading hierarchy from the headings' numbering kinds with a stack (linear time)."""
    intro: list[Item] = []
    roots: list[Section] = []
    stack: list[Section] = []
    for item in items:
        if isinstance(item, Line) and item.kind.startswith("H_"):
            section = Section(rank=_rank(item), heading=item)
            while stack and stack[-1].rank >= section.rank:
                stack.pop()
            if stack:
                section.parent = stack[-1]
                stack[-1].children.append(section)
            else:
                roots.append(section)
            stack.append(section)
        elif stack:
            stack[-1].items.append(item)
        else:
            intro.append(item)
    return intro, roots


def _closing(items: list[ClassToken]) -> Closing:
    closing = Closing()
    for line in items:
        if line.kind in ("AUTHORITY", "AUTHORITY_TITLE"):
            closing.authority.append(line)
        elif line.kind == "SIGNER":
            closing.signer = line
        elif line.kind == "RECIPIENTS_TITLE":
            closing.recipients_title = line
        elif line.kind == "RECIPIENT":
            closing.recipients.append(line)
    return closing


def _appendix(items: list[ClassToken]) -> Appendix:
    appendix = Appendix(label_line=items[0])
    rest: list[ClassToken] = []
    # without its «Phụ lục» line the appendix is known by its first title line, which stays a title too
    for line in items[1:] if items[0].kind == "APPENDIX" else items:
        if line.kind == "APPENDIX_TITLE":
            appendix.titles.append(line)
        elif line.kind == "ATTACH_REF" and appendix.reference is None and not rest:
            appendix.reference = line
        else:
            rest.append(line)
    appendix.items, appendix.sections = _sections(rest)
    return appendix


def _ending(tree: DocTree) -> Line | None:
    last = None
    for item in tree.body_items():
        if isinstance(item, Line) and item.text.rstrip().endswith("./."):
            last = item
    return last
