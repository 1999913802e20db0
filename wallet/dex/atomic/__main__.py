"""``python -m wallet.dex.atomic``: run either side of an atomic swap headless, in the wallet at
``WALLET_HOME`` (or the user's), so two processes with two wallet directories can swap.

    create-offer   sign an offer with one of this wallet's accounts; prints it (and saves it)
    show-offer     check an offer and print both legs decoded (JSON)
    accept-offer   check an offer, sign the acceptance, start the swap as participant; prints it
    run            start swaps for the given acceptances (maker), then drive every unfinished swap
    status         every swap's state, locks, timelocks and transactions, as JSON

The wallet's password comes from the ``WALLET_PASSWORD`` environment variable or, failing that,
one line on standard input; never from the command line (it would show in ``ps``). Chains are the
bundled registry plus the devnet playground's manifest and any ``--chains`` file.

A leg may be on a Bitcoin-family chain: give ``--chain-a``/``--chain-b`` as its registry key (e.g.
``litecoin-regtest``) and, where the registry lists no server (regtest), ``--electrum
litecoin-regtest=tcp://127.0.0.1:50001``. On such a leg the wallet names its own BIP-84 key (first
receive address of account 0, from the hot wallet's recovery phrase); ``--account`` stays the
wallet's EVM address, which signs the offer or acceptance.

``WALLET_ATOMIC_CRASH_AT=<checkpoint>`` (for the crash tests) kills this process with SIGKILL at
that engine checkpoint (e.g. ``lock_a_signed``: after the signed lock is saved, before broadcast).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from wallet.accounts.signer import Signer
from wallet.chains.address import parse_address
from wallet.chains.registry import ChainRegistry, load_chains_file, load_registry
from wallet.chains.rpc import ChainClient
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN
from wallet.dex.atomic.swap_chains import is_utxo_chain, utxo_chain_number
from wallet.dex.atomic.swap_engine import StepReport, SwapEngine, SwapParty, describe
from wallet.dex.atomic.swap_errors import (
    AcceptanceMismatchError,
    OfferExpiredError,
    SwapAccountMissingError,
    UnknownOfferError,
    UnknownSwapChainError,
)
from wallet.dex.atomic.swap_offer import (
    Acceptance,
    Offer,
    SignedOffer,
    acceptance_signer,
    parse_acceptance,
    parse_offer,
    sign_acceptance,
    sign_offer,
)
from wallet.dex.atomic.swap_parties import UtxoLegs, party_field, payee, phrase_account, with_hashlock
from wallet.dex.atomic.swap_state import INITIATOR, PARTICIPANT
from wallet.dex.atomic.swap_watch import ChainHead, head
from wallet.errors import WalletError
from wallet.paths import cache_dir, data_dir, database_path, vault_path
from wallet.services.hot_wallet import HotWalletService
from wallet.store.accounts import AccountStore
from wallet.store.db import connect
from wallet.store.swaps import SwapStore
from wallet.store.transactions import TransactionStore
from wallet.utxo.electrum_client import ElectrumServer, default_certificate_pins
from wallet.utxo.registry import UtxoChain, load_utxo_registry

PASSWORD_ENV = "WALLET_PASSWORD"  # noqa: S105 - the variable's name, not a password
CRASH_ENV = "WALLET_ATOMIC_CRASH_AT"
OFFERS_DIR = "swap-offers"
DEFAULT_EXPIRY_S = 3600


class Headless:
    """The wallet of this process: registry, clients, unlocked hot wallet, stores, engine."""

    def __init__(self, chain_files: list[Path], electrum: list[str] | None = None) -> None:
        self.registry = _registry(chain_files)
        self.utxo_registry = load_utxo_registry()
        electrum_servers = _electrum_servers(electrum or [])
        self._clients: dict[int, ChainClient] = {}
        db = connect(database_path())
        self.hot = HotWalletService(AccountStore(db), vault_path())
        # This wallet on a Bitcoin-family chain: its servers (``--electrum`` or the registry's) and the
        # BIP-84 keys of the hot wallet's recovery phrase.
        self.utxo = UtxoLegs(lambda: list(self.utxo_registry),
                             lambda chain: electrum_servers.get(chain.key) or list(chain.electrum_servers),
                             self._phrase_root, pins=default_certificate_pins())
        self.engine = SwapEngine(SwapStore(db), SwapParty(self.client, self.signer_for, TransactionStore(db),
                                                          checkpoint=_crash_checkpoint, utxo=self.utxo))

    def _phrase_root(self, chain: UtxoChain) -> object:
        account = phrase_account(self.hot.accounts.all(), chain.name)
        if not self.hot.is_unlocked:
            self.hot.unlock(_password())  # asked once per process
        return self.hot.utxo_root(account)

    def chain_number(self, text: str) -> int:
        """An offer's chain: an EVM chain id, or a UTXO chain's registry key."""
        if text.isdigit():
            return int(text)
        if text in self.utxo_registry:
            return utxo_chain_number(self.utxo_registry.get(text))
        raise UnknownSwapChainError(chain_id=text)

    def head(self, chain_number: int) -> ChainHead:
        return self.utxo.head(chain_number) if is_utxo_chain(chain_number) else head(self.client(chain_number))

    def client(self, chain_id: int) -> ChainClient:
        if chain_id not in self._clients:
            chain = self.registry.by_chain_id(chain_id)
            if chain is None:
                raise KeyError(chain_id)
            self._clients[chain_id] = ChainClient(chain)
        return self._clients[chain_id]

    def signer_for(self, address: str) -> tuple[Signer, str | None]:
        account = next((a for a in self.hot.accounts.all()
                        if a.kind.is_hot and a.address.lower() == address.lower()), None)
        if account is None:
            raise SwapAccountMissingError(address=address)
        if not self.hot.is_unlocked:
            self.hot.unlock(_password())  # asked once per process
        return self.hot.signer_for(account)

    def known_chain(self, chain_id: int) -> bool:
        if is_utxo_chain(chain_id):
            return self.utxo.known(chain_id)
        return self.registry.by_chain_id(chain_id) is not None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        wallet = Headless(args.chains, args.electrum)
        return int(args.handler(wallet, args))
    except WalletError as error:
        if isinstance(error, OfferExpiredError) and isinstance(expiry := error.params.get("expiry"), int):
            error = OfferExpiredError(expiry=datetime.fromtimestamp(expiry, UTC).isoformat())  # not unix seconds
        print(f"error: {error}", file=sys.stderr)
        return 1


def _create_offer(wallet: Headless, args: argparse.Namespace) -> int:
    chain_a, chain_b = wallet.chain_number(args.chain_a), wallet.chain_number(args.chain_b)
    maker_a = party_field(chain_a, parse_address(args.account), wallet.utxo)
    maker_b = party_field(chain_b, parse_address(args.account_b or args.account), wallet.utxo)
    now = wallet.head(chain_a).timestamp
    nonce = secrets.randbits(128)
    offer = Offer(chain_a, _token(args.token_a), args.amount_a, maker_a, chain_b, _token(args.token_b),
                  args.amount_b, maker_b, now + args.expires_in, nonce)
    signer, path = wallet.signer_for(offer.signer)
    signed = sign_offer(with_hashlock(offer, signer, path), signer, path)
    offers = data_dir() / OFFERS_DIR
    offers.mkdir(mode=0o700, exist_ok=True)
    (offers / f"0x{signed.offer_id.hex()}.txt").write_text(signed.text() + "\n", encoding="ascii")
    _emit(signed.text(), args.out)
    return 0


def _checked_offer(wallet: Headless, text: str) -> SignedOffer:
    """Verified, and not expired by chain A's clock."""
    unverified = parse_offer(text, wallet.known_chain, None)
    return parse_offer(text, wallet.known_chain, wallet.head(unverified.offer.chain_a).timestamp)


