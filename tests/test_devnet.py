"""The devnet runs real chains with the real Uniswap contracts, and they trade as predicted."""

from __future__ import annotations

import json
import os

import pytest
from eth_abi.abi import decode, encode
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import ContractCustomError, ContractLogicError

from wallet.chains.registry import Chain, load_registry
from wallet.devnet import Devnet
from wallet.devnet.artifacts import NPM_ARTIFACTS, load_artifact
from wallet.devnet.toolchain import npm_artifact
from wallet.dex.v2_pair import v2_pair_address

DEADLINE = 2**40


def web3_for(chain: Chain) -> Web3:
    return Web3(Web3.HTTPProvider(chain.rpc_urls[0]))


def contract(w3: Web3, name: str, address: str) -> Contract:
    return w3.eth.contract(address=Web3.to_checksum_address(address), abi=load_artifact(name).abi)


def token(chain: Chain, symbol: str) -> str:
    return next(t.address for t in chain.tokens if t.symbol == symbol)


def send(w3: Web3, function: object, sender: str) -> None:
    tx_hash = function.transact({"from": sender})  # type: ignore[attr-defined]
    assert w3.eth.wait_for_transaction_receipt(tx_hash)["status"] == 1


def test_chains_run_at_once_with_distinct_chain_ids(devnet: Devnet) -> None:
    ids = [web3_for(chain).eth.chain_id for chain in devnet.chains]
    assert ids == [31337, 31338]
    assert len({chain.rpc_urls[0] for chain in devnet.chains}) == 2
    # Both are live: mining on one leaves the other's height alone.
    a, b = (web3_for(chain) for chain in devnet.chains)
    height_b = b.eth.block_number
    a.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    assert b.eth.block_number == height_b


def test_manifest_reads_back_through_the_registry(devnet: Devnet) -> None:
    assert devnet.manifest_path is not None
    registry = load_registry(devnet.manifest_path)
    for chain in devnet.chains:
        loaded = registry.get(chain.key)
        assert loaded == chain
        assert loaded.devnet and loaded.uniswap_v2 and loaded.uniswap_v3 and loaded.multicall3
    assert registry.get("ethereum").chain_id == 1  # the bundled chains are still there
    pids = json.loads(devnet.manifest_path.read_text())["pids"]
    assert sorted(int(pid) for pid in pids.values()) == sorted(n.pid for n in devnet.nodes)


