"""Icons from a maintained icon library (QtAwesome's Material Design Icons), loaded after the first frame.

``import qtawesome`` costs ≈140 ms (its ``qtpy`` layer imports every PySide6 module) and its fonts
≈35 ms more: more than the whole start-up floor. So nothing on the first-frame path imports it.
The main window calls :func:`load_in_background` once it is on screen: the import runs on a pool
thread, the fonts are then loaded on the GUI thread, and every icon bound with :func:`set_icon` /
:func:`bind` appears. Until then :func:`icon` returns an empty ``QIcon`` (widgets look as they did
without icons; nothing waits).

Icons are drawn in the palette's text colour, so they follow the light or dark scheme (bound icons
are redrawn when :mod:`wallet.ui.theme` reports a change), and QtAwesome renders them at the
device pixel ratio, so they are crisp on HiDPI screens.

Usage::

    from wallet.ui.icons import set_icon
    set_icon(self.send_button, "send")          # now if loaded, else as soon as it is; redrawn on theme change
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton

if TYPE_CHECKING:
    from wallet.ui.tasks import TaskRunner

# Our names → QtAwesome names (Material Design Icons 6: one consistent outline family).
ICONS: dict[str, str] = {
    # navigation
    "accounts": "mdi6.wallet-outline",
    "utxo": "mdi6.bitcoin",
    "send": "mdi6.send-outline",
    "receive": "mdi6.call-received",
    "history": "mdi6.history",
    "contacts": "mdi6.book-account-outline",
    "swap": "mdi6.swap-horizontal",
    "atomic_swap": "mdi6.handshake-outline",
    "devices": "mdi6.usb-flash-drive-outline",
    "settings": "mdi6.cog-outline",
    "about": "mdi6.information-outline",
    # actions
    "add": "mdi6.plus",
    "account_add": "mdi6.account-plus-outline",
    "key": "mdi6.key-outline",
    "import": "mdi6.tray-arrow-down",
    "export": "mdi6.tray-arrow-up",
    "refresh": "mdi6.refresh",
    "lock": "mdi6.lock-outline",
    "unlock": "mdi6.lock-open-outline",
    "copy": "mdi6.content-copy",
    "qr": "mdi6.qrcode",
    "ok": "mdi6.check",
    "cancel": "mdi6.close",
    "warning": "mdi6.alert-outline",
    "error": "mdi6.alert-circle-outline",
    "success": "mdi6.check-circle-outline",
    "rename": "mdi6.pencil-outline",
    "delete": "mdi6.delete-outline",
    "sign": "mdi6.file-sign",
    "device": "mdi6.chip",
    "faucet": "mdi6.water-outline",
    "phrase": "mdi6.script-text-key-outline",
    "search": "mdi6.magnify",
    "play": "mdi6.play-circle-outline",
    "stop": "mdi6.stop-circle-outline",
    "network": "mdi6.earth",
    "language": "mdi6.translate",
    "pending": "mdi6.timer-sand",
    "approve": "mdi6.shield-key-outline",
    "flip": "mdi6.swap-vertical",
    "link": "mdi6.link-variant",
    "help": "mdi6.help-circle-outline",
}


class _Icons(QObject):
    """Holds the loaded library and the bindings to redraw; ``changed`` fires on load and theme change."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.qta: ModuleType | None = None
        self.loading = False
        self.bindings: list[tuple[QObject, str, Callable[[QIcon], None]]] = []
        self.changed.connect(self.apply_bindings)

    def apply_bindings(self) -> None:
        from shiboken6 import isValid

        alive = [(owner, name, apply) for owner, name, apply in self.bindings if isValid(owner)]
        self.bindings = alive
        for _, name, apply in alive:
            apply(icon(name))


_state: _Icons | None = None


def _icons() -> _Icons:
    global _state
    if _state is None:
        _state = _Icons()
        from wallet.ui import theme

        theme.watcher().changed.connect(_state.changed)
    return _state


def loaded() -> bool:
    return _icons().qta is not None


def icon(name: str) -> QIcon:
    """The icon called ``name`` (a key of :data:`ICONS`) in the palette's colours; empty until loaded."""
    qta = _icons().qta
    if qta is None:
        return QIcon()
    palette = QGuiApplication.palette()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    selected = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    result: QIcon = qta.icon(ICONS[name], color=text, color_disabled=disabled, color_active=text,
                             color_selected=selected)
    return result


def bind(owner: QObject, name: str, apply: Callable[[QIcon], None]) -> None:
    """Calls ``apply(icon(name))`` now if the library is loaded, again once it loads and whenever the
    scheme changes, for as long as ``owner`` exists."""
    state = _icons()
    if name not in ICONS:
        raise KeyError(name)
    state.bindings.append((owner, name, apply))
    if state.qta is not None:
        apply(icon(name))


def set_icon(target: QAbstractButton | QAction, name: str) -> None:
    """Gives a button or action the icon ``name`` (see :func:`bind`)."""
    bind(target, name, target.setIcon)


def _finish_loading(module: ModuleType) -> None:
    state = _icons()
    module.icon(ICONS["accounts"])  # loads the fonts, on the GUI thread (QFontDatabase)
    state.qta = module
    state.loading = False
    state.changed.emit()


def load_now() -> None:
    """Loads the library on the calling (GUI) thread: for scripts and tests that want icons at once."""
    if loaded():
        return
    import qtawesome  # type: ignore[import-untyped]  # no type information shipped

    _finish_loading(qtawesome)


def load_in_background(tasks: TaskRunner) -> None:
    """Imports the library on a pool thread, then loads its fonts here and applies every binding."""
    state = _icons()
    if state.qta is not None or state.loading:
        return
    state.loading = True

    def work() -> ModuleType:
        import qtawesome

        module: ModuleType = qtawesome
        return module

    def failed(error: Exception) -> None:  # the wallet works without icons; say why in the log
        import logging

        state.loading = False
        logging.getLogger(__name__).warning("icons not loaded: %s", error)

    tasks.submit(work, _finish_loading, failed)
