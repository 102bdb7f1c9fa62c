"""The on-disk start-up memo: computed once, reused, keyed by its input, harmless when broken or disabled."""

from __future__ import annotations

import pytest

from cchc_lint import cache


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("CCHC_LINT_NO_CACHE", raising=False)
    return tmp_path / "cchc-lint"


def test_value_is_computed_once_then_read_back(cache_home):
    calls = []
    compute = lambda: calls.append(1) or {"a": [1, 2]}  # noqa: E731
    assert cache.memo("t", "key", compute) == {"a": [1, 2]}
    assert cache.memo("t", "key", compute) == {"a": [1, 2]}
    assert len(calls) == 1 and len(list(cache_home.glob("t-*.pickle"))) == 1
    assert cache.memo("t", "other key", compute) == {"a": [1, 2]} and len(calls) == 2  # new input: a miss


def test_damaged_entry_is_recomputed(cache_home):
    cache.memo("t", "k", lambda: 1)
    [entry] = cache_home.glob("t-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cache.memo("t", "k", lambda: 2) == 2


def test_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert cache.memo("t", "k", lambda: 3) == 3


def test_disabled_by_environment(cache_home, monkeypatch):
    monkeypatch.setenv("CCHC_LINT_NO_CACHE", "1")
    assert cache.memo("t", "k", lambda: 4) == 4
    assert not cache_home.exists()


def test_rule_data_and_holidays_go_through_the_cache(cache_home):
    from datetime import date

    from cchc_lint import data

    data.load_yaml.cache_clear()
    data._holidays.cache_clear()
    assert data.load_yaml("a: 2024-01-05\n") == {"a": date(2024, 1, 5)}  # YAML dates survive the round trip
    assert date(2024, 9, 2) in data._holidays(2024)  # Quốc khánh
    assert not data.is_working_day(date(2024, 9, 2))
    kinds = {p.name.split("-")[0] for p in cache_home.iterdir()}
    assert {"yaml", "holidays"} <= kinds
