"""Configuration: ``[tool.cchc-lint]`` in pyproject.toml or a cchc-lint.toml, nearest one up from the input.

Keys are spelt as in the CLI (``fail-on``, ``per-file-ignores``); underscores are accepted too. Anything unknown
is a ``ConfigError`` (exit 2): a misspelt key silently ignored would make a legal unit trust a check that is off.
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cchc_lint.findings import Severity

CONFIG_FILES = ("cchc-lint.toml", ".cchc-lint.toml", "pyproject.toml")
TOP_KEYS = {"select", "ignore", "per-file-ignores", "severity", "fail-on", "doc-type", "rules", "agency",
            "reporting", "plugins", "jobs", "timeout"}
AGENCY_KEYS = {"name", "abbreviation", "place", "parent"}
REPORTING_KEYS = {"window-start-day", "window-end-day", "annual-grace-days", "nine-month-window",
                  "deadline-day"}
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration that cannot be used; ``str(err)`` is the one line shown to the user."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"
    doc_type: str | None = None
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    agency: dict[str, str] = field(default_factory=dict)
    reporting: dict[str, Any] = field(default_factory=dict)
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: int = 1
    timeout: float = 60.0
    source: str | None = None  # the file it came from

    def ignored_for(self, path: str) -> tuple[str, ...]:
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                out.extend(codes)
        return tuple(out)

    def merged(self, **overrides: Any) -> Config:
        """CLI values win over the file; None means "not given on the command line"."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _norm(key: str) -> str:
    return key.replace("_", "-")


def _codes(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' phải là danh sách mã quy tắc")
    return tuple(v.strip().upper() for v in value)


def _check_keys(table: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(k for k in table if _norm(k) not in allowed)
    if unknown:
        raise ConfigError(f"{where}: khoá cấu hình không hợp lệ: {', '.join(unknown)} "
                          f"(hợp lệ: {', '.join(sorted(allowed))})")


def from_table(table: dict[str, Any], where: str) -> Config:
    _check_keys(table, TOP_KEYS, where)
    t = {_norm(k): v for k, v in table.items()}
    severity = {}
    for code, value in (t.get("severity") or {}).items():
        try:
            severity[code.upper()] = Severity.parse(str(value))
        except ValueError as err:
            raise ConfigError(f"{where}: severity.{code}: {err}") from None
    fail_on = str(t.get("fail-on", "error")).lower()
    if fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: fail-on phải là một trong {', '.join(FAIL_ON)}")
    _check_keys(t.get("agency") or {}, AGENCY_KEYS, f"{where} [agency]")
    _check_keys(t.get("reporting") or {}, REPORTING_KEYS, f"{where} [reporting]")
    per_file = {pattern: _codes(codes, f"per-file-ignores.{pattern}", where)
                for pattern, codes in (t.get("per-file-ignores") or {}).items()}
    doc_type = t.get("doc-type")
    if doc_type is not None and str(doc_type).upper() not in ("KH", "QD", "TB"):
        raise ConfigError(f"{where}: doc-type phải là KH, QD hoặc TB")
    return Config(
        select=_codes(t.get("select", []), "select", where),
        ignore=_codes(t.get("ignore", []), "ignore", where),
        per_file_ignores=per_file,
        severity=severity,
        fail_on=fail_on,
        doc_type=str(doc_type).upper() if doc_type else None,
        rule_options={k.upper() if k[:2].isalpha() and k[2:].isdigit() else k: dict(v)
                      for k, v in (t.get("rules") or {}).items()},
        agency={_norm(k): str(v) for k, v in (t.get("agency") or {}).items()},
        reporting={_norm(k): v for k, v in (t.get("reporting") or {}).items()},
        plugins=dict(t.get("plugins") or {}),
        jobs=int(t.get("jobs", 1)),
        timeout=float(t.get("timeout", 60.0)),
        source=where,
    )


def load_file(path: str | Path) -> Config:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: không tìm thấy tệp cấu hình") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: tệp cấu hình TOML không hợp lệ ({err})") from None
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("cchc-lint", {})
    return from_table(data, str(path))


def find_config(start: str | Path) -> Path | None:
    """The nearest cchc-lint.toml, or pyproject.toml with a [tool.cchc-lint] table, from ``start`` upwards."""
    here = Path(start).resolve()
    folder = here if here.is_dir() else here.parent
    for candidate_dir in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_dir / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_section(candidate)):
                return candidate
    return None


def _has_section(pyproject: Path) -> bool:
    try:
        return "cchc-lint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
        return False


def load_config(explicit: str | Path | None = None, near: str | Path | None = None) -> Config:
    if explicit:
        return load_file(explicit)
    found = find_config(near or Path.cwd())
    return load_file(found) if found else Config()


def validate_codes(config: Config) -> None:
    """Every code or prefix named in the configuration must exist among the loaded rules."""
    from cchc_lint.check.registry import known_pattern

    named = [*config.select, *config.ignore, *config.severity, *(c for cs in config.per_file_ignores.values()
                                                                 for c in cs)]
    named += [k for k in config.rule_options if k[:2].isalpha() and k[2:].isdigit()]
    unknown = sorted({c for c in named if not known_pattern(c)})
    if unknown:
        where = config.source or "dòng lệnh"
        raise ConfigError(f"{where}: mã quy tắc không tồn tại: {', '.join(unknown)} (xem `cchc-lint rules`)")
