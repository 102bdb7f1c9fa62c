"""The grammar of the Vietnamese syllable (cchc_lint.text.vietnamese)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc_lint.text.vietnamese import (
    convert_tone_style,
    is_exempt,
    is_nfc,
    is_vietnamese_syllable,
    split_syllable,
    tone_style,
)

DATA = Path(__file__).parent / "data"


def _words(name: str) -> list[str]:
    lines = (DATA / name).read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_accepts_every_syllable_of_the_seed_texts() -> None:
    words = _words("seed_syllables.txt")
    assert len(words) > 700
    assert [w for w in words if not is_vietnamese_syllable(w)] == []


def test_rejects_the_typos_found_in_the_seed_texts() -> None:
    assert [w for w in _words("seed_misspellings.txt") if is_vietnamese_syllable(w)] == []


REAL = [
    "quốc", "gia", "giữ", "gìn", "giếng", "nghiêng", "nghĩa", "người", "được", "khuỷu", "ngoài", "quý", "quyết",
    "quân", "quà", "quên", "xoong", "huých", "khuya", "oai", "uy", "yên", "yêu", "kỹ", "lý", "hy", "chuyện",
    "thuở", "huế", "xuân", "hoặc", "ngoằn", "goá", "kiếm", "kia", "ghi", "nghe", "kẻng", "buýt", "khuếch", "ươm",
    "ước", "ừ", "à", "ạ", "ở", "uống", "quốc", "tuyển", "truyền", "nguyễn", "hoà", "hòa", "thuỷ", "thủy", "khoẻ",
    "khỏe", "Việt", "CỘNG", "HÒA", "ĐỘC", "Lập",
]


@pytest.mark.parametrize("word", REAL)
def test_accepts_real_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


MISSPELT = [
    "thyanh", "nghành", "ngiên", "kông", "cá c", "quốcc", "hànhh", "tsai", "thủtục", "hoặch", "tyên", "iên", "cê",
    "gê", "ngê", "qúa", "gìa", "muá", "miá", "ngòai", "tòan", "nguời", "đựoc", "nghiã", "truờng", "gìơ", "ngừơi",
    "vịêc", "chíh", "hoăc", "quyêt", "thưc", "bảnn", "cácc", "trongg", "nhiềuu", "mộtt", "vàa", "đểê", "chươngg",
    "hienj", "kh", "ng", "fax", "zalo", "wifi", "jun", "", "123", "a1", "ghy", "ky-", "thànǵ", "caá",
]


@pytest.mark.parametrize("word", MISSPELT)
def test_rejects_misspellings_and_non_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_stop_codas_take_only_sac_or_nang() -> None:
    assert is_vietnamese_syllable("tốt") and is_vietnamese_syllable("tột")
    for word in ["tòt", "tỏt", "tõt", "tot"]:
        assert not is_vietnamese_syllable(word)


def test_split_syllable() -> None:
    assert split_syllable("quốc") == ("qu", "ôc", "sắc")
    assert split_syllable("Nghiêng") == ("ngh", "iêng", "ngang")
    assert split_syllable("gìn") == ("gi", "in", "huyền")
    assert split_syllable("được") == ("đ", "ươc", "nặng")
    assert split_syllable("thyanh") is None


def test_tone_style() -> None:
    assert tone_style("hòa") == "old" and tone_style("thủy") == "old" and tone_style("khỏe") == "old"
    assert tone_style("hoà") == "new" and tone_style("thuỷ") == "new" and tone_style("Uỷ") == "new"
    for word in ("hoa", "quý", "quà", "hoàn", "ngoài", "khuỷu", "nhà", "thyanh"):
        assert tone_style(word) is None, word


def test_convert_tone_style() -> None:
    assert convert_tone_style("Uỷ ban, hoà bình, HOÀ", "old") == "Ủy ban, hòa bình, HÒA"
    assert convert_tone_style("Ủy ban, quý, hoàn thành", "new") == "Uỷ ban, quý, hoàn thành"


@pytest.mark.parametrize("token", [
    "CCHC", "UBND", "TTHC", "HĐND", "SKHĐT", "ISO", "PAR", "CTr", "QyĐ", "iPhone", "eKYC", "Word", "Excel", "Zalo",
    "Idesk", "9001:2015", "I.1.5.1", "V/v", "KSTT/L", "http://sokhdt.baria-vungtau.gov.vn", "a@b.vn", "b)", "đ",
    "XII", "2020", "(11/21).",
])
def test_exempt_tokens(token: str) -> None:
    assert is_exempt(token)


@pytest.mark.parametrize("token", ["thyanh", "nghành", "KẾ", "HOẠCH", "Nghành", "website", "cải", "Thành"])
def test_tokens_that_are_checked(token: str) -> None:
    assert not is_exempt(token)


def test_is_nfc() -> None:
    assert is_nfc("Việt Nam")
    assert not is_nfc(unicodedata.normalize("NFD", "Việt Nam"))


def test_nfd_input_is_judged_like_nfc() -> None:
    assert is_vietnamese_syllable(unicodedata.normalize("NFD", "nghiêng"))


@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    is_vietnamese_syllable(text)
    is_exempt(text)
    tone_style(text)
    split_syllable(text)
    convert_tone_style(text, "old")
