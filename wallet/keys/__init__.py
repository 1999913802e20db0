"""HD keys: BIP-39 mnemonics, BIP-32/44/84 derivation, and the encrypted vault that keeps them at rest."""
