"""The devnet playground as a service: start local chains for the app, stop them when it quits.

The EVM chains (anvil) are the playground's core: ``start`` returns them. When the Litecoin tools are
installed (``scripts/bootstrap-utxo``), a Litecoin regtest node and its Electrum server start beside
them, in a thread of their own (they take a few seconds), in ``<cache>/litecoin-regtest``; the node's
wallet is the faucet. ``utxo_servers()`` gives their Electrum server per UTXO chain key once they are
ready; ``utxo_unavailable_reason()`` says why there is none (tools missing, or the start failed).
Litecoin never fails the playground: without it the EVM chains run as before.
"""

from __future__ import annotations

import logging
import shutil
import threading
from typing import TYPE_CHECKING

from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.paths import cache_dir
from wallet.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wallet.devnet import Devnet
    from wallet.devnet.litecoin import LitecoinRegtest

log = logging.getLogger(__name__)

LITECOIN_WORKDIR_NAME = "litecoin-regtest"
# ElectrumX holds small replies up to 1 s to pad them (as public servers do); on loopback in the
# playground that would only make every click slow.
PLAYGROUND_PADDING_WAIT_S = 0.02
UTXO_STOP_JOIN_S = 60.0
MAX_DETAIL_CHARS = 300


class UtxoPlaygroundError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The playground's {chain} chain cannot be used: {reason}")


class UtxoPlaygroundStartError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "The local Litecoin chain did not start: {detail}")


_NOT_STARTED = QT_TRANSLATE_NOOP("WalletError", "the playground is not running")
_STARTING = QT_TRANSLATE_NOOP("WalletError", "it is still starting")
_NOT_IN_PLAYGROUND = QT_TRANSLATE_NOOP("WalletError", "the playground has no such chain")


