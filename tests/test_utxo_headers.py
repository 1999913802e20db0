"""Header, Merkle-proof and transaction checks on real mainnet bytes (no network needed)."""

from __future__ import annotations

import pytest

from tests.utxo_stack import mine_regtest_header
from wallet.utxo.errors import InvalidHeaderError, InvalidProofError, WeakerBranchError
from wallet.utxo.headers import BlockHeader, HeaderChain, bits_to_target, check_proof_of_work, sha256d
from wallet.utxo.merkle import merkle_root_from_branch, verify_merkle_proof
from wallet.utxo.networks import BITCOIN_MAINNET, LITECOIN_MAINNET, LITECOIN_REGTEST
from wallet.utxo.transactions import parse_transaction

# Bitcoin's genesis block and block 1, and Litecoin's genesis block (its fields from chainparams.cpp:
# time 1317972665, bits 0x1e0ffff0, nonce 2084524493): each hashes to the known block hash.
BTC_GENESIS = bytes.fromhex(
    "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f61"
    "7fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c")
BTC_BLOCK_1 = bytes.fromhex(
    "010000006fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000982051fd1e4ba744bbbe680e1fee1467"
    "7ba1a3c3540bf7b1cdb606e857233e0e61bc6649ffff001d01e36299")
LTC_GENESIS = bytes.fromhex(
    "010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffaf"
    "a33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c")
# The genesis coinbase ("The Times 03/Jan/2009 …"): the only transaction of block 0, so its id is the
# block's Merkle root.
BTC_GENESIS_COINBASE = bytes.fromhex(
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468"
    "652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261"
    "696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e0"
    "3909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000")
BTC_GENESIS_COINBASE_ID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"


def test_real_bitcoin_headers_chain_from_genesis() -> None:
    chain = HeaderChain(BITCOIN_MAINNET)
    assert chain.connect(0, BTC_GENESIS + BTC_BLOCK_1) == 1
    assert chain.header(1).hash_hex == "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048"  # type: ignore[union-attr]
    assert BlockHeader(BTC_GENESIS).timestamp == 1231006505


def test_real_litecoin_genesis_meets_its_scrypt_target() -> None:
    chain = HeaderChain(LITECOIN_MAINNET)
    assert chain.connect(0, LTC_GENESIS) == 0
    assert chain.header(0).hash_hex == LITECOIN_MAINNET.genesis_hash  # type: ignore[union-attr]
    # The same header judged by double SHA-256 would not meet the target: scrypt is what is checked.
    target = bits_to_target(BlockHeader(LTC_GENESIS).bits)
    assert target is not None
    assert BlockHeader(LTC_GENESIS).pow_value(LITECOIN_MAINNET.pow_hash) <= target
    assert int.from_bytes(sha256d(LTC_GENESIS), "little") > target


def test_another_networks_genesis_is_refused() -> None:
    with pytest.raises(InvalidHeaderError, match="genesis"):
        HeaderChain(LITECOIN_REGTEST).connect(0, LTC_GENESIS)
    with pytest.raises(InvalidHeaderError, match="genesis"):
        HeaderChain(BITCOIN_MAINNET).connect(0, LTC_GENESIS)


def test_a_header_that_does_not_link_is_refused_and_nothing_is_kept() -> None:
    chain = HeaderChain(BITCOIN_MAINNET)
    broken = bytearray(BTC_BLOCK_1)
    broken[4] ^= 1  # the previous block's hash
    with pytest.raises(InvalidHeaderError, match="does not link"):
        chain.connect(0, BTC_GENESIS + bytes(broken))
    assert chain.tip_height == -1


def test_a_header_without_its_proof_of_work_is_refused() -> None:
    chain = HeaderChain(BITCOIN_MAINNET)
    chain.connect(0, BTC_GENESIS)
    forged = bytearray(BTC_BLOCK_1)
    forged[76] ^= 1  # another nonce: the hash no longer meets the target
    with pytest.raises(InvalidHeaderError, match="proof of work"):
        chain.connect(1, bytes(forged))
    easier = bytearray(BTC_BLOCK_1)
    easier[72:76] = (0x207FFFFF).to_bytes(4, "little")  # regtest's difficulty on mainnet
    with pytest.raises(InvalidHeaderError, match="outside a retarget"):
        chain.connect(1, bytes(easier))
    with pytest.raises(InvalidHeaderError, match="minimum"):  # even where the schedule would allow it
        check_proof_of_work(BlockHeader(bytes(easier)), 2016, BITCOIN_MAINNET)
    assert chain.tip_height == 0


def test_malformed_header_data_is_refused() -> None:
    with pytest.raises(InvalidHeaderError, match="continue"):
        HeaderChain(BITCOIN_MAINNET).connect(0, BTC_GENESIS[:79])
    with pytest.raises(InvalidHeaderError, match="continue"):
        HeaderChain(BITCOIN_MAINNET).connect(5, BTC_GENESIS)


