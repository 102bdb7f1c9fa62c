"""Typed, cached access to the declarative rule data in ``rules/*.yaml`` (installed as ``cchc_lint.rules``).

Rules read the law from here, never from constants in code: every entry carries its legal basis, its source,
its confidence and, where it matters, the dates it is in force, so a draft is judged by the law of its own date.
``validate_all()`` checks every file against the shape the loaders expect.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

import yaml

from cchc_lint.cache import memo
from cchc_lint.text.vietnamese import convert_tone_style, is_vietnamese_syllable

FILES = ("doc_types", "legal_registry", "sections", "reform_areas", "layout", "reporting", "table_columns",
         "spelling")
CONFIDENCE = ("high", "medium", "low")
KINDS = ("normative", "admin", "programme", "plan", "party", "standard")

# --- raw files -----------------------------------------------------------------------------------------------


@cache
def load_yaml(text: str) -> Any:
    """Safe YAML through libyaml when PyYAML has it (ten times faster: the rule data is read at every start)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return memo("yaml", text, lambda: yaml.load(text, Loader=loader))  # a safe loader, C or Python


def load(name: str) -> Mapping[str, Any]:
    """The parsed mapping of ``rules/<name>.yaml`` (cached: treat it as read-only)."""
    text = files("cchc_lint.rules").joinpath(f"{name}.yaml").read_text("utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}.yaml: the top level must be a mapping")
    return data


def _date(value: Any, where: str) -> date | None:
    """An ISO date from YAML (already a date when unquoted), or None."""
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"{where}: {value!r} is not an ISO date (YYYY-MM-DD) or null")


def _period(value: Any, where: str) -> tuple[int, int] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(value.get(k), int) for k in ("from", "to")):
        raise ValueError(f"{where}: period must be {{from: YYYY, to: YYYY}}")
    return value["from"], value["to"]


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value or ())


# --- legal registry ------------------------------------------------------------------------------------------


def normalise_number(number: str) -> str:
    """Canonical form of a document number for comparison: NFC, upper case, no spaces, one kind of dash.

    «5409 /QĐ-UBND» and «5409/qđ-ubnd» compare equal; the Icelandic «Ð» that some fonts put for «Đ» is mapped.
    """
    text = unicodedata.normalize("NFC", number).replace("\u00d0", "\u0110").upper()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True, slots=True)
class LegalDoc:
    """One document of ``rules/legal_registry.yaml``."""

    number: str
    type: str
    issuer: str
    date: date | None
    subject: str
    valid_from: date | None
    valid_to: date | None  # first day no longer in force (exclusive)
    replaced_by: str | None
    kind: str
    source: str
    confidence: str
    name: str | None = None
    period: tuple[int, int] | None = None
    replaced_by_date: date | None = None
    partial_survival: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        return normalise_number(self.number)

    def in_force_on(self, day: date) -> bool:
        """In force on ``day``: from valid_from (or the signing date) up to, not including, valid_to."""
        start = self.valid_from or self.date
        return (start is None or start <= day) and (self.valid_to is None or day < self.valid_to)

    def successor(self) -> LegalDoc | None:
        return lookup(self.replaced_by, self.replaced_by_date) if self.replaced_by else None

    def title(self) -> str:
        """How a message names it: «Nghị định 30/2020/NĐ-CP ngày 05/3/2020»; a law by its name and date."""
        when = f" ngày {_dmy(self.date)}" if self.date else ""
        return f"{self.name}{when}" if self.name else f"{self.type} {self.number}{when}"