def _show_offer(wallet: Headless, args: argparse.Namespace) -> int:
    print(json.dumps(_decoded(wallet, _checked_offer(wallet, _text(args.offer))), indent=1), flush=True)
    return 0


def _decoded(wallet: Headless, signed: SignedOffer) -> dict[str, object]:
    """Both legs as a person reads them: chain, asset, amount in whole units, who locks and who receives."""
    offer = signed.offer

    def leg(chain_id: int, token: str, amount: int, locked_by: str) -> dict[str, object]:
        if is_utxo_chain(chain_id):
            utxo = wallet.utxo.chain(chain_id)
            whole = format(Decimal(amount).scaleb(-utxo.decimals).normalize(), "f")
            return {"chain": utxo.name, "chain_id": chain_id, "asset": utxo.symbol, "token": token, "amount": whole,
                    "amount_raw": str(amount), "locked_by": locked_by}
        chain = wallet.client(chain_id).chain
        info = next((t for t in chain.tokens if t.address.lower() == token.lower()), None)
        symbol, decimals = ((chain.native.symbol, chain.native.decimals) if token == NATIVE_TOKEN
                            else (info.symbol, info.decimals) if info is not None else (f"unknown token {token}", 0))
        whole = format(Decimal(amount).scaleb(-decimals).normalize(), "f")
        return {"chain": chain.name, "chain_id": chain_id, "asset": symbol, "token": token, "amount": whole,
                "amount_raw": str(amount), "locked_by": locked_by}

    paid_to = payee(offer.chain_b, offer.maker_b, wallet.utxo.chain)
    return {"offer": "0x" + signed.offer_id.hex(), "maker": offer.signer,
            "maker_gives": leg(offer.chain_a, offer.token_a, offer.amount_a, "maker"),
            "maker_gets": leg(offer.chain_b, offer.token_b, offer.amount_b, "taker") | {"paid_to": paid_to},
            "expires_utc": datetime.fromtimestamp(offer.expiry, UTC).isoformat()}


