"""Password strength, estimated with zxcvbn (patterns, dictionaries, keyboard walks), not by rules."""

from __future__ import annotations

from dataclasses import dataclass

from zxcvbn import zxcvbn

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

MIN_LENGTH = 8
MIN_SCORE = 2  # zxcvbn 0..4; 2 resists about 10^8 guesses (an offline attack on scrypt needs far more time)
_MAX_CHECKED_CHARS = 100  # zxcvbn slows down sharply on very long inputs; the rest adds strength anyway


class WeakPasswordError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This password is too easy to guess. Use a longer one, "
                                 "or several unrelated words.")


@dataclass(frozen=True)
class PasswordStrength:
    score: int  # 0 (very weak) to 4 (very strong)
    acceptable: bool


def assess_password(password: str, related: tuple[str, ...] = ()) -> PasswordStrength:
    """``related``: words the password must not lean on (the account name, the app's name)."""
    score = int(zxcvbn(password[:_MAX_CHECKED_CHARS], user_inputs=list(related))["score"]) if password else 0
    return PasswordStrength(score, len(password) >= MIN_LENGTH and score >= MIN_SCORE)


def require_acceptable(password: str) -> None:
    if not assess_password(password).acceptable:
        raise WeakPasswordError()