def test_v2_pair_address_matches_router_init_code_hash(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.uniswap_v2 is not None
    w3 = web3_for(chain)
    factory = contract(w3, "UniswapV2Factory", chain.uniswap_v2.factory)
    weth, dusd = token(chain, "WETH"), token(chain, "DUSD")
    expected = v2_pair_address(chain.uniswap_v2.factory, weth, dusd, chain.uniswap_v2.init_code_hash)
    assert factory.functions.getPair(weth, dusd).call() == expected
    assert chain.uniswap_v2.init_code_hash == "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f"


@pytest.mark.usefixtures("chain_state")
def test_v2_swap_exact_tokens_delivers_router_prediction(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.uniswap_v2 is not None
    w3 = web3_for(chain)
    trader = w3.eth.accounts[1]
    dusd, ddai = token(chain, "DUSD"), token(chain, "DDAI")
    router = contract(w3, "UniswapV2Router02", chain.uniswap_v2.router)
    amount_in = 2_500 * 10**6
    send(w3, contract(w3, "DevToken", dusd).functions.mint(trader, amount_in), trader)
    send(w3, contract(w3, "DevToken", dusd).functions.approve(router.address, amount_in), trader)
    path = [dusd, ddai]
    predicted = router.functions.getAmountsOut(amount_in, path).call()[-1]
    before = contract(w3, "DevToken", ddai).functions.balanceOf(trader).call()

    send(w3, router.functions.swapExactTokensForTokens(amount_in, predicted, path, trader, DEADLINE), trader)

    received = contract(w3, "DevToken", ddai).functions.balanceOf(trader).call() - before
    assert received == predicted
    assert 2_480 * 10**18 < received < 2_500 * 10**18  # 1:1 pool, 0.3% fee, small impact


@pytest.mark.usefixtures("chain_state")
def test_v3_exact_input_single_delivers_quoter_prediction(devnet: Devnet) -> None:
    chain = devnet.chains[1]
    assert chain.uniswap_v3 is not None
    w3 = web3_for(chain)
    trader = w3.eth.accounts[2]
    weth, dusd = token(chain, "WETH"), token(chain, "DUSD")
    amount_in = 3 * 10**18
    weth_contract = contract(w3, "WETH9", weth)
    tx = weth_contract.functions.deposit().transact({"from": trader, "value": amount_in})
    assert w3.eth.wait_for_transaction_receipt(tx)["status"] == 1
    router = contract(w3, "SwapRouter", chain.uniswap_v3.swap_router)
    send(w3, weth_contract.functions.approve(router.address, amount_in), trader)
    quoter = contract(w3, "QuoterV2", chain.uniswap_v3.quoter_v2)
    predicted, *_ = quoter.functions.quoteExactInputSingle((weth, dusd, amount_in, 3000, 0)).call()
    before = contract(w3, "DevToken", dusd).functions.balanceOf(trader).call()

    send(w3, router.functions.exactInputSingle(
        (weth, dusd, 3000, trader, DEADLINE, amount_in, predicted, 0)), trader)

    received = contract(w3, "DevToken", dusd).functions.balanceOf(trader).call() - before
    assert received == predicted
    assert 5_950 * 10**6 < received < 6_030 * 10**6  # ~2,010 DUSD per WETH less the 0.3% fee


def test_multicall3_aggregates_balances_in_one_call(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.multicall3 is not None
    w3 = web3_for(chain)
    multicall = contract(w3, "Multicall3", chain.multicall3)
    holders = w3.eth.accounts[:4]
    selector = Web3.keccak(text="balanceOf(address)")[:4]
    calls = [(t.address, False, selector + encode(["address"], [h])) for t in chain.tokens for h in holders]
    calls.append((multicall.address, False, multicall.encode_abi("getEthBalance", [holders[0]])))

    results = multicall.functions.aggregate3(calls).call()

    assert len(results) == len(calls) and all(ok for ok, _ in results)
    for (target, _, data), (_, returned) in zip(calls[:-1], results[:-1], strict=True):
        holder = Web3.to_checksum_address(decode(["address"], data[4:])[0])
        direct = contract(w3, "DevToken", target).functions.balanceOf(holder).call()
        assert decode(["uint256"], returned)[0] == direct
    assert decode(["uint256"], results[-1][1])[0] == w3.eth.get_balance(holders[0])


def test_multicall3_reverts_when_a_required_call_fails(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.multicall3 is not None
    w3 = web3_for(chain)
    multicall = contract(w3, "Multicall3", chain.multicall3)
    bad_call = (chain.tokens[0].address, False, b"\xde\xad\xbe\xef")
    with pytest.raises(ContractCustomError) as reverted:
        multicall.functions.aggregate3([bad_call]).call()
    call_failed_0 = Web3.keccak(text="CallFailed(uint256)")[:4] + encode(["uint256"], [0])
    assert reverted.value.data == "0x" + call_failed_0.hex()
    tolerated = multicall.functions.aggregate3([(bad_call[0], True, bad_call[2])]).call()
    assert tolerated[0][0] is False


def test_stop_ends_anvil_processes() -> None:
    with Devnet.start((31400,)) as devnet:
        pid = devnet.nodes[0].pid
        assert devnet.nodes[0].is_running()
    assert not devnet.nodes[0].is_running()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_missing_node_toolchain_says_what_to_run(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from wallet.devnet.toolchain import ToolchainMissingError, anvil_binary

    monkeypatch.setenv("WALLET_NODE_MODULES", str(tmp_path))
    with pytest.raises(ToolchainMissingError, match=r"Run `npm ci` in .+"):
        anvil_binary()
    with pytest.raises(ToolchainMissingError, match="npm ci"):
        Devnet.start((31600,))


def test_swap_router02_is_the_npm_artifact_wired_to_the_devnet(devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.uniswap_v2 and chain.uniswap_v3 and chain.uniswap_v3.swap_router02
    assert chain.uniswap_v3.swap_router_kind == "SwapRouter"  # both routers exist: SwapRouter is the V3 one
    w3 = web3_for(chain)
    router = contract(w3, "SwapRouter02", chain.uniswap_v3.swap_router02)
    assert router.functions.factoryV2().call() == chain.uniswap_v2.factory
    assert router.functions.factory().call() == chain.uniswap_v3.factory
    assert router.functions.positionManager().call() == chain.uniswap_v3.position_manager
    assert router.functions.WETH9().call() == chain.wrapped_native
    # Immutables are patched into the runtime code in place: the length is the artifact's own.
    deployed = json.loads(npm_artifact(NPM_ARTIFACTS["SwapRouter02"]).read_text())["deployedBytecode"]
    assert len(bytes(w3.eth.get_code(router.address))) == len(bytes.fromhex(deployed.removeprefix("0x")))


@pytest.mark.usefixtures("chain_state")
def test_fee_on_transfer_token_burns_one_percent_and_trades_only_through_the_supporting_functions(
        devnet: Devnet) -> None:
    chain = devnet.chains[0]
    assert chain.uniswap_v2 is not None
    w3 = web3_for(chain)
    trader, friend = w3.eth.accounts[5], w3.eth.accounts[6]
    dfot = contract(w3, "FeeOnTransferToken", token(chain, "DFOT"))
    weth = contract(w3, "WETH9", token(chain, "WETH"))
    assert dfot.functions.feeBps().call() == 100
    send(w3, dfot.functions.mint(trader, 1_000 * 10**18), trader)
    send(w3, dfot.functions.transfer(friend, 100 * 10**18), trader)
    assert dfot.functions.balanceOf(friend).call() == 99 * 10**18
    assert dfot.functions.balanceOf(trader).call() == 900 * 10**18

    router = contract(w3, "UniswapV2Router02", chain.uniswap_v2.router)
    send(w3, dfot.functions.approve(router.address, 2**256 - 1), trader)
    path, amount = [dfot.address, weth.address], 100 * 10**18
    with pytest.raises(ContractLogicError, match="UniswapV2: K"):  # the pair got 1 % less than quoted
        router.functions.swapExactTokensForTokens(amount, 0, path, trader, DEADLINE).call({"from": trader})
    before = weth.functions.balanceOf(trader).call()
    send(w3, router.functions.swapExactTokensForTokensSupportingFeeOnTransferTokens(
        amount, 1, path, trader, DEADLINE), trader)
    received = weth.functions.balanceOf(trader).call() - before
    # 99 DFOT reach the pair, which holds 99,000 DFOT (the seeding paid the fee too) to 50 WETH:
    # 99 * 0.997 * 50 / 99,099 WETH.
    assert received == 99 * 10**18 * 997 * 50 * 10**18 // (99_000 * 10**18 * 1000 + 99 * 10**18 * 997)


def test_every_devnet_chain_has_the_htlc_at_its_pinned_address(devnet: Devnet) -> None:
    from wallet.chains.rpc import ChainClient
    from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS, verify_code

    for chain in devnet.chains:
        verify_code(ChainClient(chain))  # raises unless the committed runtime code is at HTLC_ADDRESS
        assert Web3(Web3.HTTPProvider(chain.rpc_urls[0])).eth.get_code(Web3.to_checksum_address(HTLC_ADDRESS))
