"""User settings: which network is selected and which language the UI speaks.

Stored as JSON in the config directory and written atomically. A damaged file is not fatal: the
wallet starts with defaults, keeps the damaged file aside for inspection, and says so in the log.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from wallet.paths import config_dir
from wallet.store.atomic import atomic_write_text
from wallet.untrusted_json import UntrustedJsonError, loads_untrusted

SETTINGS_FILE = "settings.json"
SUPPORTED_LANGUAGES = ("", "en", "zh_CN")  # "" follows the system locale
AUTO_LOCK_CHOICES_MIN = (1, 5, 10, 30, 60, 0)  # 0: never
# Settings nest 3 deep (custom node URLs per chain). The file is the user's to edit, and a damaged
# one must be set aside, not crash the parser by nesting thousands deep (see wallet.untrusted_json).
MAX_JSON_DEPTH = 16
_API_KEY_RE = re.compile(r"[A-Za-z0-9_-]{0,128}")  # what goes verbatim into a URL's query

log = logging.getLogger(__name__)


@dataclass
class Settings:
    network: str | None = None  # a chain registry key; None until the user picks one
    language: str = ""
    auto_lock_minutes: int = 10
    custom_rpc_urls: dict[str, list[str]] = field(default_factory=dict)  # chain key -> URLs tried first
    # UTXO chain key -> the user's own Electrum servers, used instead of the registry's (see
    # wallet.services.electrum_servers, which checks them).
    electrum_servers: dict[str, list[str]] = field(default_factory=dict)
    # Optional key for the chains' Etherscan-compatible explorer API (History: coins received); never logged.
    explorer_api_key: str = field(default="", repr=False)


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


def load_settings() -> Settings:
    path = settings_path()
    try:
        data = loads_untrusted(path.read_bytes(), MAX_JSON_DEPTH)
    except FileNotFoundError:
        return Settings()
    except (OSError, UntrustedJsonError) as error:
        return _quarantine(path, str(error))
    if not isinstance(data, dict):
        return _quarantine(path, "not a JSON object")
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in data.items() if k in known})
    if not (settings.network is None or isinstance(settings.network, str)):
        settings.network = None
    if settings.language not in SUPPORTED_LANGUAGES:
        settings.language = ""
    if settings.auto_lock_minutes not in AUTO_LOCK_CHOICES_MIN:
        settings.auto_lock_minutes = Settings.auto_lock_minutes
    if not _urls_per_chain(settings.custom_rpc_urls):
        settings.custom_rpc_urls = {}
    if not _urls_per_chain(settings.electrum_servers):
        settings.electrum_servers = {}
    if not valid_explorer_api_key(settings.explorer_api_key):
        settings.explorer_api_key = ""
    return settings


def _urls_per_chain(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, list)
                                           and all(isinstance(u, str) for u in v) for k, v in value.items())


def valid_explorer_api_key(key: object) -> bool:
    return isinstance(key, str) and _API_KEY_RE.fullmatch(key) is not None


def save_settings(settings: Settings) -> None:
    atomic_write_text(settings_path(), json.dumps(asdict(settings), indent=2) + "\n")


def _quarantine(path: Path, reason: str) -> Settings:
    aside = path.with_suffix(".damaged")
    try:
        path.replace(aside)
    except OSError:  # cannot even move it: start with defaults all the same
        log.warning("settings file was unreadable (%s) and could not be moved aside; using defaults", reason)
        return Settings()
    log.warning("settings file was unreadable (%s); moved to %s, using defaults", reason, aside.name)
    return Settings()
