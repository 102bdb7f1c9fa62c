"""A grammar of the written Vietnamese syllable: onset + rhyme (medial, nucleus, coda) + tone.

The grammar is finite and small (chữ Quốc ngữ spelling rules), so it accepts every real syllable, including
new names of programmes and places, and rejects typing slips that no dictionary lists ("thyanh", "nghành",
"kông", "hànhh"). Both tone-mark placements of oa/oe/uy are accepted (kiểu cũ «hòa», «thủy»; kiểu mới «hoà»,
«thuỷ»); ``tone_style`` tells which one a word uses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

# --- letters and tones ---------------------------------------------------------------------------------------

_TONE_MARKS = {"\u0300": "huyền", "\u0301": "sắc", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
_TONE_MARK_OF = {name: mark for mark, name in _TONE_MARKS.items()}
_VOWELS = frozenset("aăâeêioôơuưy")
_LETTERS = _VOWELS | frozenset("bcdđghklmnpqrstvx")
_DIACRITIC_VOWELS = frozenset("ăâêôơư")
_VOWEL_MARKS = frozenset("\u0302\u0306\u031b")  # circumflex, breve, horn
_STOP_CODAS = frozenset({"c", "ch", "p", "t"})  # checked syllables: only sắc or nặng

_PUNCTUATION = "\"'“”‘’()[]{}«»,.;:!?…*<>|"

ToneStyle = Literal["old", "new"]

# --- rhymes --------------------------------------------------------------------------------------------------
# Nucleus -> the codas it takes ("" = open syllable). Diphthongs are written iê/yê/ia/ya, uô/ua, ươ/ưa.
_PLAIN = {
    "a": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "u", "y"),
    "ă": ("c", "m", "n", "ng", "p", "t"),
    "â": ("c", "m", "n", "ng", "p", "t", "u", "y"),
    "e": ("", "c", "m", "n", "ng", "o", "p", "t"),
    "ê": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "i": ("", "ch", "m", "n", "nh", "p", "t", "u"),
    "y": ("",),
    "o": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "oo": ("c", "ng"),  # xoong, moóc
    "ô": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ơ": ("", "i", "m", "n", "p", "t"),
    "u": ("", "c", "i", "m", "n", "ng", "p", "t"),
    "ư": ("", "c", "i", "m", "n", "ng", "t", "u"),
    "iê": ("c", "m", "n", "ng", "p", "t", "u"),
    "yê": ("m", "n", "ng", "t", "u"),  # only without an onset: yên, yêu, yết, yểng
    "ia": ("",),
    "uô": ("c", "i", "m", "n", "ng", "t"),
    "ua": ("",),
    "ươ": ("c", "i", "m", "n", "ng", "p", "t", "u"),
    "ưa": ("",),
}
# Medial o/u + nucleus -> codas (hoa, hoặc, khoe, xuân, thuế, thuở, tuy, chuyện, khuya).
_MEDIAL = {
    "oa": ("", "c", "ch", "i", "m", "n", "ng", "nh", "o", "p", "t", "y"),
    "oă": ("c", "m", "n", "ng", "t"),
    "oe": ("", "n", "o", "t"),
    "uâ": ("n", "ng", "t", "y"),
    "uê": ("", "ch", "nh"),
    "uơ": ("",),
    "uy": ("", "ch", "nh", "p", "t", "u"),
    "uyê": ("n", "t"),
    "uya": ("",),
}
# After "qu" the u is part of the onset's sound but spelled like a medial: qua, quăng, quen, quốc.
_AFTER_QU = {"a": _PLAIN["a"], "ă": _PLAIN["ă"], "e": _PLAIN["e"], "ê": _PLAIN["ê"], "ô": ("c",)}

_PLAIN_RHYMES = {n + c: n for n, codas in _PLAIN.items() for c in codas}
_MEDIAL_RHYMES = {n + c: n for n, codas in _MEDIAL.items() for c in codas}

_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x")
_FRONT = frozenset("eêiy")  # c/g/ng before these are spelled k/gh/ngh
_Y_ONSETS = frozenset({"", "h", "k", "l", "m", "s", "t", "v"})  # hy, kỳ, lý, mỹ, sỹ, tỷ, vỹ


@dataclass(frozen=True, slots=True)
class _Parse:
    onset: str
    rhyme: str  # without tone, as spelled after the onset (for gi + i: the shared i is included)
    nucleus: str
    medial: str  # "o"/"u" or ""
    coda: str
    shared: int  # letters of the onset that also sound in the rhyme (1 for "gì", "gìn"), else 0


# --- public API ----------------------------------------------------------------------------------------------


def is_nfc(text: str) -> bool:
    """True if the text is stored in precomposed Unicode (NFC), as TCVN 6909:2001 expects."""
    return unicodedata.is_normalized("NFC", text)


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (one token, no punctuation) is a well-formed Vietnamese syllable, case-insensitively."""
    return _analyse(word) is not None


