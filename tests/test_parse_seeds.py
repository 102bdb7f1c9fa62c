"""Every seed, as a Word draft with typed and with automatic numbering, parses to the right type, number, date,
preamble, section tree and appendix tables; the trees are snapshotted (numbering mode does not change them)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cchc_lint.dump import dump_tree
from cchc_lint.parse import parse_document
from cchc_lint.read import read_document
from tests.fixtures.seeds import SEEDS, build_seed

# What a reader of each seed sees on paper (from the seed texts in shared/seeds), independent of our parser.
EXPECTED = {
    "kh_1355_2020": dict(doc_type="KH", number="1355/KH-SKHĐT", date="2020-02-28", basis=1,
                         top=["I.", "II.", "III.", "IV.", "V."], attachments=0),
    "qd_1191_2021": dict(doc_type="QD", number="1191/QĐ-UBND", date="2021-04-07", basis=3, articles=4,
                         attachments=1, attached_type="KH"),
    "qd_5409_2019": dict(doc_type="QD", number="5409/QĐ-UBND", date="2019-12-20", basis=6, articles=3,
                         attachments=1, attached_type="KH"),
    "tb_2021_draft": dict(doc_type="TB", number="/TB-SKHĐT", date=None, basis=1, top=["I.", "II."],
                          attachments=0),
}


@pytest.fixture(scope="module")
def trees(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seed-trees")
    out = {}
    for name in SEEDS:
        for mode in ("manual", "auto"):
            path = build_seed(name, folder / f"{name}-{mode}.docx", numbering=mode)
            model = read_document(path)
            out[name, mode] = (model, parse_document(model))
    return out


def _outline(model, tree) -> str:
    """The dump without the temporary path, the «(tự động)» marks and typed bullet characters (Word's list
    shows them from numbering.xml), which differ by build."""
    text = dump_tree(model, None)
    lines = (re.sub(r" \(tự động\)", "", line) for line in text.splitlines()[1:])
    lines = (re.sub(r"^(\s*BULLET @\d+: )[-+•] ", r"\1", line) for line in lines)
    return "\n".join(re.sub(r"^(\s*[A-Z_]+ @\d+: )(.{0,80}).*$", r"\1\2", line) for line in lines)


@pytest.mark.parametrize("mode", ["manual", "auto"])
@pytest.mark.parametrize("name", SEEDS)
def test_seed_parses_to_what_is_on_paper(trees, name, mode):
    _model, tree = trees[name, mode]
    want = EXPECTED[name]
    assert tree.doc_type == want["doc_type"]
    number = tree.header.number
    assert number is not None and number.canonical.replace(" ", "") == want["number"]
    assert (tree.date.isoformat() if tree.date else None) == want["date"]
    assert len(tree.preamble) == want["basis"]
    if "top" in want:
        assert [s.label for s in tree.sections] == want["top"]
    if "articles" in want:
        assert [a.number for a in tree.articles] == list(range(1, want["articles"] + 1))
    assert len(tree.attachments) == want["attachments"]
    for attached in tree.attachments:
        assert attached.doc_type == want["attached_type"]
        assert attached.sections, "the attached plan keeps its section tree"
    tables = [t for doc in tree.documents() for a in doc.appendices for t in a.tables]
    if name == "qd_5409_2019":
        assert len(tables) == 7  # Phụ lục 01–07 without 04 (the draft lost its caption), 03 in two tables


@pytest.mark.parametrize("name", SEEDS)
def test_numbering_mode_does_not_change_the_tree(trees, name):
    assert _outline(*trees[name, "auto"]) == _outline(*trees[name, "manual"])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_tree_snapshot(trees, name, snapshot):
    assert _outline(*trees[name, "manual"]) == snapshot


def test_bundled_examples_parse_like_the_builders():
    examples = Path(__file__).parents[1] / "examples"
    tree = parse_document(read_document(examples / "qd_5409_2019.auto-numbering.docx"))
    assert tree.doc_type == "QD" and tree.attachments and tree.attachments[0].appendices
