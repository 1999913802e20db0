"""Coin balances proven against a block that at least two nodes agree on, so one lying node is caught.

For a snapshot at block N: every trusted node is asked for N's header (``eth_getBlockByNumber``),
each header is re-hashed (``wallet.chains.state_proof``), and the nodes must agree on the hash. Then
one node (the one that served the snapshot, if it serves proofs) is asked ``eth_getProof`` for each
account, and each proof is walked from the agreed state root. A node whose header or proof does not
verify is distrusted for the client's life. Cost per refresh: one request per node for the header and
one JSON-RPC batch of every account's proof. Token balances are not
proven: that would take a storage proof per token and knowledge of each contract's storage layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wallet.chains.rpc import ChainClient, JsonRpcEndpoint, RpcCall, RpcError, optional_object
from wallet.chains.state_proof import (
    InvalidHeaderError,
    InvalidProofError,
    VerifiedHeader,
    proven_balance,
    verify_header,
)
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

MIN_AGREEING_NODES = 2


class NodeCaughtLyingError(WalletError):
    """A node's answer contradicts what it must be, by hash or by proof: it is distrusted."""


class ForgedHeaderError(NodeCaughtLyingError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} sent a header for block {block} that does not "
                                                "hash to the block's hash; it is no longer used")


class ForgedProofError(NodeCaughtLyingError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} sent a state proof for {address} that does not "
                                                "match block {block}; it is no longer used")


class BalanceContradictedError(NodeCaughtLyingError):
    template = QT_TRANSLATE_NOOP("WalletError", "The node at {endpoint} reported a balance for {address} that the "
                                                "state proof of block {block} contradicts; it is no longer used")


class NotVerifiedError(WalletError):
    """Why coin balances are shown without the verified mark (nobody is accused)."""


class SingleNodeError(NotVerifiedError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not verified: only one node of {chain} answered, so there was "
                                                "nothing to check it against")


class NodesDisagreeError(NotVerifiedError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not verified: the nodes disagree on block {block} (a reorganisation, "
                                                "or a node on another fork)")


class UnknownHeaderFormatError(NotVerifiedError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not verified: no node's header for block {block} hashes to its block "
                                                "hash; this chain's header format is not supported")


class ProofsUnavailableError(NotVerifiedError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not verified: no node served state proofs for block {block}. "
                                                "Last error: {last}")


@dataclass(frozen=True)
class BlockAgreement:
    """A block whose hash at least ``MIN_AGREEING_NODES`` nodes vouched for, each with a header that
    hashes to it."""

    header: VerifiedHeader
    nodes: tuple[JsonRpcEndpoint, ...]


def agree_on_block(client: ChainClient, number: int) -> BlockAgreement | NotVerifiedError:
    """Ask every trusted node not on a failure cooldown for block ``number``'s header. A node whose
    header does not hash to its hash is distrusted, unless no node's header does (then it is our
    header format that is unknown)."""
    healthy = set(client.healthy_endpoints())  # a node on a failure cooldown would cost a timeout per refresh
    trusted = [endpoint for endpoint in client.trusted_endpoints() if endpoint.label in healthy]
    if len(trusted) < MIN_AGREEING_NODES:
        return SingleNodeError(chain=client.chain.name)  # no request: there is nobody to compare with
    votes: list[tuple[JsonRpcEndpoint, VerifiedHeader]] = []
    forged: list[JsonRpcEndpoint] = []
    for endpoint in trusted:
        try:
            raw = client.request_on(endpoint, "eth_getBlockByNumber", [hex(number), False], parse=optional_object)
        except RpcError:
            continue  # unreachable or refusing: it does not vote
        if raw is None:
            continue  # a node that has not reached the block yet
        try:
            votes.append((endpoint, verify_header(raw, number)))
        except InvalidHeaderError:
            forged.append(endpoint)
    if forged and not votes:
        return UnknownHeaderFormatError(block=number)
    for endpoint in forged:
        client.distrust(endpoint, ForgedHeaderError(endpoint=endpoint.label, block=number))
    if len({header.block_hash for _, header in votes}) > 1:
        return NodesDisagreeError(block=number)
    if len(votes) < MIN_AGREEING_NODES:
        return SingleNodeError(chain=client.chain.name)
    return BlockAgreement(votes[0][1], tuple(endpoint for endpoint, _ in votes))


def prove_coin_balances(client: ChainClient, agreement: BlockAgreement, first: JsonRpcEndpoint,
                        owners: Sequence[str]) -> dict[str, int] | NotVerifiedError:
    """Each owner's balance in wei, proven under the agreed state root; asks ``first`` and, if it does
    not serve proofs or sends a forged one (then it is distrusted), the next agreeing node."""
    header = agreement.header
    last: WalletError | None = None
    for endpoint in [first, *(node for node in agreement.nodes if node is not first)]:
        if endpoint not in client.trusted_endpoints():
            continue
        try:
            return _prove(client, endpoint, header, owners)
        except ForgedProofError as error:
            client.distrust(endpoint, error)
            last = error
        except RpcError as error:
            last = error
    return ProofsUnavailableError(block=header.number,
                                  last=last or QT_TRANSLATE_NOOP("WalletError", "every node was distrusted"))


def _prove(client: ChainClient, endpoint: JsonRpcEndpoint, header: VerifiedHeader,
           owners: Sequence[str]) -> dict[str, int]:
    """Every owner's proven balance, from ``endpoint``'s proofs fetched in one batch."""
    calls: list[RpcCall] = [("eth_getProof", [owner, [], hex(header.number)]) for owner in owners]
    replies = client.request_batch_on(endpoint, calls, parse=optional_object)
    balances: dict[str, int] = {}
    for owner, reply in zip(owners, replies, strict=True):
        try:
            if not isinstance(reply, dict):
                raise InvalidProofError("not a proof object")
            balances[owner] = proven_balance(header.state_root, owner, reply.get("accountProof"))
        except InvalidProofError:
            raise ForgedProofError(endpoint=endpoint.label, address=owner, block=header.number) from None
    return balances