def split_syllable(word: str) -> tuple[str, str, str] | None:
    """(onset, rhyme, tone name) in lower case without tone marks, e.g. "quốc" -> ("qu", "ôc", "sắc")."""
    found = _analyse(word)
    if found is None:
        return None
    parse, tone, _ = found
    return parse.onset, parse.rhyme, tone


def tone_style(word: str) -> ToneStyle | None:
    """Tone placement of an open oa/oe/uy syllable with a tone: "old" («hòa», «thủy») or "new" («hoà», «thuỷ»).

    None for every other word (no tone, another rhyme, or after "qu" where the u never takes the tone).
    """
    found = _analyse(word)
    return _style_of(*found) if found is not None else None


def convert_tone_style(text: str, style: ToneStyle) -> str:
    """The text with every open oa/oe/uy syllable written in one tone style (for matching headings)."""
    return re.sub(r"[^\W\d_]+", lambda m: _restyle(m.group(0), style), text)


def is_exempt(token: str) -> bool:
    """Tokens the syllable check must leave alone: acronyms, codes, numbers, URLs, e-mails, foreign names.

    Upper-case words with Vietnamese marks (headings: «KẾ HOẠCH») and every lower-case word are not exempt: a
    lower-case non-syllable is a typing slip far more often than a foreign word (loanwords are listed apart).
    """
    token = token.strip(_PUNCTUATION)
    if len(token) < 2 or not token.isalpha():
        return True  # numbers, codes, URLs, e-mails, compounds (V/v, I-desk), list labels «a)», «đ)»
    if token.isupper():
        return not _looks_vietnamese(token)  # UBND, TTHC, ISO, HĐND
    if any(ch.isupper() for ch in token[1:]):
        return True  # mixed case: CTr, QyĐ, iPhone, eKYC
    if token[0].isupper():
        # A capitalised word without Vietnamese marks that cannot be a syllable is a name: Word, Zalo, Idesk.
        return not _looks_vietnamese(token) and not is_vietnamese_syllable(token)
    return False


# --- analysis ------------------------------------------------------------------------------------------------


def _looks_vietnamese(word: str) -> bool:
    """Carries a Vietnamese vowel letter (ă â ê ô ơ ư) or a tone mark."""
    return any(ch in _TONE_MARKS or ch in _VOWEL_MARKS for ch in unicodedata.normalize("NFD", word.lower()))


def _strip_tone(word: str) -> tuple[str, str, int] | None:
    """(letters without tone, tone name, index of the toned letter or -1); None if not Vietnamese letters."""
    letters: list[str] = []
    tone, position = "ngang", -1
    for index, ch in enumerate(word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        marks = [m for m in parts if m in _TONE_MARKS]
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONE_MARKS))
        if base not in _LETTERS:
            return None
        if marks:
            if len(marks) > 1 or position >= 0 or base not in _VOWELS:
                return None
            tone, position = _TONE_MARKS[marks[0]], index
        letters.append(base)
    return "".join(letters), tone, position


@lru_cache(maxsize=1 << 16)  # documents repeat their words: each distinct token is analysed once
def _analyse(word: str) -> tuple[_Parse, str, int] | None:
    """(parse, tone name, index of the toned letter within the rhyme) of a valid syllable, else None."""
    word = unicodedata.normalize("NFC", word)
    if not word or len(word) > 8:  # the longest syllables have 7 letters: nghiêng, khuyếch
        return None
    stripped = _strip_tone(word)
    if stripped is None:
        return None
    plain, tone, position = stripped
    for parse in _parses(plain):
        if parse.coda in _STOP_CODAS and tone not in ("sắc", "nặng"):
            continue  # checked syllables (-c, -ch, -p, -t) take only sắc or nặng
        offset = len(parse.onset) - parse.shared
        rhyme_position = position - offset if position >= 0 else -1
        if position >= 0 and rhyme_position < 0:
            continue  # the tone sits on a letter of the onset: «qúa», «gìa»
        if position < 0 or rhyme_position in _tone_positions(parse):
            return parse, tone, rhyme_position
    return None


def _parses(plain: str) -> list[_Parse]:
    out = []
    for onset in (*_ONSETS, ""):
        if not plain.startswith(onset):
            continue
        rest = plain[len(onset):]
        if onset == "gi":
            out.extend(_gi_parses(rest))
        elif onset == "qu":
            out.extend(_qu_parses(rest))
        else:
            parse = _rhyme(onset, rest)
            if parse is not None:
                out.append(parse)
    return out


