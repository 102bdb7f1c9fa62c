"""What a rule sees: the DocModel, the DocTree, the configuration, and a few facts derived once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from cchc_lint.config import Config
from cchc_lint.model import DocModel, Location
from cchc_lint.parse.tree import DocTree, Line, Section


@dataclass
class Context:
    model: DocModel
    tree: DocTree
    config: Config = field(default_factory=Config)
    rule_code: str = ""  # set by the engine while a rule runs, for ``option``

    @property
    def doc_type(self) -> str | None:
        return self.tree.doc_type

    @property
    def date(self) -> date | None:
        """The draft's own date: the law in force on it is the law a rule applies."""
        return self.tree.date

    @cached_property
    def plan_years(self) -> tuple[int, int] | None:
        years = self.tree.plan_years
        if years is None and self.date is not None:
            # an annual plan issued in December is usually for the next year
            year = self.date.year + (1 if self.date.month == 12 else 0)
            return year, year
        return years

    @property
    def reference_date(self) -> date | None:
        """The draft's date, or the start of its plan period when the day is still blank."""
        if self.date is not None:
            return self.date
        d = self.tree.header.date
        if d is not None and d.year and d.month:
            return date(d.year, d.month, 1)
        if self.plan_years:
            return date(self.plan_years[0], 1, 1)
        return None

    def option(self, name: str, default: Any = None) -> Any:
        """A per-rule option from configuration (by code or rule name), else the rule's default."""
        from cchc_lint.check.registry import all_rules

        rule = all_rules().get(self.rule_code)
        options = self.config.rule_options.get(self.rule_code, {})
        if rule is not None:
            options = {**rule.options, **self.config.rule_options.get(rule.name, {}), **options}
        return options.get(name, default)

    @cached_property
    def section_paths(self) -> dict[tuple[int | None, int | None, int | None, int | None], str]:
        """Location → "III › 2 › a)": the innermost section holding each heading and content item."""
        paths: dict = {}
        for doc in self.tree.documents():
            for section in doc.sections:
                self._index(section, paths)
            for article in doc.articles:
                label = f"Điều {article.number}" if article.number else "Điều"
                paths.setdefault(_key(article.heading.loc), label)
                for item in article.items:
                    paths.setdefault(_key(item.loc), label)
                for section in article.sections:
                    self._index(section, paths, prefix=label)
        return paths

    def _index(self, section: Section, paths: dict, prefix: str = "") -> None:
        for node in section.walk():
            path = f"{prefix} › {node.path}" if prefix else node.path
            paths.setdefault(_key(node.heading.loc), path)
            for item in node.items:
                paths.setdefault(_key(item.loc), path)

    def path_of(self, loc: Location) -> str:
        return self.section_paths.get(_key(loc), "")

    def lines(self, *kinds: str) -> list[Line]:
        return [line for line in self.tree.lines if line.kind in kinds]


def _key(loc: Location) -> tuple[int | None, int | None, int | None, int | None]:
    return loc.block, loc.row, loc.col, loc.line