def _dmy(day: date) -> str:
    """dd/m/yyyy with the zeros of Phụ lục I, mục II.4: day < 10 and months 1, 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def _legal_doc(raw: Mapping[str, Any], where: str) -> LegalDoc:
    return LegalDoc(
        number=str(raw["number"]), type=str(raw["type"]), issuer=str(raw["issuer"]),
        date=_date(raw["date"], where), subject=str(raw["subject"]),
        valid_from=_date(raw["valid_from"], where), valid_to=_date(raw["valid_to"], where),
        replaced_by=raw["replaced_by"], kind=str(raw["kind"]), source=str(raw["source"]),
        confidence=str(raw["confidence"]), name=raw.get("name"), period=_period(raw.get("period"), where),
        replaced_by_date=_date(raw.get("replaced_by_date"), where),
        partial_survival=raw.get("partial_survival"), note=raw.get("note"),
    )


@cache
def registry() -> tuple[LegalDoc, ...]:
    """Every document of the registry, in file order."""
    entries = load("legal_registry").get("documents") or []
    return tuple(_legal_doc(raw, f"legal_registry.yaml: entry {i} ({raw.get('number')})")
                 for i, raw in enumerate(entries))


@cache
def _by_key() -> dict[str, tuple[LegalDoc, ...]]:
    out: dict[str, list[LegalDoc]] = {}
    for doc in registry():
        out.setdefault(doc.key, []).append(doc)
    return {key: tuple(docs) for key, docs in out.items()}


def lookup_all(number: str) -> tuple[LegalDoc, ...]:
    """All documents that carry this number (76/NQ-CP has two)."""
    return _by_key().get(normalise_number(number), ())


def lookup(number: str, date: date | None = None) -> LegalDoc | None:
    """The document with this number; with ``date`` (the cited signing date) the same-numbered one signed
    closest to it. Without a date an ambiguous number gives None."""
    return _closest(lookup_all(number), date)


def find_law(name: str, date: date | None = None) -> LegalDoc | None:
    """A law cited by name («Luật Tổ chức chính quyền địa phương»), disambiguated by its date like ``lookup``."""
    wanted = normalise_heading(name)
    return _closest(tuple(d for d in registry() if d.name and normalise_heading(d.name) == wanted), date)


def _closest(candidates: tuple[LegalDoc, ...], when: date | None) -> LegalDoc | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if when is None:
        return None
    dated = [d for d in candidates if d.date is not None]
    return min(dated, key=lambda d: abs((d.date - when).days)) if dated else None  # type: ignore[operator]


@lru_cache(maxsize=16384)  # headings and phrases recur across rules: fold each once
def normalise_heading(text: str) -> str:
    """Lower case, NFC, one tone style («hòa»), single spaces: the form keywords of the data files match."""
    return " ".join(convert_tone_style(unicodedata.normalize("NFC", text), "old").casefold().split())


# --- document types ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocType:
    """A row of the Phụ lục III table of type-name abbreviations."""

    name: str
    abbreviation: str
    kind: str  # admin | copy
    stt: int | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedType:
    code: str  # KH | QD | TB
    type_name: str
    abbreviation: str
    model: str
    basis: str


@cache
def doc_types() -> tuple[DocType, ...]:
    """The 27 type names of Phụ lục III with their abbreviations, and the three kinds of copy."""
    entries = load("doc_types")["abbreviations"]["entries"]
    return tuple(DocType(e["name"], e["abbreviation"], e["kind"], e.get("stt"), e.get("qualifier"))
                 for e in entries)


@cache
def parsed_doc_types() -> dict[str, ParsedType]:
    """The document types this linter parses, by code (KH, QD, TB)."""
    raw = load("doc_types")["parsed"]
    return {code: ParsedType(code, e["type_name"], e["abbreviation"], e["model"], e["basis"])
            for code, e in raw.items()}


@cache
def abbrs_for_type_word() -> dict[str, tuple[str, ...]]:
    """Type word of a citation → the abbreviations its number may carry («Nghị định» → ("NĐ",))."""
    entries = load("doc_types")["citation_types"]["entries"]
    return {e["type_word"]: _strings(e["abbreviations"]) for e in entries}


@cache
def type_word_for_abbr() -> dict[str, tuple[str, ...]]:
    """Abbreviation in a number → the type words it stands for («QH» → ("Nghị quyết", "Luật", "Bộ luật"))."""
    out: dict[str, list[str]] = {}
    for word, abbrs in abbrs_for_type_word().items():
        for abbr in abbrs:
            out.setdefault(abbr, []).append(word)
    return {abbr: tuple(words) for abbr, words in out.items()}


# --- sections ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionSpec:
    id: str
    title: str
    synonyms: tuple[str, ...]
    required: bool
    order: int
    level: str | None
    basis: str
    confidence: str
    merged_with: tuple[str, ...] = ()
    match: str = "contains"
    note: str | None = None


def _doc_code(doc_type: str) -> str:
    code = unicodedata.normalize("NFC", doc_type).strip().upper().replace("Đ", "D")
    if code not in ("KH", "QD", "TB"):
        raise ValueError(f"unknown document type {doc_type!r} (expected KH, QD or TB)")
    return code


@cache
def sections(doc_type: str) -> tuple[SectionSpec, ...]:
    """Expected sections of a KH, QD (also «QĐ») or TB, in their expected order."""
    entries = load("sections")[_doc_code(doc_type)]["sections"]
    specs = (SectionSpec(
        id=e["id"], title=e["title"], synonyms=_strings(e["synonyms"]), required=bool(e["required"]),
        order=int(e["order"]), level=e.get("level"), basis=e["basis"], confidence=e["confidence"],
        merged_with=_strings(e.get("merged_with")), match=e.get("match", "contains"), note=e.get("note"),
    ) for e in entries)
    return tuple(sorted(specs, key=lambda s: s.order))


# --- reform programmes ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReformArea:
    id: str
    title: str
    keywords: tuple[str, ...]

    def matches(self, heading: str) -> bool:
        """The heading names this area (keywords compared after ``normalise_heading``)."""
        text = normalise_heading(heading)
        return any(normalise_heading(k) in text for k in self.keywords)


@dataclass(frozen=True, slots=True)
class Programme:
    id: str
    number: str
    date: date
    title: str
    period: tuple[int, int]
    valid_from: date
    valid_to: date | None
    basis: str
    confidence: str
    areas: tuple[ReformArea, ...]

    def covers(self, year: int) -> bool:
        return self.period[0] <= year <= self.period[1]


@cache
def programmes() -> tuple[Programme, ...]:
    """The overall CCHC programmes (2001–2010, 2011–2020, 2021–2030), oldest first."""
    raw = load("reform_areas")
    areas = {key: ReformArea(key, a["title"], _strings(a["keywords"])) for key, a in raw["areas"].items()}
    out = []
    for p in raw["programmes"]:
        where = f"reform_areas.yaml: programme {p.get('id')}"
        out.append(Programme(
            id=p["id"], number=p["number"], date=_date(p["date"], where), title=p["title"],  # type: ignore[arg-type]
            period=_period(p["period"], where), valid_from=_date(p["valid_from"], where),  # type: ignore[arg-type]
            valid_to=_date(p["valid_to"], where), basis=p["basis"], confidence=p["confidence"],
            areas=tuple(areas[a] for a in p["areas"]),
        ))
    return tuple(sorted(out, key=lambda p: p.date))


def reform_programme(plan_year: int, on: date | None = None) -> Programme | None:
    """The programme a plan for ``plan_year`` follows; with ``on`` (the draft's date) only one signed by then.

    A 2021 plan drafted in December 2020 follows 30c/NQ-CP: NQ 76/NQ-CP was signed on 15/7/2021.
    """
    covering = [p for p in programmes() if p.covers(plan_year)]
    if not covering or on is None:
        return covering[-1] if covering else None
    signed = [p for p in programmes() if p.date <= on]
    usable = [p for p in covering if p in signed] or signed  # not yet signed: the previous one still guided
    return usable[-1] if usable else None


@cache
def other_headings() -> tuple[ReformArea, ...]:
    """Headings common among task headings that are not reform areas (chỉ đạo điều hành, tuyên truyền …)."""
    entries = load("reform_areas")["other_headings"]["entries"]
    return tuple(ReformArea(e["id"], e["title"], _strings(e["keywords"])) for e in entries)


# --- layout, tables, spelling --------------------------------------------------------------------------------


def layout_profile() -> dict[str, Any]:
    """The Phụ lục I profile as a plain mapping (a copy: callers may keep or change it)."""
    return copy.deepcopy(dict(load("layout")))


@dataclass(frozen=True, slots=True)
class TableColumn:
    id: str
    title: str
    synonyms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableProfile:
    name: str
    required: tuple[str, ...]
    recommended: tuple[str, ...]
    optional: tuple[str, ...]
    columns: tuple[TableColumn, ...]
    basis: str
    confidence: str
    note: str | None = None


@cache
def table_columns() -> tuple[TableColumn, ...]:
    return tuple(TableColumn(c["id"], c["title"], _strings(c["synonyms"])) for c in load("table_columns")["columns"])


@cache
def table_profile(name: str = "cchc_plan") -> TableProfile:
    """Which task-table columns a plan needs (a practice profile, confidence low: no text mandates them)."""
    raw = load("table_columns")
    profile = raw["profiles"][name]
    return TableProfile(
        name=name, required=_strings(profile["required"]), recommended=_strings(profile.get("recommended")),
        optional=_strings(profile.get("optional")), columns=table_columns(), basis=raw["basis"],
        confidence=profile.get("confidence", raw["confidence"]), note=profile.get("note"),
    )


@dataclass(frozen=True, slots=True)
class Misspelling:
    wrong: str
    right: str
    basis: str | None = None
    note: str | None = None


@cache
def misspellings() -> tuple[Misspelling, ...]:
    """Frequent misspellings with their corrections (NFC), each with the group's basis."""
    group = load("spelling")["misspellings"]
    return tuple(Misspelling(_nfc(e["wrong"]), _nfc(e["right"]), group["basis"], e.get("note"))
                 for e in group["entries"])


def _nfc(value: Any) -> str:
    return unicodedata.normalize("NFC", str(value))


@cache
def tone_placement_pairs() -> tuple[tuple[str, str], ...]:
    """(kiểu cũ, kiểu mới) pairs: ("òa", "oà"), ("ủy", "uỷ") …"""
    return tuple((p["old"], p["new"]) for p in load("spelling")["tone_placement"]["pairs"])


# --- reporting windows and working days ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportingWindow:
    period: str  # monthly | quarterly | half_year | nine_months | yearly
    months: int
    count: int
    basis: str
    confidence: str
    provincial: bool = False


@cache
def reporting_windows() -> dict[str, ReportingWindow]:
    """The Điều 12 ND 09/2019 periods (and the provincial 9-month one) by name."""
    raw = load("reporting")["windows"]
    return {name: ReportingWindow(name, int(w["months"]), int(w["count"]), w["basis"], w["confidence"],
                                  bool(w.get("provincial", False)))
            for name, w in raw.items()}


def reporting_window(period: str, year: int, n: int = 1, *, start_day: int | None = None,
                     end_day: int | None = None) -> tuple[date, date]:
    """(first, last) day of data of report ``n`` of ``period`` in ``year``; quarterly 2 of 2021 →
    (15/3/2021, 14/6/2021). ``start_day``/``end_day`` override the ND 09 days (15 and 14) for a province."""
    window = reporting_windows()[period]
    if not 1 <= n <= window.count:
        raise ValueError(f"{period} report number must be 1..{window.count}, not {n}")
    raw = load("reporting")
    end_month = n * window.months
    start_year, start_month = (year, end_month - window.months) if end_month > window.months else (year - 1, 12)
    first = date(start_year, start_month, start_day or raw["start_day"])
    return first, date(year, end_month, end_day or raw["end_day"])


def annual_report_grace_days() -> int:
    return int(load("reporting")["annual_report_grace_days"])


def min_working_days_after_cutoff() -> int:
    """ND 09/2019 Điều 8 khoản 5: at least this many working days between the cut-off and the deadline."""
    return int(load("reporting")["deadline"]["min_working_days_after_cutoff"])


@cache
def _holidays(year: int) -> frozenset[date]:
    """Vietnam's public holidays of ``year`` (Tết included) as the `holidays` library computes them; kept on
    disk per library version, since importing the library loads every country (~0.1 s at each start)."""
    from importlib.metadata import version

    def compute() -> frozenset[date]:
        import holidays

        return frozenset(holidays.Vietnam(years=year))

    return memo("holidays-vn", f"{version('holidays')}|{year}", compute)


@cache
def _weekend() -> frozenset[int]:
    return frozenset(int(d) for d in load("reporting").get("weekend", (5, 6)))


def is_working_day(day: date) -> bool:
    """Not a Saturday or Sunday and not a Vietnamese public holiday (Tết included)."""
    return day.weekday() not in _weekend() and day not in _holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))