def _accept_offer(wallet: Headless, args: argparse.Namespace) -> int:
    offer = _checked_offer(wallet, _text(args.offer))
    print(json.dumps(_decoded(wallet, offer)), file=sys.stderr, flush=True)
    taker_b = party_field(offer.offer.chain_b, parse_address(args.account), wallet.utxo)
    taker_a = party_field(offer.offer.chain_a, parse_address(args.account_a or args.account), wallet.utxo)
    acceptance = Acceptance(offer.offer_id, taker_a, taker_b)
    signer, path = wallet.signer_for(acceptance_signer(offer.offer, acceptance))
    signed = sign_acceptance(acceptance, offer.offer, signer, path)
    wallet.engine.begin(PARTICIPANT, offer, signed)
    _emit(signed.text(), args.out)
    return 0


def _run(wallet: Headless, args: argparse.Namespace) -> int:
    for item in args.acceptance:
        text = _text(item)
        offer = _own_offer(wallet, text, args.offer)
        wallet.engine.begin(INITIATOR, offer, parse_acceptance(text, offer))
    swaps = wallet.engine.unfinished()
    reports = wallet.engine.run(swaps, poll_s=args.poll, timeout_s=args.timeout, on_report=_print_report)
    return 0 if all(r.done for r in reports) else 3


def _status(wallet: Headless, args: argparse.Namespace) -> int:
    for swap, _role in wallet.engine.store.swaps():
        if args.swap is None or args.swap == swap:
            print(json.dumps(describe(wallet.engine.record(swap))), flush=True)
    return 0


def _own_offer(wallet: Headless, acceptance_text: str, offer_texts: list[str]) -> SignedOffer:
    """The offer an acceptance answers: one given with ``--offer``, or one this wallet created."""
    candidates = [_text(t) for t in offer_texts]
    candidates += [p.read_text(encoding="ascii") for p in sorted((data_dir() / OFFERS_DIR).glob("*.txt"))]
    offers = [parse_offer(t, wallet.known_chain, None) for t in candidates]
    for offer in offers:
        try:
            parse_acceptance(acceptance_text, offer)
        except AcceptanceMismatchError:
            continue
        return offer
    raise UnknownOfferError()