def test_compact_targets() -> None:
    assert bits_to_target(0x1D00FFFF) == 0xFFFF << 208
    assert bits_to_target(0x207FFFFF) == 0x7FFFFF << 232
    assert bits_to_target(0x04923456) is None  # the sign bit
    assert bits_to_target(0x00000000) is None
    assert bits_to_target(0xFF123456) is None  # beyond 256 bits


def test_genesis_coinbase_parses_hashes_and_is_proven_by_an_empty_branch() -> None:
    transaction = parse_transaction(BTC_GENESIS_COINBASE, BTC_GENESIS_COINBASE_ID)
    assert transaction.outputs[0].value == 50 * 10**8
    verify_merkle_proof(BTC_GENESIS_COINBASE_ID, [], 0, BlockHeader(BTC_GENESIS).merkle_root)
    with pytest.raises(InvalidProofError, match="does not hash"):
        parse_transaction(BTC_GENESIS_COINBASE, "00" * 32)
    with pytest.raises(InvalidProofError, match="parsed"):
        parse_transaction(BTC_GENESIS_COINBASE + b"\x00", BTC_GENESIS_COINBASE_ID)
    with pytest.raises(InvalidProofError, match="parsed"):
        parse_transaction(BTC_GENESIS_COINBASE[:-1], BTC_GENESIS_COINBASE_ID)


def test_merkle_branches_are_checked() -> None:
    root = BlockHeader(BTC_GENESIS).merkle_root
    with pytest.raises(InvalidProofError, match="Merkle root"):
        verify_merkle_proof(BTC_GENESIS_COINBASE_ID, ["11" * 32], 0, root)
    with pytest.raises(InvalidProofError, match="position"):
        merkle_root_from_branch(BTC_GENESIS_COINBASE_ID, ["11" * 32], 2)
    with pytest.raises(InvalidProofError, match="malformed"):
        merkle_root_from_branch(BTC_GENESIS_COINBASE_ID, ["zz" * 32], 0)
    with pytest.raises(InvalidProofError, match="malformed"):
        merkle_root_from_branch(BTC_GENESIS_COINBASE_ID, ["11" * 32] * 33, 0)
    # Two leaves: the root is sha256d(left + right), from either side.
    left, right = "aa" * 32, "bb" * 32
    expected = sha256d(bytes.fromhex(left)[::-1] + bytes.fromhex(right)[::-1])
    assert merkle_root_from_branch(left, [right], 0) == expected
    assert merkle_root_from_branch(right, [left], 1) == expected


def test_a_checkpoint_anchors_the_chain_and_cannot_be_replaced() -> None:
    chain = HeaderChain(BITCOIN_MAINNET, checkpoint=(0, BTC_GENESIS))
    assert chain.tip_height == 0 and chain.anchored
    assert chain.connect(1, BTC_BLOCK_1) == 1
    with pytest.raises(InvalidHeaderError, match="continue"):
        chain.connect(0, BTC_GENESIS)  # nothing may replace the checkpoint
    # Anchored at block 1 (its ancestors never fetched): the next height is the first to check.
    later = HeaderChain(BITCOIN_MAINNET, checkpoint=(1, BTC_BLOCK_1))
    assert (later.first_height, later.tip_height, later.header(0)) == (1, 1, None)


# Litecoin's regtest genesis (chainparams: time 1296688602, bits 0x207fffff, nonce 0).
LTC_REGTEST_GENESIS = bytes.fromhex(
    "010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffaf"
    "a33232a17c3edf6cfd97bee6bafbdd97dae5494dffff7f2000000000")


def test_a_branch_replaces_ours_only_with_more_work() -> None:
    chain = HeaderChain(LITECOIN_REGTEST)
    assert chain.connect(0, LTC_REGTEST_GENESIS) == 0
    a1 = mine_regtest_header(chain.header(0), 1)  # type: ignore[arg-type]
    a2 = mine_regtest_header(BlockHeader(a1), 2)
    assert chain.connect(1, a1 + a2) == 2
    b2 = mine_regtest_header(BlockHeader(a1), 3)  # a rival at the same height: the same work, not followed
    with pytest.raises(WeakerBranchError):
        chain.connect(2, b2)
    assert chain.header(2).raw == a2  # type: ignore[union-attr]
    assert chain.connect(2, a2) == 2  # a header we hold changes nothing
    b3 = mine_regtest_header(BlockHeader(b2), 4)
    assert chain.connect(2, b2 + b3) == 3  # more work: the branch replaces ours
    assert chain.header(2).raw == b2  # type: ignore[union-attr]
    assert chain.connect(1, a1) == 3  # a shorter, identical prefix truncates nothing
    forged = bytearray(mine_regtest_header(BlockHeader(b3), 5))
    forged[72:76] = (0x1D00FFFF).to_bytes(4, "little")  # a harder target without the work to meet it
    with pytest.raises(InvalidHeaderError):
        chain.connect(4, bytes(forged))
