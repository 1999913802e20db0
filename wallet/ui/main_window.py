"""The main window: navigation, pages, the playground offer and the chain status bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.settings import save_settings
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.ui import icons, theme
from wallet.ui.auto_lock import AutoLock
from wallet.ui.chain_monitor import ChainMonitor
from wallet.ui.context import AppContext
from wallet.ui.device_prompts import DevicePrompts
from wallet.ui.errors import error_text
from wallet.ui.i18n import Translations
from wallet.ui.pages.accounts_page import AccountsPage
from wallet.ui.playground_banner import PlaygroundBanner
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.status_bar import ChainStatusBar

if TYPE_CHECKING:
    from wallet.ui.about_dialog import AboutDialog
    from wallet.ui.pages.atomic_swap_page import AtomicSwapPage
    from wallet.ui.pages.contacts_page import ContactsPage
    from wallet.ui.pages.devices_page import DevicesPage
    from wallet.ui.pages.history_page import HistoryPage
    from wallet.ui.pages.receive_page import ReceivePage
    from wallet.ui.pages.send_page import SendPage
    from wallet.ui.pages.settings_page import SettingsPage
    from wallet.ui.pages.swap_page import SwapPage

PAGES_CONTEXT = "Pages"  # the translation context of the navigation labels
ACCOUNTS_LABEL = QT_TRANSLATE_NOOP("Pages", "Accounts")
SEND_LABEL = QT_TRANSLATE_NOOP("Pages", "Send")
RECEIVE_LABEL = QT_TRANSLATE_NOOP("Pages", "Receive")
HISTORY_LABEL = QT_TRANSLATE_NOOP("Pages", "History")
CONTACTS_LABEL = QT_TRANSLATE_NOOP("Pages", "Address book")
DEVICES_LABEL = QT_TRANSLATE_NOOP("Pages", "Devices")
SWAP_LABEL = QT_TRANSLATE_NOOP("Pages", "Swap")
ATOMIC_SWAP_LABEL = QT_TRANSLATE_NOOP("Pages", "Atomic swap")
UTXO_LABEL = QT_TRANSLATE_NOOP("Pages", "Bitcoin & Litecoin")
TRACK_INTERVAL_MS = 3000
SETTINGS_LABEL = QT_TRANSLATE_NOOP("Pages", "Settings")
MINIMUM_SIZE = QSize(860, 560)  # every page fits here in every language (tests/test_min_size_fit.py)
NAV_WIDTH = 190


class LazyPageStack(QStackedWidget):
    """A page stack whose pages are built the first time they are needed: shown, or reached by code.

    Until then a slot holds an empty placeholder, so the navigation can list every page at once while
    the start-up builds (and imports) only the page on screen. Building swaps the page in at the
    placeholder's index: indices keep matching the navigation rows.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keys: list[str] = []
        self._factories: dict[str, Callable[[], QWidget]] = {}
        self._placeholders: dict[str, QWidget] = {}
        self._built: dict[str, QWidget] = {}

    def add_page(self, key: str, factory: Callable[[], QWidget]) -> None:
        self._placeholders[key] = QWidget(self)
        self.addWidget(self._placeholders[key])
        self._keys.append(key)
        self._factories[key] = factory

    def keys(self) -> list[str]:
        return list(self._keys)

    def built(self, key: str) -> QWidget | None:
        """The page if it has been built, else None (nothing is built by asking)."""
        return self._built.get(key)

    def page(self, key: str) -> QWidget:
        """The page, built now if this is the first time it is needed."""
        page = self._built.get(key)
        if page is None:
            page = self._factories[key]()
            index = self._keys.index(key)
            placeholder = self._placeholders.pop(key)
            was_current = self.currentIndex() == index
            self.insertWidget(index, page)
            self.removeWidget(placeholder)
            placeholder.deleteLater()
            if was_current:
                self.setCurrentIndex(index)
            self._built[key] = page
        return page

    def show_page_at(self, index: int) -> None:
        self.page(self._keys[index])
        self.setCurrentIndex(index)
        self.updateGeometry()  # the scroll area around the stack follows this page's size

    # The page on screen alone decides the stack's height (a stacked layout takes the largest of all), so
    # a page taller than the window scrolls while the others keep filling it exactly. Across, a page
    # always gets the window's width (the scroll area does not scroll sideways).
    def sizeHint(self) -> QSize:
        current = self.currentWidget()
        return current.sizeHint() if current is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        current = self.currentWidget()
        return QSize(0, current.minimumSizeHint().height() if current is not None else 0)

    def hasHeightForWidth(self) -> bool:
        current = self.currentWidget()
        return current is not None and current.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:
        """The page on screen's, too: the stacked layout answers the tallest page's (once one page with
        wrapped text had been built, every page scrolled as if it were that tall)."""
        current = self.currentWidget()
        if current is None or not current.hasHeightForWidth():
            return -1
        return max(current.heightForWidth(width), current.minimumSizeHint().height())


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext, translations: Translations, poll_interval_ms: int | None = None) -> None:
        super().__init__()
        retranslate_on_language_change(self, self.retranslate)
        self.context = context
        self.translations = translations
        self.language = translations.language
        self.device_prompts = DevicePrompts(self)
        context.trezor_prompts = self.device_prompts.trezor_prompts()
        app = QGuiApplication.instance()
        if isinstance(app, QApplication):
            theme.apply_theme(app)  # light or dark as the system says (idempotent; app.py may have done it)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(QSize(1100, 720))

        # Colours come from the palette, so the navigation follows the light or dark scheme.
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(18, 18))
        self.about_button = QToolButton(self)
        self.about_button.setObjectName("aboutButton")
        self.about_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.about_button.setAutoRaise(True)
        self.about_button.clicked.connect(self.open_about)
        icons.set_icon(self.about_button, "about")
        self.nav_panel = QWidget(self)
        self.nav_panel.setObjectName("navigationPanel")
        self.nav_panel.setFixedWidth(NAV_WIDTH)
        self.nav_panel.setAutoFillBackground(True)
        self.nav_panel.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        nav_layout = QVBoxLayout(self.nav_panel)
        nav_layout.setContentsMargins(0, 0, 0, 6)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(self.nav, 1)
        nav_layout.addWidget(self.about_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages = LazyPageStack(self)
        # The accounts page is the first one shown, and other parts of the window act on it (auto-lock,
        # balances after a network change): it is built now; every other page when first needed.
        self.accounts_page = AccountsPage(context)
        self.accounts_page.utxo_requested.connect(lambda: self.select_page("utxo"))
        self._add_page("accounts", ACCOUNTS_LABEL, lambda: self.accounts_page)
        self._add_page("send", SEND_LABEL, self._build_send_page)
        self._add_page("receive", RECEIVE_LABEL, self._build_receive_page)
        self._add_page("history", HISTORY_LABEL, self._build_history_page)
        self._add_page("contacts", CONTACTS_LABEL, self._build_contacts_page)
        self._add_page("swap", SWAP_LABEL, self._build_swap_page)
        self._add_page("atomic_swap", ATOMIC_SWAP_LABEL, self._build_atomic_swap_page)
        self._add_page("utxo", UTXO_LABEL, self._build_utxo_page)
        self._add_page("devices", DEVICES_LABEL, self._build_devices_page)
        self._add_page("settings", SETTINGS_LABEL, self._build_settings_page)
        self.nav.currentRowChanged.connect(self.pages.show_page_at)
        self.nav.currentRowChanged.connect(lambda _: self._refresh_current_page())

        self.banner = PlaygroundBanner(self)
        self._apply_styles()
        theme.watcher().changed.connect(self._apply_styles)
        content = QWidget(self)
        content_layout = QVBoxLayout(content)
        content_layout.addWidget(self.banner)
        # At the minimum window size a page taller than the window scrolls rather than squeezing its rows.
        self.page_scroll = QScrollArea(content)
        self.page_scroll.setObjectName("pageScroll")
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # pages fit across
        self.page_scroll.setWidget(self.pages)
        content_layout.addWidget(self.page_scroll, 1)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav_panel)
        layout.addWidget(content, 1)
        self.setCentralWidget(central)
        self.status = ChainStatusBar(self)
        self.setStatusBar(self.status)

        monitor_args = {} if poll_interval_ms is None else {"interval_ms": poll_interval_ms}
        self.monitor = ChainMonitor(context.network, context.tasks, parent=self, **monitor_args)
        self.monitor.block_changed.connect(lambda _key, height: self.status.show_block(height))
        self.monitor.failed.connect(lambda _key, message: self.status.show_problem(message))
        self.monitor.block_changed.connect(self.accounts_page.on_new_block)

        self.banner.start_requested.connect(self.start_playground)
        self.banner.choose_network_requested.connect(lambda: self.select_page("settings"))

        assert isinstance(app, QGuiApplication)
        self.auto_lock = AutoLock(app, context.settings.auto_lock_minutes * 60, parent=self)
        self.auto_lock.timed_out.connect(self.accounts_page.lock)
        self._tracking = False
        self.tracker_timer = QTimer(self)
        self.tracker_timer.setInterval(TRACK_INTERVAL_MS)
        self.tracker_timer.timeout.connect(self.track_transactions)
        self.tracker_timer.start()

        self._playground_busy = False
        self.nav.setCurrentRow(0)
        self._resume_atomic_swaps()
        self._set_language(context.settings.language, translations.language)
        self.retranslate()
        self._refresh_network()
        self.accounts_page.try_remembered_unlock()

    # --- pages ------------------------------------------------------------------------------
    # Each page module is imported when its page is first built, so it costs the start-up nothing.
    @property
    def send_page(self) -> SendPage:
        return cast("SendPage", self.pages.page("send"))

    @property
    def receive_page(self) -> ReceivePage:
        return cast("ReceivePage", self.pages.page("receive"))

    @property
    def history_page(self) -> HistoryPage:
        return cast("HistoryPage", self.pages.page("history"))

    @property
    def contacts_page(self) -> ContactsPage:
        return cast("ContactsPage", self.pages.page("contacts"))

    @property
    def swap_page(self) -> SwapPage:
        return cast("SwapPage", self.pages.page("swap"))

    @property
    def atomic_swap_page(self) -> AtomicSwapPage:
        return cast("AtomicSwapPage", self.pages.page("atomic_swap"))

    @property
    def devices_page(self) -> DevicesPage:
        return cast("DevicesPage", self.pages.page("devices"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.pages.page("settings"))

    def _build_send_page(self) -> QWidget:
        from wallet.ui.pages.send_page import SendPage

        page = SendPage(self.context)
        page.language = self.language
        page.sent.connect(self._transaction_sent)
        return page

    def _build_utxo_page(self) -> QWidget:
        from wallet.ui.pages.utxo_page import UtxoPage

        return UtxoPage(self.context)

    def _build_receive_page(self) -> QWidget:
        from wallet.ui.pages.receive_page import ReceivePage

        return ReceivePage(self.context)

    def _build_history_page(self) -> QWidget:
        from wallet.ui.pages.history_page import HistoryPage

        page = HistoryPage(self.context)
        self.monitor.block_changed.connect(page.on_new_block)  # incoming transfers found as blocks come
        return page

    def _build_contacts_page(self) -> QWidget:
        from wallet.ui.pages.contacts_page import ContactsPage

        page = ContactsPage(self.context)
        page.send_requested.connect(self.send_to)
        return page

    def send_to(self, address: str) -> None:
        """Opens Send with ``address`` as the recipient (from the address book)."""
        self.select_page("send")
        self.send_page.fill_recipient(address)  # an open review closes: it was for another recipient

    def open_about(self) -> AboutDialog:
        from wallet.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _build_swap_page(self) -> QWidget:
        from wallet.ui.pages.swap_page import SwapPage

        page = SwapPage(self.context)
        page.language = self.language
        page.swapped.connect(self._transaction_sent)
        return page

    def _build_atomic_swap_page(self) -> QWidget:
        from wallet.ui.pages.atomic_swap_page import AtomicSwapPage

        page = AtomicSwapPage(self.context)
        page.language = self.language
        page.refresh()
        return page

    def _resume_atomic_swaps(self) -> None:
        """Unfinished atomic swaps resume at app start: the Atomic swap page, which steps them, is built
        (not shown) when the database holds any swap without its ``finished`` event."""
        def unfinished() -> bool:
            from contextlib import closing

            from wallet.paths import database_path
            from wallet.store.db import connect
            from wallet.store.swaps import SwapStore

            with closing(connect(database_path())) as db:
                store = SwapStore(db)
                return any(all(e.kind != "finished" for e in store.events(swap)) for swap, _ in store.swaps())

        def resume(left: bool) -> None:
            if left:
                self.pages.page("atomic_swap")

        self.context.tasks.submit(unfinished, resume)

    def _build_devices_page(self) -> QWidget:
        from wallet.ui.pages.devices_page import DevicesPage

        return DevicesPage(self.context)

    def _build_settings_page(self) -> QWidget:
        from wallet.ui.pages.settings_page import SettingsPage

        page = SettingsPage()
        page.attach_network(self.context.network, self._refresh_network)
        page.network_chosen.connect(self.choose_network)
        page.custom_rpc_requested.connect(self.add_custom_rpc)
        page.add_network_requested.connect(self.open_add_network)
        page.language_chosen.connect(self.choose_language)
        page.playground_start_requested.connect(self.start_playground)
        page.playground_stop_requested.connect(self.stop_playground)
        page.auto_lock_chosen.connect(self.choose_auto_lock)
        page.set_language(self.context.settings.language, self.language)
        page.set_auto_lock(self.context.settings.auto_lock_minutes)
        self._show_network_settings(page)
        return page

    # --- navigation -------------------------------------------------------------------------
    def select_page(self, key: str) -> None:
        self.nav.setCurrentRow(self.pages.keys().index(key))

    def _refresh_current_page(self) -> None:
        match self.current_page_key():
            case "accounts":
                self.accounts_page.refresh_if_changed()
            case "send":
                self.send_page.refresh()
            case "receive":
                self.receive_page.refresh()
            case "history":
                self.history_page.refresh()
            case "contacts":
                self.contacts_page.refresh()
            case "swap":
                self.swap_page.refresh()
            case "atomic_swap":
                self.atomic_swap_page.refresh()
            case "devices":
                self.devices_page.refresh()

    def _transaction_sent(self) -> None:
        self._refresh_history()
        self.track_transactions()

    def _refresh_history(self) -> None:
        """Refresh the history page if it was built; otherwise it reads the records when first shown."""
        if self.pages.built("history") is not None:
            self.history_page.refresh()

    def track_transactions(self) -> None:
        """Follow this chain's pending transactions (off the GUI thread); refresh what they change."""
        chain = self.context.network.selected_chain()
        if chain is None or self._tracking or not self.context.transactions.needs_tracking(chain.chain_id):
            return
        self._tracking = True

        def work() -> list[object]:
            from wallet.services.network import genesis_hash
            from wallet.services.tracker import track_pending

            client = self.context.network.client(chain)
            return list(track_pending(client, self.context.transactions, genesis_hash(client)))

        def done(changed: list[object]) -> None:
            self._tracking = False
            if changed:
                self._refresh_history()
                self.accounts_page.refresh_balances()

        def failed(error: Exception) -> None:
            self._tracking = False
            if self.context.network.selected_chain() == chain:  # never another chain's error
                self.status.show_problem(error_text(error))

        self.context.tasks.submit(work, done, failed)

    def current_page_key(self) -> str:
        return self.pages.keys()[self.nav.currentRow()]

    def _add_page(self, key: str, label: str, factory: Callable[[], QWidget]) -> None:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, label)  # the untranslated source, for retranslation
        self.nav.addItem(item)
        icons.bind(self.nav, key, item.setIcon)
        self.pages.add_page(key, factory)

    def _apply_styles(self) -> None:
        """Style sheets resolve ``palette(…)`` when set: set again after a light/dark switch, they
        re-polish the whole window in the new palette."""
        # The title's size follows the platform's font (1.45 × its size), not a pixel size.
        title_pt = QGuiApplication.font().pointSizeF() * 1.45
        self.setStyleSheet(f"QLabel#pageTitle {{ font-size: {title_pt:.1f}pt; font-weight: 600; "
                           "padding: 6px 2px 10px 2px; }")
        self.nav.setStyleSheet(
            "#navigation { border: none; outline: 0; background: palette(alternate-base); padding-top: 8px; }"
            "#navigation::item { padding: 8px 12px; }"
            "#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }")
        self.nav_panel.setPalette(QGuiApplication.palette())
        self.banner.setStyleSheet(self.banner.styleSheet())

    def showEvent(self, event: QShowEvent) -> None:
        """Icons load once the window is on screen, off the first frame's path (see wallet.ui.icons):
        two event-loop turns later, the import starts on a pool thread."""
        super().showEvent(event)
        if not icons.loaded():
            QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: icons.load_in_background(self.context.tasks)))

    # --- network ----------------------------------------------------------------------------
    def choose_network(self, chain_key: str) -> None:
        self.context.network.select(chain_key)
        self._refresh_network()

    def add_custom_rpc(self, chain_key: str, url: str) -> None:
        try:
            self.context.network.add_custom_rpc(chain_key, url)
        except WalletError as error:
            self.settings_page.show_network_message(lambda error=error: error_text(error), error=True)  # type: ignore[misc]
            return
        self.settings_page.rpc_edit.clear()
        self.settings_page.show_network_message(lambda: self.tr("Node added; it is checked for the right chain id "
                                                                "first."))
        self._refresh_network()

    def add_network(self, name: str, chain_id: int, symbol: str, rpc_url: str, explorer: str | None) -> None:
        try:
            chain = self.context.network.add_custom_chain(name, chain_id, symbol, rpc_url, explorer)
        except WalletError as error:
            self.settings_page.show_network_message(lambda error=error: error_text(error), error=True)  # type: ignore[misc]
            return
        self.choose_network(chain.key)
        self.settings_page.show_network_message(lambda: self.tr("Network {name} added.").format(name=chain.name))

    def open_add_network(self) -> None:
        from wallet.ui.dialogs import AddNetworkDialog

        dialog = AddNetworkDialog(self)
        dialog.accepted.connect(lambda: self.add_network(
            dialog.name.text(), dialog.chain_id.value(), dialog.symbol.text(), dialog.rpc_url.text(),
            dialog.explorer.text() or None))
        dialog.open()

    def _refresh_network(self) -> None:
        network = self.context.network
        chain: Chain | None = network.selected_chain()
        settings_page = self.pages.built("settings")
        if settings_page is not None:
            self._show_network_settings(cast("SettingsPage", settings_page))
        self.banner.setVisible(chain is None)
        self.status.show_chain(chain)
        self.monitor.watch(chain)
        self.accounts_page.network_changed()
        self._refresh_current_page()

    def _show_network_settings(self, page: SettingsPage) -> None:
        network = self.context.network
        page.set_chains(network.chains(), network.settings.network)
        page.set_playground_state(self.context.playground.running, self._playground_busy)

    # --- playground -------------------------------------------------------------------------
    def start_playground(self) -> None:
        if self._playground_busy or self.context.playground.running:
            return
        self._set_playground_busy(True)
        self.context.tasks.submit(self.context.playground.start, self._playground_started, self._playground_failed)

    def stop_playground(self) -> None:
        if self._playground_busy or not self.context.playground.running:
            return
        self._set_playground_busy(True)
        self.context.tasks.submit(self.context.playground.stop, lambda _: self._playground_stopped(),
                                  self._playground_failed)

    def _playground_started(self, chains: list[Chain]) -> None:
        network = self.context.network
        network.add_chains(chains)
        if network.selected_chain() is None:
            network.select(chains[0].key)
        self._set_playground_busy(False)

    def _playground_stopped(self) -> None:
        self.context.network.remove_devnet_chains()
        self._set_playground_busy(False)

    def _playground_failed(self, error: Exception) -> None:
        self._set_playground_busy(False)
        self.banner.show_error(error_text(error))
        self.status.show_problem(error_text(error))

    def _set_playground_busy(self, busy: bool) -> None:
        self._playground_busy = busy
        self.banner.set_busy(busy)
        self._refresh_network()

    # --- security ---------------------------------------------------------------------------
    def choose_auto_lock(self, minutes: int) -> None:
        self.context.settings.auto_lock_minutes = minutes
        save_settings(self.context.settings)
        self.auto_lock.timeout_s = minutes * 60

    # --- language ---------------------------------------------------------------------------
    def choose_language(self, choice: str) -> None:
        self.context.settings.language = choice
        save_settings(self.context.settings)
        effective = self.translations.apply(choice)
        self._set_language(choice, effective)

    def _set_language(self, choice: str, effective: str) -> None:
        self.language = effective
        if (settings_page := self.pages.built("settings")) is not None:
            cast("SettingsPage", settings_page).set_language(choice, effective)
        if (send_page := self.pages.built("send")) is not None:
            cast("SendPage", send_page).language = effective
        self.status.set_language(effective)
        self.accounts_page.language = effective
        if (swap_page := self.pages.built("swap")) is not None:
            cast("SwapPage", swap_page).language = effective
        if (atomic_page := self.pages.built("atomic_swap")) is not None:
            cast("AtomicSwapPage", atomic_page).language = effective
            cast("AtomicSwapPage", atomic_page).refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("DeskWallet"))
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(QCoreApplication.translate(PAGES_CONTEXT, item.data(Qt.ItemDataRole.UserRole)))
        self.about_button.setText(self.tr("About DeskWallet"))
        self._fit_navigation()

    def _fit_navigation(self) -> None:
        """At least NAV_WIDTH, wider when a label in this language or the platform's font needs it."""
        metrics = self.nav.fontMetrics()
        padding = 2 * 12 + 8 + 2 * self.nav.frameWidth() + 8  # the items' padding, icon spacing, frame, margin
        widest = max((metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count())),
                     default=0)
        need = max(widest + self.nav.iconSize().width() + padding, self.about_button.sizeHint().width())
        self.nav_panel.setFixedWidth(max(NAV_WIDTH, need))