def _print_report(report: StepReport) -> None:
    print(json.dumps({"swap": report.swap_id, "role": report.role, "state": report.state, "done": report.done}),
          flush=True)


def _crash_checkpoint(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = sys.stdin.readline().rstrip("\n")
    return password


def _registry(chain_files: list[Path]) -> ChainRegistry:
    registry = load_registry()
    playground = cache_dir() / "devnet.json"
    for path in [*([playground] if playground.exists() else []), *chain_files]:
        for chain in load_chains_file(path):
            registry.add(chain, replace=True)
    return registry


def _electrum_servers(items: list[str]) -> dict[str, list[ElectrumServer]]:
    servers: dict[str, list[ElectrumServer]] = {}
    for item in items:
        key, _, url = item.partition("=")
        servers.setdefault(key.strip(), []).append(ElectrumServer.parse(url.strip()))
    return servers


def _token(text: str) -> str:
    return NATIVE_TOKEN if text.lower() in ("native", "coin") else parse_address(text)


def _text(value: str) -> str:
    """A message given inline, or ``@path`` to a file holding it."""
    return Path(value[1:]).read_text(encoding="ascii").strip() if value.startswith("@") else value.strip()


def _emit(text: str, out: Path | None) -> None:
    if out is not None:
        out.write_text(text + "\n", encoding="ascii")
    print(text, flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m wallet.dex.atomic", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chains", type=Path, action="append", default=[], help="extra chain file (registry form)")
    parser.add_argument("--electrum", action="append", default=[],
                        help="KEY=URL: an Electrum server for a Bitcoin-family chain (e.g. litecoin-regtest=tcp://h:p)")
    commands = parser.add_subparsers(required=True)
    create = commands.add_parser("create-offer", help="sign an offer")
    create.add_argument("--account", required=True, help="your address that locks on chain A")
    create.add_argument("--account-b", help="your address that receives on chain B (default: --account)")
    create.add_argument("--chain-a", required=True, help="EVM chain id, or a UTXO chain's key (litecoin-regtest)")
    create.add_argument("--token-a", default="native", help="token address, or 'native' for the coin")
    create.add_argument("--amount-a", type=int, required=True, help="smallest units")
    create.add_argument("--chain-b", required=True)
    create.add_argument("--token-b", default="native")
    create.add_argument("--amount-b", type=int, required=True)
    create.add_argument("--expires-in", type=int, default=DEFAULT_EXPIRY_S, help="seconds of chain A time")
    create.add_argument("--out", type=Path)
    create.set_defaults(handler=_create_offer)
    show = commands.add_parser("show-offer", help="check an offer (text, or @file) and decode it")
    show.add_argument("offer")
    show.set_defaults(handler=_show_offer)
    accept = commands.add_parser("accept-offer", help="accept an offer (text, or @file)")
    accept.add_argument("offer")
    accept.add_argument("--account", required=True, help="your address that locks on chain B")
    accept.add_argument("--account-a", help="your address that receives on chain A (default: --account)")
    accept.add_argument("--out", type=Path)
    accept.set_defaults(handler=_accept_offer)
    run = commands.add_parser("run", help="drive every unfinished swap to its end")
    run.add_argument("--acceptance", action="append", default=[], help="an acceptance of your offer (text, @file)")
    run.add_argument("--offer", action="append", default=[], help="the offer it answers, if not created here")
    run.add_argument("--poll", type=float, default=1.0, help="seconds between steps")
    run.add_argument("--timeout", type=float, help="give up after this many seconds (swaps stay resumable)")
    run.set_defaults(handler=_run)
    status = commands.add_parser("status", help="print every swap as JSON")
    status.add_argument("swap", nargs="?")
    status.set_defaults(handler=_status)
    return parser


if __name__ == "__main__":
    sys.exit(main())