class PlaygroundService:
    def __init__(self) -> None:
        self._devnet: Devnet | None = None
        self._lock = threading.Lock()
        self._litecoin: LitecoinRegtest | None = None  # prepared or running; ``_litecoin_ready`` says which
        self._litecoin_thread: threading.Thread | None = None
        self._litecoin_ready = False
        self._litecoin_done = threading.Event()  # set when the Litecoin part is ready or has failed
        self._litecoin_error: WalletError | None = None

    @property
    def running(self) -> bool:
        return self._devnet is not None

    def start(self) -> list[Chain]:
        """Blocking: start the devnet (about a second) and return its chains. Idempotent. The
        Litecoin part starts in the background (see ``wait_utxo``)."""
        # Imported here, not at module level: the devnet pulls in web3, which costs over a second
        # of start-up for users who never open the playground.
        from wallet.devnet import Devnet, reap_stale_devnet

        with self._lock:
            if self._devnet is None:
                self._start_litecoin()
                manifest = cache_dir() / "devnet.json"
                try:
                    reap_stale_devnet(manifest)
                    self._devnet = Devnet.start(manifest_path=manifest)
                except BaseException:
                    self._stop_litecoin()
                    raise
            return list(self._devnet.chains)

    def stop(self) -> None:
        with self._lock:
            self._stop_litecoin()
            if self._devnet is not None:
                self._devnet.stop()
                self._devnet = None

    # --- the UTXO chains ----------------------------------------------------------------------------
    def utxo_servers(self) -> dict[str, list[str]]:
        """The Electrum servers of the playground's UTXO chains that are ready, by registry key
        (``{"litecoin-regtest": ["tcp://127.0.0.1:<port>"]}``); empty while starting or without them."""
        stack = self._litecoin
        if stack is None or not self._litecoin_ready:
            return {}
        from wallet.devnet.litecoin import LITECOIN_REGTEST_KEY

        return {LITECOIN_REGTEST_KEY: [stack.electrum_url]}

    def utxo_unavailable_reason(self) -> WalletError | None:
        """Why the playground has no Litecoin chain (the tools are missing, or it failed to start),
        or None (it runs, or is starting, or the playground is not started)."""
        return self._litecoin_error

    def wait_utxo(self, timeout_s: float | None = None) -> dict[str, list[str]]:
        """Blocking: waits until the Litecoin part is ready or has failed (at most ``timeout_s``);
        then ``utxo_servers()``."""
        if self._litecoin is not None:
            self._litecoin_done.wait(timeout_s)
        return self.utxo_servers()

    def fund_utxo(self, chain_key: str, address: str, amount_sats: int) -> str:
        """The faucet: pays ``amount_sats`` from the node's wallet to ``address`` on the playground's
        UTXO chain ``chain_key``, mines the block that confirms it and waits until the Electrum server
        has it; the txid. ``UtxoPlaygroundError`` when that chain is not there (yet), the node's
        ``NodeRpcError`` when it refuses (an address of another network)."""
        stack = self._litecoin
        if stack is None or not self._litecoin_ready:
            reason: object = self._litecoin_error or (_STARTING if stack is not None else _NOT_STARTED)
            raise UtxoPlaygroundError(chain=chain_key, reason=reason)
        # Imported only now (the stack runs, so it is loaded): the devnet package pulls in web3.
        from wallet.devnet.litecoin import LITECOIN_REGTEST_KEY

        if chain_key != LITECOIN_REGTEST_KEY:
            raise UtxoPlaygroundError(chain=chain_key, reason=_NOT_IN_PLAYGROUND)
        return stack.fund(address, amount_sats)

    def _start_litecoin(self) -> None:
        """Finds the tools (quick: a few file checks) and starts the stack in a thread; without the
        tools, records and logs why."""
        from wallet.devnet.litecoin import LitecoinRegtest, LitecoinToolsMissingError, find_litecoin_tools

        self._litecoin_ready = False
        self._litecoin_error = None
        self._litecoin_done.clear()
        try:
            tools = find_litecoin_tools()
        except LitecoinToolsMissingError as error:
            log.info("the playground runs without Litecoin: %s", error)
            self._litecoin_error = error
            self._litecoin_done.set()
            return
        workdir = cache_dir() / LITECOIN_WORKDIR_NAME
        stack = LitecoinRegtest.prepare(workdir, tools=tools, padding_wait_s=PLAYGROUND_PADDING_WAIT_S)
        self._litecoin = stack
        self._litecoin_thread = threading.Thread(target=self._run_litecoin, args=(stack,),
                                                 name="playground-litecoin", daemon=True)
        self._litecoin_thread.start()

    def _run_litecoin(self, stack: LitecoinRegtest) -> None:
        from wallet.devnet.litecoin import LitecoinStoppedError, reap_stale_litecoin

        try:
            reaped = reap_stale_litecoin(stack.workdir)
            if reaped:
                log.info("stopped %d Litecoin processes an earlier run left behind", len(reaped))
            shutil.rmtree(stack.workdir, ignore_errors=True)  # a fresh chain each time, as anvil's
            stack.workdir.mkdir(parents=True)
            stack.run()
        except LitecoinStoppedError:
            pass  # the playground was stopped meanwhile
        except WalletError as error:
            self._litecoin_failed(stack, error)
        except Exception as error:  # any failure leaves the playground without Litecoin, never down
            self._litecoin_failed(stack, UtxoPlaygroundStartError(detail=str(error)[:MAX_DETAIL_CHARS]))
        else:
            self._litecoin_ready = self._litecoin is stack  # not when stopped just as it got ready
            log.info("Litecoin regtest ready in %.1f s, Electrum server %s", stack.started_in_s, stack.electrum_url)
        finally:
            self._litecoin_done.set()

    def _litecoin_failed(self, stack: LitecoinRegtest, error: WalletError) -> None:
        if self._litecoin is not stack:  # stopped meanwhile: its failure is only the stop's doing
            return
        log.warning("the playground runs without Litecoin: %s", error)
        self._litecoin_error = error

    def _stop_litecoin(self) -> None:
        """Stops the stack (also while it starts), waits for its thread and removes its files."""
        stack, thread = self._litecoin, self._litecoin_thread
        self._litecoin, self._litecoin_thread = None, None
        self._litecoin_ready = False
        self._litecoin_error = None
        if stack is None:
            return
        stack.stop()
        if thread is not None:
            thread.join(UTXO_STOP_JOIN_S)
        shutil.rmtree(stack.workdir, ignore_errors=True)
