"""Effective formatting: run properties → character style → paragraph style and its basedOn chain → docDefaults.

Properties are flattened to small dicts once per style; a paragraph or run then resolves by layering dicts,
and the result is memoised per document on (style, direct properties) so a 500-page draft resolves each combination once.
"""

from __future__ import annotations

from lxml import etree

from cchc_lint.model import ParaFormat, RunFormat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wattr(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    if el is None:
        return default
    return el.get(w(name), default)


_OFF = {"0", "false", "off", "none"}


def _toggle(el: etree._Element) -> bool:
    return (el.get(w("val")) or "true").lower() not in _OFF


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


def run_props(rpr: etree._Element | None) -> dict[str, object]:
    """The run properties set explicitly on one rPr element (nothing inherited)."""
    out: dict[str, object] = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = etree.QName(child).localname
        if tag == "rFonts":
            for key in ("ascii", "hAnsi", "cs", "asciiTheme", "hAnsiTheme"):
                value = child.get(w(key))
                if value:
                    out[f"font_{key}"] = value
        elif tag == "sz":
            size = _int(child.get(w("val")))
            if size is not None:
                out["size"] = size / 2
        elif tag in ("b", "i", "caps"):
            out[{"b": "bold", "i": "italic", "caps": "caps"}[tag]] = _toggle(child)
        elif tag == "u":
            out["underline"] = (child.get(w("val")) or "single") != "none"
        elif tag == "color":
            value = child.get(w("val"))
            out["color"] = None if not value or value == "auto" else value.upper()
        elif tag == "rStyle":
            out["rStyle"] = child.get(w("val"))
    return out


def para_props(ppr: etree._Element | None) -> dict[str, object]:
    """The paragraph properties set explicitly on one pPr element."""
    out: dict[str, object] = {}
    if ppr is None:
        return out
    for child in ppr:
        tag = etree.QName(child).localname
        if tag == "jc":
            value = child.get(w("val"))
            out["alignment"] = {"start": "left", "end": "right"}.get(value, value)
        elif tag == "ind":
            _indent_props(child, out)
        elif tag == "spacing":
            _spacing_props(child, out)
        elif tag == "outlineLvl":
            out["outline_level"] = _int(child.get(w("val")))
        elif tag == "numPr":
            ilvl, num_id = child.find(w("ilvl")), child.find(w("numId"))
            if num_id is not None:
                out["num_id"] = _int(num_id.get(w("val")))
            if ilvl is not None:
                out["ilvl"] = _int(ilvl.get(w("val")))
        elif tag == "pStyle":
            out["pStyle"] = child.get(w("val"))
    return out


def _indent_props(el: etree._Element, out: dict[str, object]) -> None:
    for key, name in (("left", "indent_left"), ("start", "indent_left"), ("right", "indent_right"),
                      ("end", "indent_right"), ("firstLine", "indent_first_line")):
        value = _int(el.get(w(key)))
        if value is not None:
            out[name] = value
    hanging = _int(el.get(w("hanging")))
    if hanging is not None:
        out["indent_first_line"] = -hanging


def _spacing_props(el: etree._Element, out: dict[str, object]) -> None:
    for key, name in (("before", "space_before"), ("after", "space_after")):
        value = _int(el.get(w(key)))
        if value is not None:
            out[name] = value / 20
    line = _int(el.get(w("line")))
    if line is not None:
        rule = el.get(w("lineRule")) or "auto"
        out["line_rule"] = rule
        out["line_spacing"] = line / 240 if rule == "auto" else line / 20


class Styles:
    """styles.xml (+ theme fonts) resolved into flat property dicts per style id."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None) -> None:
        self._raw: dict[str, tuple[str | None, str | None, dict, dict, str]] = {}
        self.default_para: str | None = None
        self.default_char: str | None = None
        self.doc_run: dict[str, object] = {}
        self.doc_para: dict[str, object] = {}
        self._elements: dict[str, etree._Element] = {}
        self.theme_fonts = _theme_fonts(theme)
        if styles is not None:
            self._load(styles)
        self._chain_cache: dict[str | None, tuple[dict, dict]] = {}
        self._para_cache: dict[tuple, tuple[ParaFormat, dict]] = {}
        self._run_cache: dict[tuple, RunFormat] = {}

    def _load(self, root: etree._Element) -> None:
        # Only index the styles here: Word templates carry hundreds of styles a draft never uses, so their
        # properties are resolved on first use (``_entry``), not all up front.
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.doc_run = run_props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.doc_para = para_props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        style_tag, id_attr, type_attr, default_attr = w("style"), w("styleId"), w("type"), w("default")
        for style in root.iterchildren(style_tag):
            sid = style.get(id_attr)
            if not sid:
                continue
            self._elements[sid] = style
            if (style.get(default_attr) or "").lower() in ("1", "true"):
                kind = style.get(type_attr)
                if kind == "paragraph":
                    self.default_para = sid
                elif kind == "character":
                    self.default_char = sid

    def _entry(self, sid: str) -> tuple[str | None, str | None, dict, dict, str] | None:
        entry = self._raw.get(sid)
        if entry is None and sid in self._elements:
            style = self._elements[sid]
            entry = (style.get(w("type")), wattr(style.find(w("basedOn")), "val"), run_props(style.find(w("rPr"))),
                     para_props(style.find(w("pPr"))), wattr(style.find(w("name")), "val") or sid)
            self._raw[sid] = entry
        return entry

    def table_borders(self, sid: str) -> bool:
        style = self._elements.get(sid)
        if style is None or style.get(w("type")) != "table":
            return False
        return _has_borders(style.find(f"{w('tblPr')}/{w('tblBorders')}"))

    def name(self, sid: str | None) -> str | None:
        entry = self._entry(sid or "")
        return entry[4] if entry else None

    def chain(self, sid: str | None) -> tuple[dict, dict]:
        """(run props, para props) of a style with its basedOn chain applied (nearest wins)."""
        if sid in self._chain_cache:
            return self._chain_cache[sid]
        run: dict = {}
        para: dict = {}
        seen: set[str] = set()
        current = sid
        while current and current not in seen and (entry := self._entry(current)) is not None:
            seen.add(current)  # basedOn loops exist in the wild
            _, based, rprops, pprops, _ = entry
            run = {**rprops, **run}
            para = {**pprops, **para}
            current = based
        self._chain_cache[sid] = (run, para)
        return run, para

    def para_format(self, direct: dict) -> tuple[ParaFormat, dict]:
        """Effective paragraph format and the merged paragraph-level props (for numbering and run defaults)."""
        sid = direct.get("pStyle") or self.default_para
        key = (sid, _freeze(direct))
        if key not in self._para_cache:
            self._para_cache[key] = _para_format(self, *key)
        return self._para_cache[key]

    def run_format(self, pstyle: str | None, direct: dict) -> RunFormat:
        key = (pstyle or self.default_para, _freeze(direct))
        if key not in self._run_cache:
            self._run_cache[key] = _run_format(self, *key)
        return self._run_cache[key]

    def font(self, props: dict) -> str | None:
        for key in ("font_hAnsi", "font_ascii"):
            if key in props:
                return props[key]
            theme = props.get(f"{key}Theme")
            if theme:
                return self.theme_fonts.get("major" if theme.startswith("major") else "minor")
        return None


def _freeze(props: dict) -> tuple:
    return tuple(sorted(props.items()))


def _para_format(styles: Styles, sid: str | None, direct: tuple) -> tuple[ParaFormat, dict]:
    _, chain_para = styles.chain(sid)
    merged = {**styles.doc_para, **chain_para, **dict(direct)}
    fmt = ParaFormat(
        style_id=sid,
        style_name=styles.name(sid),
        alignment=merged.get("alignment"),
        indent_left=merged.get("indent_left", 0),
        indent_right=merged.get("indent_right", 0),
        indent_first_line=merged.get("indent_first_line", 0),
        space_before=merged.get("space_before", 0.0),
        space_after=merged.get("space_after", 0.0),
        line_spacing=merged.get("line_spacing"),
        line_rule=merged.get("line_rule", "auto"),
        outline_level=merged.get("outline_level"),
    )
    return fmt, merged


def _run_format(styles: Styles, pstyle: str | None, direct: tuple) -> RunFormat:
    props = dict(direct)
    char_run, _ = styles.chain(props.get("rStyle") or styles.default_char)
    para_run, _ = styles.chain(pstyle)
    merged = {**styles.doc_run, **para_run, **char_run, **props}
    font = styles.font({k: v for k, v in merged.items() if k.startswith("font_")})
    return RunFormat(
        font=font,
        size=merged.get("size", 10.0),  # Word's built-in default when nothing sets w:sz
        bold=bool(merged.get("bold", False)),
        italic=bool(merged.get("italic", False)),
        underline=bool(merged.get("underline", False)),
        caps=bool(merged.get("caps", False)),
        color=merged.get("color"),
    )


def _has_borders(borders: etree._Element | None) -> bool:
    if borders is None:
        return False
    return any((b.get(w("val")) or "none") not in ("nil", "none") for b in borders)


def table_has_borders(tbl_pr: etree._Element | None, styles: Styles) -> bool:
    """Direct w:tblBorders win; otherwise the table style's; Word's default table has none."""
    if tbl_pr is None:
        return False
    direct = tbl_pr.find(w("tblBorders"))
    if direct is not None:
        return _has_borders(direct)
    sid = wattr(tbl_pr.find(w("tblStyle")), "val")
    return styles.table_borders(sid or "")


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    out: dict[str, str] = {}
    if theme is None:
        return out
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
        if latin is not None and latin.get("typeface"):
            out[kind] = latin.get("typeface")
    return out
