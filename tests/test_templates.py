"""The docxtpl templates themselves: up to date with scripts/make_templates.py, every Jinja tag well-formed and
in one run, the Decree 30 page layout, and a rendered sample with no layout (TT) or number/date (SN) finding."""

from __future__ import annotations

import importlib.util
import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from jinja2 import Environment
from lxml import etree

from cchc_lint.draft.render import TYPE_NAMES, template_bytes
from cchc_lint.read import read_bytes
from tests.conftest import lint_bytes

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CONTEXT_KEYS = {"header", "subject", "basis", "intro", "sections", "signature", "recipients_title", "recipients",
                "appendices"}
QD_KEYS = CONTEXT_KEYS | {"issuer_title", "articles", "attachments"}
TYPES = ("KH", "QD", "TB")


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return z.read(name)


def _sample(doc_type: str) -> dict:
    from cchc_lint.draft.schema import load_data

    return load_data(ROOT / "examples" / f"{doc_type.lower()}.yaml")


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "scripts" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("templates")
    module.main(out)
    return out


@pytest.mark.parametrize("doc_type", TYPES)
def test_committed_templates_are_what_the_script_builds(rebuilt, doc_type):
    name = f"{doc_type.lower()}.docx"
    for part in ("word/document.xml", "word/styles.xml", "word/header1.xml", "word/settings.xml"):
        assert _part((rebuilt / name).read_bytes(), part) == _part((TEMPLATES / name).read_bytes(), part), part


def test_packaged_examples_are_the_documented_ones():
    from cchc_lint.draft.examples_data import EXAMPLES

    for doc_type in TYPES:
        assert EXAMPLES[doc_type] == (ROOT / "examples" / f"{doc_type.lower()}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("doc_type", TYPES)
def test_tags_are_well_formed_and_declared(doc_type):
    tpl = DocxTemplate(BytesIO(template_bytes(doc_type)))
    names = tpl.get_undeclared_template_variables(Environment(autoescape=True))  # parses every tag
    assert names == (QD_KEYS if doc_type == "QD" else CONTEXT_KEYS)


@pytest.mark.parametrize("doc_type", TYPES)
def test_each_tag_sits_in_one_run(doc_type):
    root = etree.fromstring(_part(template_bytes(doc_type), "word/document.xml"))
    tags = 0
    for run in root.iter(f"{W}r"):
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        for opening, closing in (("{%", "%}"), ("{{", "}}")):
            assert text.count(opening) == text.count(closing), text
            tags += text.count(opening)
    for para in root.iter(f"{W}p"):  # and no paragraph splits a tag across runs
        text = "".join(t.text or "" for t in para.iter(f"{W}t"))
        assert text.count("{%") == text.count("%}") and text.count("{{") == text.count("}}")
    assert tags > 30


@pytest.mark.parametrize("doc_type", TYPES)
def test_page_setup_fonts_and_page_numbers(doc_type):
    root = etree.fromstring(_part(template_bytes(doc_type), "word/document.xml"))
    sect = root.find(f"{W}body/{W}sectPr")
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")  # A4 portrait
    assert {k: margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")} == \
        {"top": "1134", "bottom": "1134", "left": "1701", "right": "851"}  # 20/20/30/15 mm
    assert sect.find(f"{W}titlePg") is not None
    styles = _part(template_bytes(doc_type), "word/styles.xml").decode()
    assert 'w:ascii="Times New Roman"' in styles and "Theme" not in re.sub(r"<w:latentStyles.*?</w:latentStyles>",
                                                                             "", styles, flags=re.S)
    header = _part(template_bytes(doc_type), "word/header1.xml").decode()
    assert "PAGE" in header


def test_task_table_repeats_its_header_row():
    root = etree.fromstring(_part(template_bytes("KH"), "word/document.xml"))
    tables = [t for t in root.iter(f"{W}tbl") if "{%tr for t in g.tasks %}" in "".join(t.itertext())]
    assert len(tables) == 1
    first_row = tables[0].find(f"{W}tr")
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None


@pytest.fixture(scope="module")
def rendered() -> dict[str, bytes]:
    from cchc_lint.draft.render import render_bytes
    from cchc_lint.draft.schema import draft_from_data

    return {t: render_bytes(draft_from_data(t, _sample(t))) for t in TYPES}


@pytest.mark.parametrize("doc_type", TYPES)
def test_rendered_sample_has_the_decree_layout(rendered, doc_type):
    model = read_bytes(rendered[doc_type], "sample.docx")
    main, appendix = model.sections[0], model.sections[-1]
    assert (main.page_width, main.page_height, main.orientation) == (11906, 16838, "portrait")
    assert main.title_page and main.header_page_number and not main.first_page_header_has_number
    assert main.header_page_number_alignment == "center"
    if doc_type != "TB":  # the examples of KH and QD carry a task appendix: own landscape section
        assert len(model.sections) == 2
        assert (appendix.page_width, appendix.orientation) == (16838, "landscape")
    else:
        assert len(model.sections) == 1
    texts = [p.text for p in model.iter_paragraphs()]
    assert TYPE_NAMES[doc_type] in texts
    assert not any("{{" in t or "{%" in t or "§§" in t for t in texts)


@pytest.mark.parametrize("doc_type", TYPES)
def test_rendered_sample_has_no_layout_finding(rendered, doc_type):
    report = lint_bytes(rendered[doc_type], "sample.docx", select=("TT", "SN"))
    assert report.error is None
    assert [(f.code, f.message) for f in report.findings] == []


def test_escaping_of_user_text(tmp_path):
    from cchc_lint.draft.render import render_draft

    data = _sample("TB")
    data["intro"] = ["Giá trị <b>&amp; \"x\" 'y' {{ z }}"]
    out = render_draft("TB", data, tmp_path / "tb.docx")
    texts = [p.text for p in read_bytes(out.read_bytes(), "tb.docx").iter_paragraphs()]
    assert "Giá trị <b>&amp; \"x\" 'y' {{ z }}" in texts
