"""Where a Uniswap V2 pair lives: the same CREATE2 computation the router does on chain."""

from __future__ import annotations

from wallet.chains.address import keccak256, to_checksum_address


def sort_tokens(token_a: str, token_b: str) -> tuple[str, str]:
    """(token0, token1) in the order the pair stores them: by numeric address."""
    if int(token_a, 16) == int(token_b, 16):
        raise ValueError("a pair needs two different tokens")
    return (token_a, token_b) if int(token_a, 16) < int(token_b, 16) else (token_b, token_a)


def v2_pair_address(factory: str, token_a: str, token_b: str, init_code_hash: str) -> str:
    """CREATE2(factory, keccak256(token0 ++ token1), init_code_hash), checksummed."""
    token0, token1 = sort_tokens(token_a, token_b)
    salt = keccak256(bytes.fromhex(token0[2:]) + bytes.fromhex(token1[2:]))
    digest = keccak256(b"\xff" + bytes.fromhex(factory[2:]) + salt + bytes.fromhex(init_code_hash.removeprefix("0x")))
    return to_checksum_address("0x" + digest[12:].hex())
