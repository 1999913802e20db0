"""The user's own Electrum servers (ElectrumX, Fulcrum, electrs …) per Bitcoin-family chain.

When a chain has some, the wallet speaks to those only (accounts, sync, sending, swaps), as Electrum's
"connect to one server" does: someone who runs their own server for privacy does not want the
public ones to learn their addresses. Without any, the registry's servers are used again.

Each address is ``ssl://host:port`` or ``tcp://host:port``, checked strictly with an error that says
what is wrong in the user's language; nothing is saved unless every line is right. ``tcp://`` is
clear text, so anyone on the way could read and change what the server says: it is allowed only for
a loopback or private IP address (a server on this computer or the local network), never for a name,
which could resolve anywhere.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping

from wallet.errors import WalletError
from wallet.settings import Settings, save_settings
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.untrusted_text import printable
from wallet.utxo.electrum_client import ElectrumServer

MAX_OWN_SERVERS = 10
MAX_SHOWN_CHARS = 80  # of a wrong line, quoted back in the error
_LABEL_RE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_GARBAGE_RE = re.compile(r"[\s/?#@\\]")  # a path, query, fragment, user name or space: not a server address


class ElectrumServerAddressError(WalletError, ValueError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server} is not an Electrum server address: write ssl://host:port "
                                 "or tcp://host:port, one per line.")


class ElectrumServerSchemeError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server}: an Electrum server address starts with ssl:// (encrypted) "
                                 "or tcp://.")


class ElectrumServerPortError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server}: the port must be a number from 1 to 65535 (ElectrumX and "
                                 "Fulcrum use 50002 for ssl://, 50001 for tcp://).")


class ElectrumServerHostError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server}: the host name or IP address is missing or not valid.")


class ElectrumServerPlainTextError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server}: tcp:// is unencrypted, so it is allowed only for an IP "
                                 "address on this computer or your local network. Use ssl:// for {host}.")


class ElectrumServerDuplicateError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "{server} is listed twice.")


class NoOwnServersError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "Enter at least one Electrum server, one per line (or use the "
                                 "defaults).")


class TooManyOwnServersError(ElectrumServerAddressError):
    template = QT_TRANSLATE_NOOP("WalletError", "At most {limit} Electrum servers per network.")


def server_url(server: ElectrumServer) -> str:
    """The address as the user writes it (and as the settings file keeps it)."""
    host = f"[{server.host}]" if ":" in server.host else server.host
    return f"{'ssl' if server.tls else 'tcp'}://{host}:{server.port}"


def parse_server(text: str) -> ElectrumServer:
    """One ``ssl://host:port`` or ``tcp://host:port`` (``tls://`` is read as ``ssl://``)."""
    line = text.strip()
    shown = printable(line)[:MAX_SHOWN_CHARS] or "…"
    scheme, sep, rest = line.partition("://")
    if not sep:
        raise ElectrumServerAddressError(server=shown)
    if scheme.lower() not in ("ssl", "tls", "tcp"):
        raise ElectrumServerSchemeError(server=shown)
    if _GARBAGE_RE.search(rest) or printable(rest) != rest:
        raise ElectrumServerAddressError(server=shown)
    if rest.startswith("["):  # [IPv6]:port
        host, bracket, after = rest[1:].partition("]")
        if not bracket:
            raise ElectrumServerHostError(server=shown)
        port = after[1:] if after.startswith(":") else ""
    else:
        host, _colon, port = rest.rpartition(":")
        if ":" in host:  # an IPv6 address goes in brackets
            raise ElectrumServerHostError(server=shown)
    if not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        raise ElectrumServerPortError(server=shown)
    address = _ip(host)
    if address is None and not _hostname(host):
        raise ElectrumServerHostError(server=shown)
    tls = scheme.lower() != "tcp"
    if not tls and (address is None or not (address.is_loopback or address.is_private)):
        raise ElectrumServerPlainTextError(server=shown, host=printable(host)[:MAX_SHOWN_CHARS])
    return ElectrumServer(host.lower(), int(port), tls)


def parse_own_servers(text: str) -> list[ElectrumServer]:
    """The servers of ``text``, one per line (blank lines skipped); the first wrong line's error."""
    servers: list[ElectrumServer] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        server = parse_server(line)
        if server in servers:
            raise ElectrumServerDuplicateError(server=server_url(server))
        servers.append(server)
        if len(servers) > MAX_OWN_SERVERS:
            raise TooManyOwnServersError(limit=MAX_OWN_SERVERS)
    if not servers:
        raise NoOwnServersError()
    return servers


def own_servers(settings: Settings) -> dict[str, tuple[ElectrumServer, ...]]:
    """The user's servers per chain key. A hand-edited entry that is no longer valid leaves its chain
    with no server at all (the chain is then shown as unreachable), never with the public ones: the
    user asked for theirs only."""
    mapping: dict[str, tuple[ElectrumServer, ...]] = {}
    for key, urls in settings.electrum_servers.items():
        try:
            mapping[key] = tuple(parse_own_servers("\n".join(urls)))
        except ElectrumServerAddressError:
            mapping[key] = ()
    return mapping


def set_own_servers(settings: Settings, chain_key: str, text: str) -> list[ElectrumServer]:
    """Checks every line of ``text`` and saves them as the chain's only servers; nothing changes
    (in memory or on disk) when a line is wrong or the file cannot be written."""
    servers = parse_own_servers(text)
    _save(settings, {**settings.electrum_servers, chain_key: [server_url(s) for s in servers]})
    return servers


def clear_own_servers(settings: Settings, chain_key: str) -> None:
    """Back to the registry's servers for the chain."""
    if chain_key in settings.electrum_servers:
        _save(settings, {k: v for k, v in settings.electrum_servers.items() if k != chain_key})


def _save(settings: Settings, servers: Mapping[str, list[str]]) -> None:
    before = settings.electrum_servers
    settings.electrum_servers = dict(servers)
    try:
        save_settings(settings)
    except BaseException:
        settings.electrum_servers = before
        raise


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _hostname(host: str) -> bool:
    labels = host.rstrip(".").split(".") if len(host) <= 253 else []
    return bool(labels) and all(_LABEL_RE.fullmatch(label) for label in labels) and not labels[-1].isdigit()