def add_working_days(day: date, n: int) -> date:
    """The date ``n`` working days after ``day`` (before it when n < 0); n = 0 gives ``day``."""
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        remaining -= is_working_day(day)
    return day


# --- validation ----------------------------------------------------------------------------------------------


def validate_all() -> None:
    """Check every rules file against the shape the loaders expect; ValueError names the file and entry."""
    for name in FILES:
        try:
            _CHECKS[name](load(name))
        except (KeyError, TypeError, AttributeError) as exc:  # a malformed file the checks did not foresee
            raise ValueError(f"{name}.yaml: malformed ({type(exc).__name__}: {exc})") from exc
    # The typed loaders parse every date and cross-reference; run them too.
    registry(), doc_types(), parsed_doc_types(), type_word_for_abbr(), programmes(), other_headings()
    table_profile(), misspellings(), tone_placement_pairs(), reporting_windows()
    for code in ("KH", "QD", "TB"):
        sections(code)


def _require(entry: Any, keys: Iterable[str], where: str) -> None:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: expected a mapping, got {type(entry).__name__}")
    missing = [k for k in keys if k not in entry]
    if missing:
        raise ValueError(f"{where}: missing key(s) {', '.join(missing)}")
    if "confidence" in entry and entry["confidence"] not in CONFIDENCE:
        raise ValueError(f"{where}: confidence must be one of {CONFIDENCE}, not {entry['confidence']!r}")


