"""The plugin manager: built-in plugins from a tuple, third-party ones from the ``cchc_lint`` entry points.

Each plugin is imported and registered on its own, so one broken plugin is reported and skipped and never
takes the run down (as sqlfluff and tox do).
"""

from __future__ import annotations

import importlib
import warnings
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points

import pluggy

from cchc_lint import hookspecs

ENTRY_POINT_GROUP = "cchc_lint"

BUILTIN_PLUGINS: tuple[str, ...] = (
    "cchc_lint.plugins.reader",
    "cchc_lint.plugins.structure",
    "cchc_lint.plugins.citations",
    "cchc_lint.plugins.reporting",
    "cchc_lint.plugins.appendix",
    "cchc_lint.plugins.layout",
    "cchc_lint.plugins.spelling",
    "cchc_lint.report.builtin",
    "cchc_lint.draft.plugin",
)


@dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str
    source: str  # "built-in" or the distribution that provides it


@dataclass
class Plugins:
    manager: pluggy.PluginManager
    loaded: list[PluginInfo]
    problems: list[str]


def _register_builtin(pm: pluggy.PluginManager, loaded: list[PluginInfo], problems: list[str]) -> None:
    from cchc_lint import __version__

    for name in BUILTIN_PLUGINS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:  # a family not written yet is simply absent
                continue
            problems.append(f"plugin {name}: {err}")
            continue
        except Exception as err:
            problems.append(f"plugin {name}: {err.__class__.__name__}: {err}")
            continue
        pm.register(module, name=name)
        loaded.append(PluginInfo(name, __version__, "built-in"))


def _register_entry_points(pm: pluggy.PluginManager, loaded: list[PluginInfo], problems: list[str]) -> None:
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if pm.has_plugin(ep.name):
            continue
        try:
            plugin = ep.load()
            pm.register(plugin, name=ep.name)
        except Exception as err:
            problems.append(f"plugin {ep.name} ({ep.value}): {err.__class__.__name__}: {err}")
            continue
        dist = ep.dist
        loaded.append(PluginInfo(ep.name, dist.version if dist else "?", dist.name if dist else ep.value))


@cache
def get_plugins() -> Plugins:
    pm = pluggy.PluginManager("cchc_lint")
    pm.add_hookspecs(hookspecs)
    loaded: list[PluginInfo] = []
    problems: list[str] = []
    _register_builtin(pm, loaded, problems)
    _register_entry_points(pm, loaded, problems)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as err:
        problems.append(str(err))
    for problem in problems:
        warnings.warn(f"cchc-lint: bỏ qua {problem}", RuntimeWarning, stacklevel=2)
    return Plugins(pm, loaded, problems)


def get_manager() -> pluggy.PluginManager:
    return get_plugins().manager
