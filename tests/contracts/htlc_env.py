"""A devnet chain with the swap contract deployed, and the few moves the HTLC tests make on it.

Transactions come from anvil's unlocked dev accounts with an explicit gas limit, so a transaction
that reverts is mined (and paid for) like on a real chain instead of failing in ``eth_estimateGas``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any, cast

from eth_account import Account
from web3 import Web3
from web3.types import RPCEndpoint, TxReceipt, Wei

from wallet.accounts.hot import HotSigner
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.dex.atomic.htlc_calls import HtlcRevert, decode_htlc_error, encode_lock, lock_value
from wallet.dex.atomic.htlc_deployment import deploy_if_missing
from wallet.dex.atomic.htlc_terms import HtlcTerms, hashlock_of, swap_id

TX_GAS = 1_000_000
APPROVE_ABI = [{"type": "function", "name": "approve", "stateMutability": "nonpayable", "outputs": [],
                "inputs": [{"name": "spender", "type": "address"}, {"name": "amount", "type": "uint256"}]}]
BALANCE_OF_ABI = [{"type": "function", "name": "balanceOf", "stateMutability": "view",
                   "inputs": [{"name": "owner", "type": "address"}], "outputs": [{"name": "", "type": "uint256"}]}]


@dataclass
class HtlcChain:
    chain: Chain
    w3: Web3
    client: ChainClient
    htlc: str

    @classmethod
    def deployed_on(cls, chain: Chain) -> HtlcChain:
        """``chain`` with the swap contract deployed by a fresh, funded key through ``deploy_if_missing``."""
        w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
        deployer = Account.create()
        w3.provider.make_request(RPCEndpoint("anvil_setBalance"), [deployer.address, hex(10**20)])
        client = ChainClient(chain)
        deployment = deploy_if_missing(client, HotSigner(private_key=bytes(deployer.key)), None)
        return cls(chain, w3, client, deployment.address)

    def account(self, index: int) -> str:
        return str(self.w3.eth.accounts[index])

    def id_of(self, terms: HtlcTerms) -> bytes:
        return swap_id(self.chain.chain_id, self.htlc, terms)

    def send(self, sender: str, to: str, data: bytes, value: int = 0) -> TxReceipt:
        tx_hash = self.w3.eth.send_transaction({"from": sender, "to": to, "data": data, "value": Wei(value),
                                                "gas": TX_GAS})
        return self.w3.eth.wait_for_transaction_receipt(tx_hash)

    def transact(self, sender: str, data: bytes, value: int = 0) -> TxReceipt:
        """A call to the swap contract that must succeed."""
        receipt = self.send(sender, self.htlc, data, value)
        assert receipt["status"] == 1, f"reverted: {self.revert_of(sender, data, value)}"
        return receipt

    def lock(self, terms: HtlcTerms) -> TxReceipt:
        return self.transact(terms.sender, encode_lock(terms), lock_value(terms))

    def revert_of(self, sender: str, data: bytes, value: int = 0) -> HtlcRevert | str:
        """The contract's custom error for this call on the latest state (the raw data if it is not one)."""
        reply = self.w3.provider.make_request(RPCEndpoint("eth_call"), [
            {"from": sender, "to": self.htlc, "data": "0x" + data.hex(), "value": hex(value), "gas": hex(TX_GAS)},
            "latest"])
        error = cast(dict[str, Any], reply).get("error")
        assert error is not None, "the call succeeded"
        raw = bytes.fromhex(str(error.get("data") or "0x")[2:])
        return decode_htlc_error(raw) or "0x" + raw.hex()

    def assert_reverts(self, sender: str, data: bytes, expected: HtlcRevert, value: int = 0) -> None:
        """The call reverts with ``expected``, and sent for real it is mined as a failure."""
        assert self.revert_of(sender, data, value) == expected
        assert self.send(sender, self.htlc, data, value)["status"] == 0

    def now(self) -> int:
        return int(self.w3.eth.get_block("latest")["timestamp"])

    def mine_at(self, timestamp: int) -> None:
        """The next block (and the transaction in it) gets exactly ``timestamp``."""
        self.w3.provider.make_request(RPCEndpoint("evm_setNextBlockTimestamp"), [timestamp])

    def advance(self, seconds: int) -> None:
        self.w3.provider.make_request(RPCEndpoint("evm_increaseTime"), [seconds])
        self.w3.provider.make_request(RPCEndpoint("evm_mine"), [])

    def balance(self, address: str) -> int:
        return int(self.w3.eth.get_balance(Web3.to_checksum_address(address)))

    def token_balance(self, token: str, owner: str) -> int:
        return int(self.w3.eth.contract(address=Web3.to_checksum_address(token), abi=BALANCE_OF_ABI)
                   .functions.balanceOf(owner).call())

    def approve(self, token: str, owner: str, amount: int) -> None:
        data = self.w3.eth.contract(address=Web3.to_checksum_address(token), abi=APPROVE_ABI) \
            .encode_abi("approve", [self.htlc, amount])
        assert self.send(owner, token, bytes.fromhex(data[2:]))["status"] == 1

    def deploy(self, abi: list[dict[str, Any]], bytecode: str, *args: Any) -> str:
        factory = self.w3.eth.contract(abi=abi, bytecode=bytecode)
        receipt = self.w3.eth.wait_for_transaction_receipt(
            factory.constructor(*args).transact({"from": self.account(0), "gas": 5_000_000}))
        assert receipt["status"] == 1 and receipt["contractAddress"] is not None
        return str(receipt["contractAddress"])


def new_secret() -> tuple[bytes, bytes]:
    """(preimage, hashlock)."""
    preimage = secrets.token_bytes(32)
    return preimage, hashlock_of(preimage)
