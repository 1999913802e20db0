"""On-chain DEX trading through the Uniswap V2/V3 routers and quoters."""
