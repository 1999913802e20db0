"""Settings: the network to use, the UI language, and the local devnet playground."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wallet.chains.registry import Chain
from wallet.chains.rpc import redact_url
from wallet.errors import WalletError
from wallet.settings import AUTO_LOCK_CHOICES_MIN
from wallet.ui.errors import error_text
from wallet.ui.i18n import LANGUAGE_NAMES
from wallet.ui.message_label import MessageLabel, Render
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone

if TYPE_CHECKING:
    from wallet.services.network import NetworkService
    from wallet.settings import Settings
    from wallet.utxo.electrum_client import CertificatePins
    from wallet.utxo.registry import UtxoChain, UtxoRegistry

NODES_LIST_ROWS = 4  # the list shows this many nodes before it scrolls
NODE_ROW_PADDING_PX = 6  # a list row's margins around its line of text
ELECTRUM_LIST_ROWS = 3
ELECTRUM_EDIT_LINES = 3


class SettingsPage(QWidget):
    network_chosen = Signal(str)  # chain key
    custom_rpc_requested = Signal(str, str)  # chain key, URL
    add_network_requested = Signal()
    language_chosen = Signal(str)  # "" (system), "en" or "zh_CN"
    auto_lock_chosen = Signal(int)  # minutes; 0 never
    playground_start_requested = Signal()
    playground_stop_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        retranslate_on_language_change(self, self.retranslate)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("pageTitle")

        self.network_group = QGroupBox(self)
        self.network_combo = QComboBox(self.network_group)
        self.network_combo.setObjectName("networkCombo")
        self.network_combo.activated.connect(self._network_activated)
        self.network_label = QLabel(self.network_group)
        self.nodes_list = QListWidget(self.network_group)
        self.nodes_list.setObjectName("nodesList")
        self.nodes_list.setMaximumHeight((self.nodes_list.fontMetrics().lineSpacing() + NODE_ROW_PADDING_PX)
                                         * NODES_LIST_ROWS + 2 * self.nodes_list.frameWidth())
        self.remove_node_button = QPushButton(self.network_group)
        self.remove_node_button.setObjectName("removeNodeButton")
        self.remove_node_button.clicked.connect(self.remove_selected_node)
        self.remove_network_button = QPushButton(self.network_group)
        self.remove_network_button.setObjectName("removeNetworkButton")
        self.remove_network_menu = QMenu(self.remove_network_button)
        self.remove_network_button.setMenu(self.remove_network_menu)
        self._network: NetworkService | None = None
        self._network_changed: Callable[[], None] = lambda: None
        self.endpoints_caption = QLabel(self.network_group)
        self.rpc_edit = QLineEdit(self.network_group)
        self.rpc_edit.setObjectName("customRpcEdit")
        self.rpc_button = QPushButton(self.network_group)
        self.rpc_button.clicked.connect(self._custom_rpc)
        self.rpc_edit.returnPressed.connect(self._custom_rpc)
        self.add_network_button = QPushButton(self.network_group)
        self.add_network_button.clicked.connect(self.add_network_requested)
        rpc_row = QHBoxLayout()
        rpc_row.addWidget(self.rpc_edit, 1)
        rpc_row.addWidget(self.rpc_button)
        self.rpc_caption = QLabel(self.network_group)
        self.network_message = MessageLabel(self.network_group)
        network_form = QFormLayout(self.network_group)
        network_form.addRow(self.network_label, self.network_combo)
        nodes_column = QVBoxLayout()
        nodes_column.addWidget(self.nodes_list)
        nodes_column.addWidget(self.remove_node_button, 0, Qt.AlignmentFlag.AlignLeft)
        network_form.addRow(self.endpoints_caption, nodes_column)
        network_form.addRow(self.rpc_caption, rpc_row)
        network_buttons = QHBoxLayout()
        network_buttons.addWidget(self.add_network_button)
        network_buttons.addWidget(self.remove_network_button)
        network_buttons.addStretch(1)
        network_form.addRow("", network_buttons)
        network_form.addRow("", self.network_message)

        self.language_group = QGroupBox(self)
        self.language_combo = QComboBox(self.language_group)
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem("", "")
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.activated.connect(
            lambda index: self.language_chosen.emit(self.language_combo.itemData(index)))
        self.language_label = QLabel(self.language_group)
        language_form = QFormLayout(self.language_group)
        language_form.addRow(self.language_label, self.language_combo)

        self.security_group = QGroupBox(self)
        self.auto_lock_combo = QComboBox(self.security_group)
        self.auto_lock_combo.setObjectName("autoLockCombo")
        for minutes in AUTO_LOCK_CHOICES_MIN:
            self.auto_lock_combo.addItem("", minutes)
        self.auto_lock_combo.activated.connect(
            lambda index: self.auto_lock_chosen.emit(self.auto_lock_combo.itemData(index)))
        self.auto_lock_label = QLabel(self.security_group)
        security_form = QFormLayout(self.security_group)
        security_form.addRow(self.auto_lock_label, self.auto_lock_combo)

        self.explorer_group = QGroupBox(self)
        self.explorer_group.setObjectName("explorerApiGroup")
        self.explorer_key_edit = QLineEdit(self.explorer_group)
        self.explorer_key_edit.setObjectName("explorerApiKeyEdit")
        self.explorer_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.explorer_key_edit.setMaxLength(128)
        self.explorer_key_edit.returnPressed.connect(self.save_explorer_key)
        self.explorer_key_button = QPushButton(self.explorer_group)
        self.explorer_key_button.setObjectName("explorerApiKeySave")
        self.explorer_key_button.clicked.connect(self.save_explorer_key)
        self.explorer_key_label = QLabel(self.explorer_group)
        self.explorer_caption = QLabel(self.explorer_group)
        self.explorer_caption.setWordWrap(True)
        self.explorer_message = MessageLabel(self.explorer_group)
        explorer_row = QHBoxLayout()
        explorer_row.addWidget(self.explorer_key_edit, 1)
        explorer_row.addWidget(self.explorer_key_button)
        explorer_form = QFormLayout(self.explorer_group)
        explorer_form.addRow(self.explorer_key_label, explorer_row)
        explorer_form.addRow("", self.explorer_caption)
        explorer_form.addRow("", self.explorer_message)

        self._build_electrum_group()

        self.playground_group = QGroupBox(self)
        self.playground_status = QLabel(self.playground_group)
        self.playground_status.setWordWrap(True)
        self.playground_start = QPushButton(self.playground_group)
        self.playground_start.setObjectName("settingsStartPlayground")
        self.playground_start.clicked.connect(self.playground_start_requested)
        self.playground_stop = QPushButton(self.playground_group)
        self.playground_stop.clicked.connect(self.playground_stop_requested)
        playground_buttons = QHBoxLayout()
        playground_buttons.addWidget(self.playground_start)
        playground_buttons.addWidget(self.playground_stop)
        playground_buttons.addStretch(1)
        playground_layout = QVBoxLayout(self.playground_group)
        playground_layout.addWidget(self.playground_status)
        playground_layout.addLayout(playground_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.network_group)
        layout.addWidget(self.language_group)
        layout.addWidget(self.security_group)
        layout.addWidget(self.explorer_group)
        layout.addWidget(self.electrum_group)
        layout.addWidget(self.playground_group)
        layout.addStretch(1)

        self._chains: list[Chain] = []
        self._selected: str | None = None
        self._language = "en"
        self._playground_running = False
        self._playground_busy = False
        self.retranslate()

    def attach_network(self, network: NetworkService, changed: Callable[[], None]) -> None:
        """Let the page remove nodes and networks itself; ``changed`` runs after each removal (the
        window shows the networks again, which calls ``set_chains``)."""
        from wallet.utxo.electrum_client import default_certificate_pins
        from wallet.utxo.registry import load_utxo_registry

        self._network, self._network_changed = network, changed
        self._fill_networks()
        self.explorer_key_edit.setText(network.settings.explorer_api_key)
        self.attach_electrum(network.settings, load_utxo_registry(), default_certificate_pins())

    def _build_electrum_group(self) -> None:
        self.electrum_group = QGroupBox(self)
        self.electrum_group.setObjectName("electrumGroup")
        self.electrum_chain_label = QLabel(self.electrum_group)
        self.electrum_chain_combo = QComboBox(self.electrum_group)
        self.electrum_chain_combo.setObjectName("electrumChainCombo")
        self.electrum_chain_combo.currentIndexChanged.connect(lambda _index: self._fill_electrum())
        self.electrum_in_use_label = QLabel(self.electrum_group)
        self.electrum_list = QListWidget(self.electrum_group)
        self.electrum_list.setObjectName("electrumServersList")
        self.electrum_list.setMaximumHeight((self.electrum_list.fontMetrics().lineSpacing() + NODE_ROW_PADDING_PX)
                                            * ELECTRUM_LIST_ROWS + 2 * self.electrum_list.frameWidth())
        self.electrum_forget_button = QPushButton(self.electrum_group)
        self.electrum_forget_button.setObjectName("electrumForgetPinButton")
        self.electrum_forget_button.clicked.connect(self.forget_selected_pin)
        self.electrum_own_label = QLabel(self.electrum_group)
        self.electrum_edit = QPlainTextEdit(self.electrum_group)
        self.electrum_edit.setObjectName("electrumServersEdit")
        self.electrum_edit.setTabChangesFocus(True)
        self.electrum_edit.setMaximumHeight(self.electrum_edit.fontMetrics().lineSpacing() * ELECTRUM_EDIT_LINES
                                            + 2 * self.electrum_edit.frameWidth() + NODE_ROW_PADDING_PX * 2)
        self.electrum_use_button = QPushButton(self.electrum_group)
        self.electrum_use_button.setObjectName("electrumUseButton")
        self.electrum_use_button.clicked.connect(self.use_own_servers)
        self.electrum_defaults_button = QPushButton(self.electrum_group)
        self.electrum_defaults_button.setObjectName("electrumDefaultsButton")
        self.electrum_defaults_button.clicked.connect(self.use_default_servers)
        self.electrum_caption = QLabel(self.electrum_group)
        self.electrum_caption.setWordWrap(True)
        self.electrum_message = MessageLabel(self.electrum_group)
        in_use_column = QVBoxLayout()
        in_use_column.addWidget(self.electrum_list)
        in_use_column.addWidget(self.electrum_forget_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.electrum_use_button)
        buttons.addWidget(self.electrum_defaults_button)
        buttons.addStretch(1)
        form = QFormLayout(self.electrum_group)
        form.addRow(self.electrum_chain_label, self.electrum_chain_combo)
        form.addRow(self.electrum_in_use_label, in_use_column)
        form.addRow(self.electrum_own_label, self.electrum_edit)
        form.addRow("", buttons)
        form.addRow("", self.electrum_caption)
        form.addRow("", self.electrum_message)
        self._electrum_settings: Settings | None = None
        self._utxo_chains: list[UtxoChain] = []
        self._pins: CertificatePins | None = None
        self.electrum_group.setEnabled(False)  # until attach_electrum

    def attach_electrum(self, settings: Settings, registry: UtxoRegistry, pins: CertificatePins) -> None:
        """Where the user's own Electrum servers are kept (``settings``, saved on each change and read
        by every UTXO service of the app), the chains offered, and the pinned TLS certificates."""
        self._electrum_settings, self._pins = settings, pins
        self._utxo_chains = [c for c in registry if c.coin_params() is not None]
        self.electrum_group.setEnabled(bool(self._utxo_chains))
        self._fill_electrum_chains()

    def _electrum_chain(self) -> UtxoChain | None:
        key = self.electrum_chain_combo.currentData()
        return next((c for c in self._utxo_chains if c.key == key), None)

    def _fill_electrum_chains(self) -> None:
        key = self.electrum_chain_combo.currentData()
        self.electrum_chain_combo.blockSignals(True)
        self.electrum_chain_combo.clear()
        for chain in self._utxo_chains:
            self.electrum_chain_combo.addItem(chain.display_name(self._language), chain.key)
        self.electrum_chain_combo.setCurrentIndex(max(0, self.electrum_chain_combo.findData(key)))
        self.electrum_chain_combo.blockSignals(False)
        self._fill_electrum()

    def _fill_electrum(self) -> None:
        """The servers in use for the chosen chain (the user's own, or the registry's), and the
        user's own in the field."""
        from wallet.services.electrum_servers import own_servers, server_url

        self.electrum_list.clear()
        chain = self._electrum_chain()
        if chain is None or self._electrum_settings is None:
            return
        own = own_servers(self._electrum_settings)
        servers = own.get(chain.key, chain.electrum_servers)
        for server in servers:
            url = server_url(server)
            item = QListWidgetItem(self.tr("{url} (yours)").format(url=url) if chain.key in own else url)
            item.setData(Qt.ItemDataRole.UserRole, server.label)
            self.electrum_list.addItem(item)
        if not servers:
            self.electrum_list.addItem(self.tr("None: set your own server below."))
        self.electrum_edit.setPlainText("\n".join(self._electrum_settings.electrum_servers.get(chain.key, [])))
        self.electrum_defaults_button.setEnabled(chain.key in own)

    def use_own_servers(self) -> None:
        """Checks the field's servers and saves them as the chain's only ones; nothing changes when a
        line is wrong."""
        from wallet.services.electrum_servers import set_own_servers

        chain = self._electrum_chain()
        if chain is None or self._electrum_settings is None:
            return
        try:
            set_own_servers(self._electrum_settings, chain.key, self.electrum_edit.toPlainText())
        except (OSError, WalletError) as error:
            self.electrum_message.say(lambda error=error: error_text(error), Tone.ERROR)  # type: ignore[misc]
            return
        self._fill_electrum()
        name = chain.display_name(self._language)
        self.electrum_message.say(lambda: self.tr("{name} now uses only your servers.").format(name=name))

    def use_default_servers(self) -> None:
        from wallet.services.electrum_servers import clear_own_servers

        chain = self._electrum_chain()
        if chain is None or self._electrum_settings is None:
            return
        try:
            clear_own_servers(self._electrum_settings, chain.key)
        except (OSError, WalletError) as error:
            self.electrum_message.say(lambda error=error: error_text(error), Tone.ERROR)  # type: ignore[misc]
            return
        self._fill_electrum()
        name = chain.display_name(self._language)
        self.electrum_message.say(lambda: self.tr("{name} uses the default servers again.").format(name=name))

    def forget_selected_pin(self) -> None:
        """The user accepts the selected server's new TLS certificate: the next one it shows is pinned."""
        item = self.electrum_list.currentItem()
        label = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if self._pins is None or not isinstance(label, str):
            self.electrum_message.say(lambda: self.tr("Select a server first."), Tone.ERROR)
            return
        if self._pins.pinned(label) is None:
            self.electrum_message.say(lambda: self.tr("No certificate is pinned for {server}.").format(server=label))
            return
        try:
            self._pins.forget(label)
        except (OSError, WalletError) as error:
            self.electrum_message.say(lambda error=error: error_text(error), Tone.ERROR)  # type: ignore[misc]
            return
        self.electrum_message.say(lambda: self.tr(
            "Pinned certificate of {server} forgotten: the next one it shows is pinned. Do this only if you "
            "know why it changed.").format(server=label))

    def save_explorer_key(self) -> None:
        """Stores the explorer API key (or removes it when empty) in the settings file."""
        from wallet.settings import save_settings, valid_explorer_api_key

        if self._network is None:
            return
        key = self.explorer_key_edit.text().strip()
        if not valid_explorer_api_key(key):
            self._show_explorer_message(lambda: self.tr("An API key has only letters, digits, - and _."), error=True)
            return
        self._network.settings.explorer_api_key = key
        try:
            save_settings(self._network.settings)
        except (OSError, WalletError) as error:
            self._show_explorer_message(error_text(error), error=True)  # words of the system's error: cleared
            return
        self._show_explorer_message(lambda: self.tr("API key saved.") if key else self.tr("API key removed."))

    def _show_explorer_message(self, text: str | Render, error: bool = False) -> None:
        self.explorer_message.say(text, Tone.ERROR if error else Tone.OK)

    def remove_selected_node(self) -> None:
        item = self.nodes_list.currentItem()
        if self._network is None or self._selected is None or item is None:
            self.show_network_message(lambda: self.tr("Select a node first."), error=True)
            return
        url = str(item.data(Qt.ItemDataRole.UserRole))
        try:
            self._network.remove_custom_rpc(self._selected, url)
        except WalletError as error:
            self.show_network_message(lambda error=error: error_text(error), error=True)  # type: ignore[misc]
            return
        self._network_changed()
        self.show_network_message(lambda: self.tr("Node {url} removed.").format(url=redact_url(url)))

    def remove_network(self, chain_key: str) -> None:
        if self._network is None:
            return
        name = next((c.display_name(self._language) for c in self._chains if c.key == chain_key), chain_key)
        try:
            self._network.remove_custom_chain(chain_key)
        except WalletError as error:
            self.show_network_message(lambda error=error: error_text(error), error=True)  # type: ignore[misc]
            return
        self._network_changed()
        self.show_network_message(lambda: self.tr("Network {name} removed.").format(name=name))

    def set_chains(self, chains: list[Chain], selected_key: str | None) -> None:
        self._chains, self._selected = chains, selected_key
        self._fill_networks()

    def set_language(self, choice: str, effective: str) -> None:
        self._language = effective
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(choice)))
        self._fill_networks()
        self._fill_electrum_chains()

    def show_network_message(self, text: str | Render, error: bool = False) -> None:
        """``text``: best a function that says it, said again after a language switch (MessageLabel)."""
        self.network_message.say(text, Tone.ERROR if error else Tone.OK)

    def _custom_rpc(self) -> None:
        if self._selected is not None and self.rpc_edit.text().strip():
            self.custom_rpc_requested.emit(self._selected, self.rpc_edit.text())

    def set_auto_lock(self, minutes: int) -> None:
        self.auto_lock_combo.setCurrentIndex(max(0, self.auto_lock_combo.findData(minutes)))

    def set_playground_state(self, running: bool, busy: bool) -> None:
        self._playground_running, self._playground_busy = running, busy
        self._render_playground()

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Settings"))
        self.network_group.setTitle(self.tr("Network"))
        self.network_label.setText(self.tr("Connect to"))
        self.endpoints_caption.setText(self.tr("Nodes"))
        self.rpc_caption.setText(self.tr("Your own node"))
        self.rpc_edit.setPlaceholderText(self.tr("https://… (tried before the others)"))
        self.rpc_button.setText(self.tr("Add node"))
        self.add_network_button.setText(self.tr("Add a network…"))
        self.remove_node_button.setText(self.tr("Remove node"))
        self.remove_network_button.setText(self.tr("Remove a network"))
        self.language_group.setTitle(self.tr("Language"))
        self.language_label.setText(self.tr("Display language"))
        self.language_combo.setItemText(0, self.tr("System default"))
        self.security_group.setTitle(self.tr("Security"))
        self.auto_lock_label.setText(self.tr("Lock the wallet after"))
        for index, minutes in enumerate(AUTO_LOCK_CHOICES_MIN):
            self.auto_lock_combo.setItemText(index, self.tr("{minutes} min without activity").format(minutes=minutes)
                                             if minutes else self.tr("Never"))
        self.explorer_group.setTitle(self.tr("Block explorer API"))
        self.explorer_key_label.setText(self.tr("API key (optional)"))
        self.explorer_key_button.setText(self.tr("Save key"))
        self.explorer_caption.setText(self.tr(
            "With an Etherscan API key (free at etherscan.io; one key for every network it serves), History also "
            "lists coins received. Kept in the settings file, never logged."))
        self.electrum_group.setTitle(self.tr("Electrum servers (Bitcoin, Litecoin)"))
        self.electrum_chain_label.setText(self.tr("Network"))
        self.electrum_in_use_label.setText(self.tr("In use"))
        self.electrum_forget_button.setText(self.tr("Forget pinned certificate"))
        self.electrum_own_label.setText(self.tr("Your own servers"))
        self.electrum_edit.setPlaceholderText(self.tr("ssl://host:50002, one per line"))
        self.electrum_use_button.setText(self.tr("Use these"))
        self.electrum_defaults_button.setText(self.tr("Use the defaults"))
        self.electrum_caption.setText(self.tr(
            "When set, only your servers are used for this network. tcp:// is unencrypted, so it is allowed only "
            "for an IP address on this computer or your local network."))
        self._fill_electrum_chains()
        self.playground_group.setTitle(self.tr("Local devnet playground"))
        self.playground_start.setText(self.tr("Start"))
        self.playground_stop.setText(self.tr("Stop"))
        self._fill_networks()
        self._render_playground()

    def _fill_networks(self) -> None:
        self.network_combo.blockSignals(True)
        self.network_combo.clear()
        if self._selected is None or all(c.key != self._selected for c in self._chains):
            self.network_combo.addItem(self.tr("Choose a network…"), None)
        for chain in self._chains:
            label = self.tr("{name} (chain id {chain_id})").format(
                name=chain.display_name(self._language), chain_id=chain.chain_id)
            self.network_combo.addItem(label, chain.key)
        self.network_combo.setCurrentIndex(max(0, self.network_combo.findData(self._selected)))
        self.network_combo.blockSignals(False)
        selected = next((c for c in self._chains if c.key == self._selected), None)
        self.nodes_list.clear()
        for url in selected.rpc_urls if selected else ():
            yours = self._network is not None and self._network.is_custom_rpc(self._selected or "", url)
            item = QListWidgetItem(self.tr("{url} (yours)").format(url=redact_url(url)) if yours else redact_url(url))
            item.setData(Qt.ItemDataRole.UserRole, url)
            self.nodes_list.addItem(item)
        self._fill_removable_networks()

    def _fill_removable_networks(self) -> None:
        """Only the networks the user added; the one in use is listed, disabled, saying why."""
        self.remove_network_menu.clear()
        try:
            custom = self._network.custom_chain_keys() if self._network is not None else set()
        except WalletError:  # a damaged file of added networks: adding one says so
            custom = set()
        for chain in self._chains:
            if chain.key not in custom:
                continue
            name = chain.display_name(self._language)
            in_use = chain.key == self._selected
            action = self.remove_network_menu.addAction(
                self.tr("{name} (in use: switch to another network first)").format(name=name) if in_use else name)
            action.setData(chain.key)
            action.setEnabled(not in_use)
            action.triggered.connect(lambda _checked=False, key=chain.key: self.remove_network(key))
        self.remove_network_button.setEnabled(bool(self.remove_network_menu.actions()))

    def _network_activated(self, index: int) -> None:
        key = self.network_combo.itemData(index)
        if isinstance(key, str) and key != self._selected:
            self.network_chosen.emit(key)

    def _render_playground(self) -> None:
        if self._playground_busy:
            text = self.tr("Starting…")
        elif self._playground_running:
            text = self.tr("Running: local chains with Uniswap V2/V3 and test tokens. They stop when the app quits.")
        else:
            text = self.tr("Not running. It starts two local chains with Uniswap V2/V3 and test tokens.")
        self.playground_status.setText(text)
        self.playground_start.setEnabled(not self._playground_running and not self._playground_busy)
        self.playground_stop.setEnabled(self._playground_running and not self._playground_busy)