def _rhyme(onset: str, rest: str) -> _Parse | None:
    nucleus = _PLAIN_RHYMES.get(rest)
    medial = ""
    if nucleus is None:
        nucleus = _MEDIAL_RHYMES.get(rest)
        if nucleus is None or onset in ("c", "k", "gh", "ngh"):  # qu: see _qu_parses
            return None
        medial, nucleus = nucleus[0], nucleus[1:]
    if not _onset_fits(onset, rest, nucleus, medial):
        return None
    return _Parse(onset, rest, nucleus, medial, rest[len(medial) + len(nucleus):], 0)


def _onset_fits(onset: str, rest: str, nucleus: str, medial: str) -> bool:
    if not medial:
        if nucleus == "yê" and onset:
            return False  # tiên, not tyên
        if nucleus == "iê" and not onset:
            return False  # yên, not iên
        if nucleus == "y" and onset not in _Y_ONSETS:
            return False
    front = rest[0] in _FRONT
    if onset in ("k", "gh", "ngh"):
        return front and (onset == "k" or nucleus != "y")
    if onset in ("c", "g", "ng"):
        return not front  # kê, ghế, nghề: never cê, gê, ngê
    return not (onset == "p" and medial)


def _gi_parses(rest: str) -> list[_Parse]:
    """gi + vowel (gia, giữ, giường, giê); gi + ê… (giếng = gi + iêng); gi + consonant or nothing (gì, gìn)."""
    out = []
    if rest and rest[0] in _VOWELS:
        parse = _rhyme("gi", rest)
        if parse is not None and parse.nucleus not in ("i", "iê", "y", "yê"):
            out.append(parse)
    if not rest or rest[0] not in _VOWELS or rest[0] == "ê":
        shared = "i" + rest
        if _PLAIN_RHYMES.get(shared) in ("i", "iê"):
            nucleus = _PLAIN_RHYMES[shared]
            out.append(_Parse("gi", shared, nucleus, "", shared[len(nucleus):], 1))
    return out


def _qu_parses(rest: str) -> list[_Parse]:
    """qu + rhyme: the u is a medial that never takes the tone (quà, quốc, quý, quyết, quân)."""
    if not rest:
        return []
    as_medial = "u" + ("y" + rest[1:] if rest[0] == "i" else rest)  # qui = quy
    nucleus = _MEDIAL_RHYMES.get(as_medial)
    if nucleus is None:
        vowel = next((v for v, codas in _AFTER_QU.items() if rest[0] == v and rest[1:] in codas), None)
        nucleus = None if vowel is None else "u" + vowel
    if nucleus is None:
        return []
    return [_Parse("qu", rest, nucleus[1:], "u", as_medial[len(nucleus):], 0)]


def _tone_positions(parse: _Parse) -> set[int]:
    """Indexes (within ``parse.rhyme``) of the letters that may carry the tone; both styles for oa/oe/uy."""
    rhyme = parse.rhyme
    vowels = [i for i, ch in enumerate(rhyme) if ch in _VOWELS]
    marked = [i for i in vowels if rhyme[i] in _DIACRITIC_VOWELS]
    if marked:
        return {marked[-1]}  # ươ, uô, iê: on the second; ư, â, ô …: on the marked letter
    if parse.coda and parse.coda not in ("i", "y", "o", "u"):
        return {vowels[-1]}  # a consonant closes the syllable: toán, huýt
    if parse.medial and parse.onset != "qu":
        nucleus_at = rhyme.index(parse.nucleus[0], 1)
        return {0, nucleus_at} if not parse.coda else {nucleus_at}  # hòa / hoà; ngoài, khuỷu
    return {vowels[0]}  # tài, cháu, mía, múa, túi, quà


def _style_of(parse: _Parse, tone: str, position: int) -> ToneStyle | None:
    if tone == "ngang" or parse.rhyme not in ("oa", "oe", "uy"):
        return None
    return "old" if position == 0 else "new"


@lru_cache(maxsize=65536)  # a draft repeats its words: analyse each spelling once
def _restyle(word: str, style: ToneStyle) -> str:
    found = _analyse(word)
    if found is None or _style_of(*found) in (None, style):
        return word
    parse, tone, _ = found
    nfd = unicodedata.normalize("NFD", word)
    plain = unicodedata.normalize("NFC", "".join(ch for ch in nfd if ch not in _TONE_MARKS))
    index = len(plain) - len(parse.rhyme) + (0 if style == "old" else 1)  # medial (old) or nucleus (new)
    marked = unicodedata.normalize("NFC", plain[index] + _TONE_MARK_OF[tone])
    return plain[:index] + marked + plain[index + 1:]
