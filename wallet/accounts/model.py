"""What the wallet stores about an account: never key material, only where its keys live."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class AccountKind(enum.StrEnum):
    HOT_HD = "hot_hd"  # derived from a recovery phrase in the vault
    HOT_KEY = "hot_key"  # an imported private key in the vault
    HARDWARE = "hardware"  # keys on a USB device
    AIRGAPPED = "airgapped"  # keys on an offline computer
    WATCH = "watch"  # an address only

    @property
    def is_hot(self) -> bool:
        return self in (AccountKind.HOT_HD, AccountKind.HOT_KEY)


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    kind: AccountKind
    address: str
    derivation_path: str | None  # HD accounts: where in the seed
    secret_id: str | None  # hot accounts: which vault entry holds the seed or key
    xpub: str | None = None
