// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title AtomicSwapHTLC
/// @notice Hash time-locked contract for cross-chain atomic swaps, holding native coin or ERC-20 tokens.
///
/// A sender locks `amount` for a fixed `recipient` under a SHA-256 `hashlock` and an absolute `timelock`
/// (unix seconds, compared with `block.timestamp`). The windows are disjoint, so at any moment exactly
/// one of the two outcomes is possible:
///   - claim:  while block.timestamp <  timelock, with the 32-byte preimage; pays the recipient.
///   - refund: once  block.timestamp >= timelock;                             pays the sender.
/// A claim that lands late fails instead of racing the refund. Anyone may call claim and refund: the
/// funds can only go to the recipient or the sender fixed at lock, so any watcher can finish a swap.
///
/// SHA-256 (not keccak) and exactly 32-byte preimages, so the same secret can lock a Bitcoin-script leg
/// (`OP_SIZE 32 OP_EQUALVERIFY OP_SHA256 <hash> OP_EQUAL`): a preimage of another length could be valid
/// on one chain and not the other. The swap id commits to every lock parameter and to this chain and
/// contract, so it cannot be replayed elsewhere. Tokens that take a fee on transfer are refused at lock
/// (the contract must hold exactly what it will pay out); rebasing tokens are not supported.
/// No constructor arguments: the CREATE2 address is the same on every chain.
///
/// The reentrancy guard is our own two-value flag rather than OpenZeppelin's ReentrancyGuard: that one
/// keeps its flag at a hashed slot, and the optimizer stores that 32-byte constant as data after the
/// code, which defeats the build's opcode scan for PUSH0; its transient variant needs Cancun.
contract AtomicSwapHTLC {
    using SafeERC20 for IERC20;

    enum Status {
        None,
        Locked,
        Claimed,
        Refunded
    }

    struct Swap {
        address sender;
        uint64 timelock;
        Status status;
        address recipient;
        address token; // address(0): the chain's native coin
        uint256 amount;
        bytes32 hashlock;
    }

    uint256 private constant PREIMAGE_BYTES = 32;
    uint256 private constant NOT_ENTERED = 1; // non-zero both ways: no zero-to-non-zero store per call
    uint256 private constant ENTERED = 2;

    uint256 private _guard = NOT_ENTERED;

    mapping(bytes32 id => Swap) private _swaps;

    event Locked(
        bytes32 indexed id,
        bytes32 indexed hashlock,
        address indexed recipient,
        address sender,
        address token,
        uint256 amount,
        uint64 timelock
    );
    event Claimed(bytes32 indexed id, bytes32 indexed hashlock, bytes32 preimage);
    event Refunded(bytes32 indexed id, bytes32 indexed hashlock);

    error ZeroAmount();
    error ZeroRecipient();
    error TimelockNotInFuture(uint64 timelock, uint256 blockTimestamp);
    error SwapAlreadyExists(bytes32 id);
    error NativeAmountMismatch(uint256 amount, uint256 value);
    error NativeValueWithToken(uint256 value);
    error TokenAmountMismatch(uint256 amount, uint256 received);
    error SwapNotLocked(bytes32 id, Status status);
    error PreimageNot32Bytes(uint256 length);
    error WrongPreimage(bytes32 id);
    error ClaimWindowClosed(bytes32 id, uint64 timelock, uint256 blockTimestamp);
    error RefundTooEarly(bytes32 id, uint64 timelock, uint256 blockTimestamp);
    error NativeTransferFailed(address to, uint256 amount);
    error ReentrantCall();

    /// @dev No function of this contract can be entered while another one runs (checks-effects-
    ///      interactions already makes a nested claim or refund of the same id fail; this closes the rest).
    modifier nonReentrant() {
        if (_guard == ENTERED) revert ReentrantCall();
        _guard = ENTERED;
        _;
        _guard = NOT_ENTERED;
    }

    /// @notice Lock `amount` of `token` (address(0) for the native coin, sent as msg.value) for `recipient`.
    function lock(address recipient, address token, uint256 amount, bytes32 hashlock, uint64 timelock)
        external
        payable
        nonReentrant
        returns (bytes32 id)
    {
        if (amount == 0) revert ZeroAmount();
        if (recipient == address(0)) revert ZeroRecipient();
        if (timelock <= block.timestamp) revert TimelockNotInFuture(timelock, block.timestamp);
        if (token == address(0) && msg.value != amount) revert NativeAmountMismatch(amount, msg.value);
        if (token != address(0) && msg.value != 0) revert NativeValueWithToken(msg.value);
        id = swapId(msg.sender, recipient, token, amount, hashlock, timelock);
        if (_swaps[id].status != Status.None) revert SwapAlreadyExists(id);
        _swaps[id] = Swap(msg.sender, timelock, Status.Locked, recipient, token, amount, hashlock);
        if (token != address(0)) {
            uint256 before = IERC20(token).balanceOf(address(this));
            IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
            uint256 received = IERC20(token).balanceOf(address(this)) - before;
            if (received != amount) revert TokenAmountMismatch(amount, received);
        }
        emit Locked(id, hashlock, recipient, msg.sender, token, amount, timelock);
    }

    /// @notice Pay a locked swap to its recipient, revealing the preimage. Callable by anyone.
    function claim(bytes32 id, bytes calldata preimage) external nonReentrant {
        if (preimage.length != PREIMAGE_BYTES) revert PreimageNot32Bytes(preimage.length);
        Swap storage swap = _lockedSwap(id);
        if (block.timestamp >= swap.timelock) revert ClaimWindowClosed(id, swap.timelock, block.timestamp);
        if (sha256(preimage) != swap.hashlock) revert WrongPreimage(id);
        swap.status = Status.Claimed;
        emit Claimed(id, swap.hashlock, bytes32(preimage));
        _pay(swap.token, swap.recipient, swap.amount);
    }

    /// @notice Return a locked swap to its sender once its timelock has passed. Callable by anyone.
    function refund(bytes32 id) external nonReentrant {
        Swap storage swap = _lockedSwap(id);
        if (block.timestamp < swap.timelock) revert RefundTooEarly(id, swap.timelock, block.timestamp);
        swap.status = Status.Refunded;
        emit Refunded(id, swap.hashlock);
        _pay(swap.token, swap.sender, swap.amount);
    }

    /// @notice A swap's terms and status (all zero and Status.None for an id never locked).
    function getSwap(bytes32 id) external view returns (Swap memory) {
        return _swaps[id];
    }

    /// @notice The id `lock` gives these parameters when `sender` calls it on this chain and contract.
    function swapId(
        address sender,
        address recipient,
        address token,
        uint256 amount,
        bytes32 hashlock,
        uint64 timelock
    ) public view returns (bytes32) {
        return keccak256(
            abi.encode(block.chainid, address(this), sender, recipient, token, amount, hashlock, timelock)
        );
    }

    function _lockedSwap(bytes32 id) private view returns (Swap storage swap) {
        swap = _swaps[id];
        if (swap.status != Status.Locked) revert SwapNotLocked(id, swap.status);
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}
