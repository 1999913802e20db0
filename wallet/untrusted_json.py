"""JSON from outside the app (a node's reply, a file the user picked or could have edited), parsed
without letting it crash the process.

The danger is nesting, not size: py_ecc (imported with eth_account) raises Python's recursion limit
to 100,000, so the C parser, which recurses once per ``[`` or ``{``, overflows the C stack on some
tens of thousands of nested brackets long before ``RecursionError``: a segfault, not an exception.
``loads_untrusted`` therefore measures the depth first, with a scan that does not recurse, and
parses only what nests no deeper than the caller's cap; every failure is one ``UntrustedJsonError``
that the caller maps to its own typed ``WalletError``.
"""

from __future__ import annotations

import json
import re
from typing import Any

# One JSON string (escapes included) or one bracket. Linear time on any input: a match is tried only
# at a '"' or a bracket; inside a string, each step consumes a run of ordinary characters or one
# escape pair, alternatives that begin with different characters, and the possessive quantifiers
# (Python 3.11+) give back nothing, so no position is ever scanned twice. An unterminated string
# runs to the end of the text (the closing quote is optional): the scan never restarts inside it,
# which would make a text of many quotes and backslashes quadratic.
_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}]', re.DOTALL)


class UntrustedJsonError(ValueError):
    """Not UTF-8 JSON, or nested deeper than its reader allows (``too_deep``). A ``ValueError``,
    like ``json.JSONDecodeError``, for the handlers that already catch that; its text (for logs)
    says where the parser stopped, never what the document holds."""

    def __init__(self, too_deep: bool, detail: str = "") -> None:
        super().__init__(detail or ("nested too deeply" if too_deep else "not JSON"))
        self.too_deep = too_deep


def nests_deeper_than(text: str, max_depth: int) -> bool:
    """Whether ``text`` nests arrays and objects more than ``max_depth`` deep (brackets inside
    strings do not count); the scan stops at the first bracket too deep.

    Where ``text`` is not JSON the count may differ from what a parser would see, but only after
    the first point where the parser stops with an error: up to there, the two read the same
    strings and brackets.
    """
    if text.count("[") + text.count("{") <= max_depth:  # most texts are spared the scan
        return False
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > max_depth:
                return True
        elif token in ("]", "}"):
            depth -= 1
    return False


def loads_untrusted(data: str | bytes, max_depth: int) -> Any:
    """``json.loads(data)`` once ``data`` is known to nest at most ``max_depth`` deep (bytes are
    UTF-8, a leading byte-order mark allowed); ``UntrustedJsonError`` for anything else."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as error:
        raise UntrustedJsonError(too_deep=False, detail=f"not UTF-8 (at byte {error.start})") from None
    if nests_deeper_than(text, max_depth):
        raise UntrustedJsonError(too_deep=True)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:  # its text is a position, not the document's content
        raise UntrustedJsonError(too_deep=False, detail=str(error)) from None
    except (ValueError, RecursionError):  # an integer of more than 4300 digits, say
        raise UntrustedJsonError(too_deep=False) from None