_DOC_KEYS = ("number", "type", "issuer", "date", "subject", "valid_from", "valid_to", "replaced_by", "kind",
             "source", "confidence")


def _check_registry(raw: Mapping[str, Any]) -> None:
    seen: set[tuple[str, date | None]] = set()
    for i, entry in enumerate(raw["documents"]):
        where = f"legal_registry.yaml: entry {i} ({entry.get('number') if isinstance(entry, dict) else '?'})"
        _require(entry, _DOC_KEYS, where)
        doc = _legal_doc(entry, where)
        if doc.kind not in KINDS:
            raise ValueError(f"{where}: kind must be one of {KINDS}, not {doc.kind!r}")
        if doc.kind in ("programme", "plan") and "period" in entry and doc.period is None:
            raise ValueError(f"{where}: period must be {{from, to}}")
        start = doc.valid_from or doc.date
        if start and doc.valid_to and doc.valid_to <= start:
            raise ValueError(f"{where}: valid_to {doc.valid_to} is not after {start}")
        if (doc.key, doc.date) in seen:
            raise ValueError(f"{where}: duplicate of an earlier entry (same number and date)")
        seen.add((doc.key, doc.date))
    for doc in registry():
        if doc.replaced_by and doc.successor() is None:
            raise ValueError(f"legal_registry.yaml: entry {doc.number}: replaced_by {doc.replaced_by!r} "
                             "is not in the registry (or is ambiguous without replaced_by_date)")


