"""Text from outside (a node's error message, a token's name, an explorer's reply) on its way to
the screen."""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` without control characters or format characters such as bidi overrides (both fail
    ``str.isprintable``), which could spoof what the screen shows; stripped."""
    return "".join(c for c in text if c.isprintable()).strip()
