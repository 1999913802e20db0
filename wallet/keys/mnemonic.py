"""BIP-39 recovery phrases: generation from the OS CSPRNG, and validation with precise errors.

The ``mnemonic`` package does the BIP-39 work (wordlists, checksum, NFKD, PBKDF2 seed). This module
adds what a wallet screen needs on top: which word is wrong and what was probably meant, in any of
the official languages. Error messages never contain the phrase or any word of it (they may be
logged); the suggestions a screen shows live on the exception object, not in its message.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from mnemonic import Mnemonic

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

WORD_COUNTS = (12, 15, 18, 21, 24)
# The ten wordlists of the BIP-39 repository, in the mnemonic package's names.
BIP39_LANGUAGES = ("english", "chinese_simplified", "chinese_traditional", "japanese", "korean", "spanish",
                   "french", "italian", "czech", "portuguese")
DEFAULT_LANGUAGE = "english"
MAX_SUGGESTIONS = 3


class MnemonicError(WalletError):
    """A recovery phrase that cannot be used."""


class MnemonicWordCountError(MnemonicError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "A recovery phrase has 12, 15, 18, 21 or 24 words; this one has {count}.")


class MnemonicUnknownWordError(MnemonicError):
    template = QT_TRANSLATE_NOOP("WalletError", "Word {position} is not in the recovery word list.")

    def __init__(self, position: int, suggestions: tuple[str, ...]) -> None:
        super().__init__(position=position)
        self.position = position
        self.suggestions = suggestions  # for the screen only: never part of the message


class MnemonicChecksumError(MnemonicError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The words are all valid but their checksum is wrong: a word is probably mistyped or "
        "out of order.")


@dataclass(frozen=True)
class ValidMnemonic:
    phrase: str = field(repr=False)  # normalised: NFKD, lowercase, single spaces; never printed
    language: str

    @property
    def word_count(self) -> int:
        return len(self.phrase.split(" "))


@cache
def _mnemo(language: str) -> Mnemonic:
    return Mnemonic(language)


@cache
def wordlist(language: str) -> tuple[str, ...]:
    """The language's 2048 words, NFKD-normalised as phrases are compared after normalisation."""
    return tuple(unicodedata.normalize("NFKD", w) for w in _mnemo(language).wordlist)


@cache
def _word_set(language: str) -> frozenset[str]:
    return frozenset(wordlist(language))


def generate_mnemonic(word_count: int = 12, language: str = DEFAULT_LANGUAGE) -> ValidMnemonic:
    """A new phrase from ``secrets`` (the OS CSPRNG), via the mnemonic package."""
    if word_count not in WORD_COUNTS:
        raise MnemonicWordCountError(count=word_count)
    if language not in BIP39_LANGUAGES:
        raise ValueError(f"unsupported BIP-39 language: {language}")
    phrase = _mnemo(language).generate(strength=word_count * 32 // 3)
    return ValidMnemonic(normalize_phrase(phrase), language)


def normalize_phrase(text: str) -> str:
    """NFKD, lowercase, any whitespace (including the ideographic space) collapsed to one space."""
    return " ".join(unicodedata.normalize("NFKD", text).lower().split())


def validate_mnemonic(text: str, language: str | None = None) -> ValidMnemonic:
    """The phrase if usable, else the first problem: word count, then unknown words, then checksum.

    Without ``language`` the phrase's language is detected; where words belong to several lists
    (English and French share some), the checksum decides.
    """
    words = normalize_phrase(text).split()
    candidates = [language] if language else list(BIP39_LANGUAGES)
    scores = {lang: sum(w in _word_set(lang) for w in words) for lang in candidates}
    best = max(candidates, key=lambda lang: scores[lang])
    for position, word in enumerate(words, start=1):
        if word not in _word_set(best):  # the most useful thing to say while the user types
            raise MnemonicUnknownWordError(position, suggest_words(word, best))
    if len(words) not in WORD_COUNTS:
        raise MnemonicWordCountError(count=len(words))
    phrase = " ".join(words)
    for lang in (c for c in candidates if scores[c] == len(words)):
        if _mnemo(lang).check(phrase):
            return ValidMnemonic(phrase, lang)
    raise MnemonicChecksumError()


def suggest_words(word: str, language: str) -> tuple[str, ...]:
    """Words of the list the user probably meant: same prefix first (BIP-39 words are unique in
    their first four letters), then the closest spellings."""
    words = wordlist(language)
    prefixed = [w for w in words if w.startswith(word[:4])]
    close = difflib.get_close_matches(word, words, n=MAX_SUGGESTIONS, cutoff=0.6)
    ordered = list(dict.fromkeys([*prefixed, *close]))
    return tuple(ordered[:MAX_SUGGESTIONS])


def completions(prefix: str, language: str, limit: int = 8) -> list[str]:
    """Words starting with ``prefix``, for word completion while typing a phrase."""
    prefix = unicodedata.normalize("NFKD", prefix).lower()
    return [w for w in wordlist(language) if w.startswith(prefix)][:limit] if prefix else []


def mnemonic_to_seed(mnemonic: ValidMnemonic, passphrase: str = "") -> bytes:
    """The 64-byte BIP-39 seed (PBKDF2-HMAC-SHA512, 2048 rounds; NFKD applied to both inputs)."""
    return Mnemonic.to_seed(mnemonic.phrase, passphrase)