def _check_doc_types(raw: Mapping[str, Any]) -> None:
    for i, entry in enumerate(raw["abbreviations"]["entries"]):
        _require(entry, ("name", "abbreviation", "kind"), f"doc_types.yaml: abbreviations entry {i}")
    for code, entry in raw["parsed"].items():
        _require(entry, ("type_name", "abbreviation", "model", "basis", "confidence"), f"doc_types.yaml: parsed {code}")
    for i, entry in enumerate(raw["citation_types"]["entries"]):
        _require(entry, ("type_word", "abbreviations"), f"doc_types.yaml: citation_types entry {i}")
    for group in ("abbreviations", "citation_types"):
        _require(raw[group], ("basis", "source", "confidence"), f"doc_types.yaml: {group}")


def _check_sections(raw: Mapping[str, Any]) -> None:
    for code in ("KH", "QD", "TB"):
        _require(raw.get(code), ("basis", "sections"), f"sections.yaml: {code}")
        ids = set()
        for entry in raw[code]["sections"]:
            where = f"sections.yaml: {code} section {entry.get('id') if isinstance(entry, dict) else '?'}"
            _require(entry, ("id", "title", "synonyms", "required", "order", "level", "basis", "confidence"), where)
            if entry["id"] in ids:
                raise ValueError(f"{where}: duplicate id")
            ids.add(entry["id"])
        for entry in raw[code]["sections"]:
            unknown = set(entry.get("merged_with") or ()) - ids
            if unknown:
                raise ValueError(f"sections.yaml: {code} section {entry['id']}: merged_with unknown {sorted(unknown)}")


