"""BIP-39: official vectors, every official wordlist, and precise errors that never leak words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mnemonic import Mnemonic

from wallet.keys.mnemonic import (
    BIP39_LANGUAGES,
    WORD_COUNTS,
    MnemonicChecksumError,
    MnemonicUnknownWordError,
    MnemonicWordCountError,
    completions,
    generate_mnemonic,
    mnemonic_to_seed,
    validate_mnemonic,
)

VECTORS = json.loads((Path(__file__).parent / "data" / "bip39_vectors.json").read_text())
ABOUT = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"


@pytest.mark.parametrize(("entropy", "phrase", "seed"), VECTORS["english"])
def test_official_vectors(entropy: str, phrase: str, seed: str) -> None:
    valid = validate_mnemonic(phrase)
    assert valid.language == "english"
    assert Mnemonic("english").to_entropy(valid.phrase) == bytes.fromhex(entropy)
    assert mnemonic_to_seed(valid, VECTORS["passphrase"]).hex() == seed


@pytest.mark.parametrize("language", BIP39_LANGUAGES)
@pytest.mark.parametrize("word_count", WORD_COUNTS)
def test_generated_phrases_validate_in_every_language(language: str, word_count: int) -> None:
    generated = generate_mnemonic(word_count, language)
    assert generated.word_count == word_count
    assert validate_mnemonic(generated.phrase, language).phrase == generated.phrase
    if language not in ("chinese_simplified", "chinese_traditional"):  # these share characters
        assert validate_mnemonic(generated.phrase).language == language


def test_generation_is_random() -> None:
    assert len({generate_mnemonic(12).phrase for _ in range(50)}) == 50


def test_chinese_phrase_with_any_spacing_gives_the_same_seed() -> None:
    phrase = generate_mnemonic(12, "chinese_simplified")
    spaced = "\u3000".join(phrase.phrase.split(" "))  # ideographic spaces, as some people write it
    again = validate_mnemonic("  " + spaced + "\n")
    assert mnemonic_to_seed(again, "密码") == mnemonic_to_seed(phrase, "密码")


def test_passphrase_changes_the_seed_and_is_nfkd_normalised() -> None:
    valid = validate_mnemonic(ABOUT)
    assert mnemonic_to_seed(valid) != mnemonic_to_seed(valid, "extra")
    assert mnemonic_to_seed(valid, "caf\u00e9") == mnemonic_to_seed(valid, "cafe\u0301")


def test_unknown_word_names_its_position_and_suggests_but_never_says_the_word() -> None:
    typo = ABOUT.replace("about", "abuot")
    with pytest.raises(MnemonicUnknownWordError) as raised:
        validate_mnemonic(typo)
    assert raised.value.position == 12
    assert "about" in raised.value.suggestions
    assert str(raised.value) == "Word 12 is not in the recovery word list."
    assert "abuot" not in repr(raised.value.params)


def test_wrong_word_count() -> None:
    with pytest.raises(MnemonicWordCountError, match="this one has 11"):
        validate_mnemonic(" ".join(ABOUT.split()[:11]))


def test_bad_checksum() -> None:
    with pytest.raises(MnemonicChecksumError):
        validate_mnemonic(ABOUT.replace("about", "abandon"))


def test_mixed_case_and_extra_whitespace_are_fine() -> None:
    assert validate_mnemonic("  " + ABOUT.upper().replace(" ", "\t  ") + " ").phrase == ABOUT


def test_completions() -> None:
    assert completions("aban", "english") == ["abandon"]
    assert completions("zo", "english") == ["zone", "zoo"]
    assert completions("", "english") == []


def test_repr_never_shows_the_phrase() -> None:
    valid = validate_mnemonic(ABOUT)
    assert "abandon" not in repr(valid)
