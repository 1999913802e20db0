"""Chains: the registry of networks, and the JSON-RPC client that talks to them."""
