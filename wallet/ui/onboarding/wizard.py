"""Create a wallet (show the words, prove they were written down) or restore one, then set a password.

The wizard only collects; the caller runs the slow part (scrypt, derivation) off the GUI thread.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wallet.keys.mnemonic import (
    BIP39_LANGUAGES,
    MnemonicChecksumError,
    MnemonicError,
    MnemonicUnknownWordError,
    MnemonicWordCountError,
    ValidMnemonic,
    generate_mnemonic,
    normalize_phrase,
    validate_mnemonic,
)
from wallet.keys.password import assess_password
from wallet.ui.errors import error_text
from wallet.ui.onboarding.phrase_edit import PhraseEdit
from wallet.ui.retranslate import retranslate_on_language_change

# Each wordlist named in its own language, so anyone finds theirs.
WORDLIST_NAMES = {"english": "English", "chinese_simplified": "简体中文", "chinese_traditional": "繁體中文",
                  "japanese": "日本語", "korean": "한국어", "spanish": "Español", "french": "Français",
                  "italian": "Italiano", "czech": "Čeština", "portuguese": "Português"}
CONFIRM_WORDS = 3
PAGE_INTRO, PAGE_SHOW, PAGE_CONFIRM, PAGE_RESTORE, PAGE_PASSWORD = range(5)


@dataclass
class OnboardingResult:
    mnemonic: ValidMnemonic
    passphrase: str = field(repr=False)
    password: str = field(repr=False)
    remember: bool
    restored: bool


class IntroPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.create_radio = QRadioButton(self)
        self.create_radio.setObjectName("createRadio")
        self.create_radio.setChecked(True)
        self.restore_radio = QRadioButton(self)
        self.restore_radio.setObjectName("restoreRadio")
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.create_radio)
        layout.addWidget(self.restore_radio)
        layout.addSpacing(12)
        layout.addWidget(self.explain)
        layout.addStretch(1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Set up your wallet"))
        self.create_radio.setText(self.tr("Create a new wallet"))
        self.restore_radio.setText(self.tr("Restore a wallet from its recovery phrase"))
        self.explain.setText(self.tr(
            "Your keys stay on this computer, encrypted with your password. The recovery phrase is the only "
            "backup: anyone who has it controls your funds."))

    def nextId(self) -> int:
        return PAGE_SHOW if self.create_radio.isChecked() else PAGE_RESTORE


class ShowPhrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.mnemonic: ValidMnemonic | None = None
        self.count_combo = QComboBox(self)
        for count in (12, 24):
            self.count_combo.addItem(str(count), count)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("wordlistCombo")
        for language in BIP39_LANGUAGES:
            self.language_combo.addItem(WORDLIST_NAMES[language], language)
        self.count_combo.currentIndexChanged.connect(self.regenerate)
        self.language_combo.currentIndexChanged.connect(self.regenerate)
        self.count_label = QLabel(self)
        self.language_label = QLabel(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5300;")
        self.grid = QGridLayout()
        self.word_labels: list[QLabel] = []
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.regenerate)
        options = QHBoxLayout()
        options.addWidget(self.count_label)
        options.addWidget(self.count_combo)
        options.addWidget(self.language_label)
        options.addWidget(self.language_combo)
        options.addStretch(1)
        options.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(options)
        layout.addLayout(self.grid)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Write down your recovery phrase"))
        self.setSubTitle(self.tr("On paper, in this order. You will be asked for some of the words next."))
        self.count_label.setText(self.tr("Words"))
        self.language_label.setText(self.tr("Word list"))
        self.new_button.setText(self.tr("New phrase"))
        self.warning.setText(self.tr(
            "Never type it into a website, never photograph it, never share it. Support staff will never ask "
            "for it."))

    def initializePage(self) -> None:
        if self.mnemonic is None:
            self.regenerate()

    def regenerate(self) -> None:
        self.mnemonic = generate_mnemonic(self.count_combo.currentData(), self.language_combo.currentData())
        for label in self.word_labels:
            label.deleteLater()
        self.word_labels = []
        font = QFont()
        font.setPointSize(12)
        columns = 4
        for index, word in enumerate(self.mnemonic.phrase.split(" ")):
            label = QLabel(f"{index + 1:>2}. {word}", self)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # no clipboard copies
            self.grid.addWidget(label, index // columns, index % columns)
            self.word_labels.append(label)

    def nextId(self) -> int:
        return PAGE_CONFIRM


class ConfirmPhrasePage(QWizardPage):
    def __init__(self, show_page: ShowPhrasePage) -> None:
        super().__init__()
        self._show = show_page
        self.positions: list[int] = []
        self.inputs: list[QLineEdit] = []
        self.form = QFormLayout(self)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Confirm your backup"))
        self.setSubTitle(self.tr("Type the words at these positions of your recovery phrase."))
        for position, edit in zip(self.positions, self.inputs, strict=True):
            label = self.form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(self.tr("Word #{position}").format(position=position))

    def initializePage(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        assert self._show.mnemonic is not None
        count = self._show.mnemonic.word_count
        self.positions = sorted(secrets.SystemRandom().sample(range(1, count + 1), CONFIRM_WORDS))
        self.inputs = []
        for position in self.positions:
            edit = QLineEdit(self)
            edit.setObjectName(f"confirmWord{position}")
            edit.textChanged.connect(self.completeChanged)
            self.form.addRow(self.tr("Word #{position}").format(position=position), edit)
            self.inputs.append(edit)

    def isComplete(self) -> bool:
        if self._show.mnemonic is None or not self.inputs:
            return False
        words = self._show.mnemonic.phrase.split(" ")
        return all(normalize_phrase(edit.text()) == words[position - 1]
                   for position, edit in zip(self.positions, self.inputs, strict=True))

    def nextId(self) -> int:
        return PAGE_PASSWORD


class RestorePhrasePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.mnemonic: ValidMnemonic | None = None
        self.phrase_edit = PhraseEdit(self)
        self.phrase_edit.setObjectName("restorePhraseEdit")
        self.phrase_edit.textChanged.connect(self._validate)
        self.status = QLabel(self)
        self.status.setObjectName("restoreStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.phrase_edit)
        layout.addWidget(self.status)
        layout.addStretch(1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Restore from your recovery phrase"))
        self.setSubTitle(self.tr("Type the 12 to 24 words, separated by spaces. Any official word list works."))
        self._validate()

    def _validate(self) -> None:
        text = self.phrase_edit.text()
        self.mnemonic = None
        color, message = "#5f6368", ""
        if text.strip():
            try:
                self.mnemonic = validate_mnemonic(text)
                self.phrase_edit.language = self.mnemonic.language
                color = "#1e7d32"
                message = self.tr("Valid {count}-word recovery phrase ({language}).").format(
                    count=self.mnemonic.word_count, language=WORDLIST_NAMES[self.mnemonic.language])
            except MnemonicUnknownWordError as error:
                color, message = "#b3261e", error_text(error)
                if error.suggestions:
                    message += " " + self.tr("Did you mean: {words}?").format(words=", ".join(error.suggestions))
            except MnemonicWordCountError:
                message = self.tr("{count} words so far; a recovery phrase has 12, 15, 18, 21 or 24.").format(
                    count=len(text.split()))
            except (MnemonicChecksumError, MnemonicError) as error:
                color, message = "#b3261e", error_text(error)
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.mnemonic is not None

    def nextId(self) -> int:
        return PAGE_PASSWORD


class PasswordPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.password = QLineEdit(self)
        self.password.setObjectName("passwordEdit")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(self)
        self.confirm.setObjectName("confirmPasswordEdit")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(8)
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("strengthLabel")
        self.use_passphrase = QCheckBox(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("passphraseEdit")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_confirm = QLineEdit(self)
        self.passphrase_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_note = QLabel(self)
        self.passphrase_note.setWordWrap(True)
        self.remember = QCheckBox(self)
        self.remember.setObjectName("rememberCheck")
        for widget in (self.password, self.confirm, self.passphrase, self.passphrase_confirm):
            widget.textChanged.connect(self._update)
        self.use_passphrase.toggled.connect(self._update)
        self.password_label, self.confirm_label = QLabel(self), QLabel(self)
        self.passphrase_label, self.passphrase_confirm_label = QLabel(self), QLabel(self)
        form = QFormLayout(self)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.strength_bar)
        form.addRow("", self.strength_label)
        form.addRow(self.confirm_label, self.confirm)
        form.addRow("", self.remember)
        form.addRow("", self.use_passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.passphrase_confirm_label, self.passphrase_confirm)
        form.addRow("", self.passphrase_note)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose a password"))
        self.setSubTitle(self.tr("It encrypts the wallet on this computer and is asked for when you unlock."))
        self.password_label.setText(self.tr("Password"))
        self.confirm_label.setText(self.tr("Repeat password"))
        self.remember.setText(self.tr("Remember the password on this computer (system keyring)"))
        self.use_passphrase.setText(self.tr("Add a BIP-39 passphrase (advanced)"))
        self.passphrase_label.setText(self.tr("Passphrase"))
        self.passphrase_confirm_label.setText(self.tr("Repeat passphrase"))
        self.passphrase_note.setText(self.tr(
            "The passphrase becomes part of your keys: the same words with another passphrase open a "
            "different wallet. It is not stored on paper with the words, so losing it loses the funds."))
        self._update()

    def _update(self) -> None:
        strength = assess_password(self.password.text())
        self.strength_bar.setValue(strength.score)
        names = [self.tr("Very weak"), self.tr("Weak"), self.tr("Fair"), self.tr("Strong"), self.tr("Very strong")]
        text = names[strength.score] if self.password.text() else ""
        if self.password.text() and not strength.acceptable:
            text += " — " + self.tr("use at least 8 characters that are hard to guess")
        self.strength_label.setText(text)
        color = ["#b3261e", "#b3261e", "#c77700", "#1e7d32", "#1e7d32"][strength.score]
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        for widget in (self.passphrase, self.passphrase_confirm, self.passphrase_note,
                       self.passphrase_label, self.passphrase_confirm_label):
            widget.setVisible(self.use_passphrase.isChecked())
        self.completeChanged.emit()

    def passphrase_text(self) -> str:
        return self.passphrase.text() if self.use_passphrase.isChecked() else ""

    def isComplete(self) -> bool:
        passphrase_ok = not self.use_passphrase.isChecked() or (
            bool(self.passphrase.text()) and self.passphrase.text() == self.passphrase_confirm.text())
        return (assess_password(self.password.text()).acceptable and self.password.text() == self.confirm.text()
                and passphrase_ok)

    def nextId(self) -> int:
        return -1


class OnboardingWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("onboardingWizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setMinimumSize(640, 480)
        self.intro = IntroPage()
        self.show_page = ShowPhrasePage()
        self.confirm_page = ConfirmPhrasePage(self.show_page)
        self.restore_page = RestorePhrasePage()
        self.password_page = PasswordPage()
        for page_id, page in ((PAGE_INTRO, self.intro), (PAGE_SHOW, self.show_page),
                              (PAGE_CONFIRM, self.confirm_page), (PAGE_RESTORE, self.restore_page),
                              (PAGE_PASSWORD, self.password_page)):
            self.setPage(page_id, page)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New wallet"))

    def result_data(self) -> OnboardingResult:
        restored = self.hasVisitedPage(PAGE_RESTORE)
        mnemonic = self.restore_page.mnemonic if restored else self.show_page.mnemonic
        assert mnemonic is not None
        return OnboardingResult(mnemonic, self.password_page.passphrase_text(), self.password_page.password.text(),
                                self.password_page.remember.isChecked(), restored)