def _check_reform(raw: Mapping[str, Any]) -> None:
    for key, area in raw["areas"].items():
        _require(area, ("title", "keywords"), f"reform_areas.yaml: area {key}")
    keys = ("id", "number", "date", "title", "period", "valid_from", "valid_to", "basis", "source", "confidence",
            "areas")
    for entry in raw["programmes"]:
        where = f"reform_areas.yaml: programme {entry.get('id') if isinstance(entry, dict) else '?'}"
        _require(entry, keys, where)
        unknown = [a for a in entry["areas"] if a not in raw["areas"]]
        if unknown:
            raise ValueError(f"{where}: unknown areas {unknown}")
        if lookup(entry["number"], _date(entry["date"], where)) is None:
            raise ValueError(f"{where}: {entry['number']} is not in legal_registry.yaml")
    for entry in raw["other_headings"]["entries"]:
        _require(entry, ("id", "title", "keywords"), f"reform_areas.yaml: other_headings {entry.get('id')}")


def _check_layout(raw: Mapping[str, Any]) -> None:
    _require(raw, ("valid_from", "basis", "page", "font", "paragraph", "texts", "elements"), "layout.yaml")
    _date(raw["valid_from"], "layout.yaml: valid_from")
    for side in ("top", "bottom", "left", "right"):
        _require(raw["page"]["margins"][side], ("min", "max"), f"layout.yaml: page.margins.{side}")
    for key, entry in raw["elements"].items():
        where = f"layout.yaml: element {key}"
        _require(entry, ("size", "bold", "italic", "caps", "alignment", "basis"), where)
        _require(entry["size"], ("min", "max"), f"{where}.size")


def _check_reporting(raw: Mapping[str, Any]) -> None:
    _require(raw, ("valid_from", "basis", "start_day", "end_day", "windows", "deadline", "annual_report_grace_days",
                   "holiday_source"), "reporting.yaml")
    for name, entry in raw["windows"].items():
        _require(entry, ("months", "count", "basis", "confidence"), f"reporting.yaml: window {name}")
    _require(raw["deadline"], ("min_working_days_after_cutoff", "basis", "confidence"), "reporting.yaml: deadline")


def _check_table(raw: Mapping[str, Any]) -> None:
    _require(raw, ("basis", "source", "confidence", "columns", "profiles"), "table_columns.yaml")
    ids = set()
    for entry in raw["columns"]:
        _require(entry, ("id", "title", "synonyms"), f"table_columns.yaml: column {entry.get('id')}")
        ids.add(entry["id"])
    for name, profile in raw["profiles"].items():
        where = f"table_columns.yaml: profile {name}"
        _require(profile, ("required",), where)
        unknown = {c for key in ("required", "recommended", "optional") for c in profile.get(key) or ()} - ids
        if unknown:
            raise ValueError(f"{where}: unknown columns {sorted(unknown)}")


def _check_spelling(raw: Mapping[str, Any]) -> None:
    group = raw["misspellings"]
    _require(group, ("basis", "source", "confidence", "entries"), "spelling.yaml: misspellings")
    for i, entry in enumerate(group["entries"]):
        where = f"spelling.yaml: misspellings entry {i} ({entry.get('wrong') if isinstance(entry, dict) else '?'})"
        _require(entry, ("wrong", "right"), where)
        bad = [w for w in str(entry["right"]).split() if not is_vietnamese_syllable(w)]
        if bad or entry["wrong"] == entry["right"]:
            raise ValueError(f"{where}: the correction {entry['right']!r} is not well-formed Vietnamese")
    _require(raw["tone_placement"], ("basis", "pairs"), "spelling.yaml: tone_placement")
    for i, pair in enumerate(raw["tone_placement"]["pairs"]):
        _require(pair, ("old", "new"), f"spelling.yaml: tone_placement pair {i}")


_CHECKS = {
    "doc_types": _check_doc_types, "legal_registry": _check_registry, "sections": _check_sections,
    "reform_areas": _check_reform, "layout": _check_layout, "reporting": _check_reporting,
    "table_columns": _check_table, "spelling": _check_spelling,
}
