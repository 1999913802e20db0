// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

// Test-only contracts that attack AtomicSwapHTLC or behave like awkward real tokens. Compiled by
// tests/test_htlc_contract.py with the pinned solc; never deployed anywhere but a test chain.

/// @notice USDT-style: transfer and transferFrom return nothing (a plain `bool` decode would fail).
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }
}

/// @notice Burns 1 % of every transfer: the recipient gets less than was sent.
contract TaxToken is ERC20("Tax", "TAX") {
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) {
            super._update(from, to, value);
        } else {
            super._update(from, address(0), value / 100);
            super._update(from, to, value - value / 100);
        }
    }
}

/// @notice Calls `target` with `payload` once, when armed, and records how that call ended.
abstract contract ReentryProbe {
    address private _target;
    bytes private _payload;
    bool public attempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    function arm(address target, bytes calldata payload) external {
        _target = target;
        _payload = payload;
    }

    function _reenter() internal {
        address target = _target;
        if (target == address(0)) return;
        _target = address(0); // once: the reentered call must not trigger another
        attempted = true;
        (bool ok, bytes memory data) = target.call(_payload);
        reentrySucceeded = ok;
        reentryRevertData = data;
    }
}

/// @notice An ERC-20 that calls back into the HTLC from inside its own transfers.
contract ReentrantToken is ERC20("Reentrant", "REEN"), ReentryProbe {
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0)) _reenter();
    }
}

/// @notice A swap recipient (or sender) contract that calls back into the HTLC when paid coin.
contract ReentrantReceiver is ReentryProbe {
    receive() external payable {
        _reenter();
    }
}
