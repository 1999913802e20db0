"""Create a wallet (show the words, prove they were written down) or restore one, then set a password.

The wizard only collects; the caller runs the slow part (scrypt, derivation) off the GUI thread.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
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
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.ui.errors import error_text
from wallet.ui.onboarding.phrase_edit import PhraseEdit
from wallet.ui.retranslate import retranslate_on_language_change
from wallet.ui.theme import Tone, set_tone, tone_color, tone_style

# Word lists named in the UI's language: a Chinese screen says 英语, never "English" inside a sentence.
WORDLISTS_CONTEXT = "Wordlists"
WORDLIST_NAMES = {
    "english": QT_TRANSLATE_NOOP("Wordlists", "English"),
    "chinese_simplified": QT_TRANSLATE_NOOP("Wordlists", "Chinese (Simplified)"),
    "chinese_traditional": QT_TRANSLATE_NOOP("Wordlists", "Chinese (Traditional)"),
    "japanese": QT_TRANSLATE_NOOP("Wordlists", "Japanese"),
    "korean": QT_TRANSLATE_NOOP("Wordlists", "Korean"),
    "spanish": QT_TRANSLATE_NOOP("Wordlists", "Spanish"),
    "french": QT_TRANSLATE_NOOP("Wordlists", "French"),
    "italian": QT_TRANSLATE_NOOP("Wordlists", "Italian"),
    "czech": QT_TRANSLATE_NOOP("Wordlists", "Czech"),
    "portuguese": QT_TRANSLATE_NOOP("Wordlists", "Portuguese"),
}
PORTABLE_WORDLIST = "english"  # the only one MetaMask, Ledger, Trezor and most wallets import
CONFIRM_WORDS = 3


def wordlist_name(language: str) -> str:
    return QCoreApplication.translate(WORDLISTS_CONTEXT, WORDLIST_NAMES[language])


def keyring_usable() -> bool:
    """Whether the OS offers a keyring to remember the password in. Blocking (finding backends takes
    a moment): call it from a task."""
    import keyring
    from keyring.backends import fail, null

    return not isinstance(keyring.get_keyring(), (fail.Keyring, null.Keyring))
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
            self.language_combo.addItem("", language)
        self.count_combo.currentIndexChanged.connect(self.regenerate)
        self.language_combo.currentIndexChanged.connect(self.regenerate)
        self.count_label = QLabel(self)
        self.language_label = QLabel(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(tone_style(Tone.WARNING))
        self.wordlist_warning = QLabel(self)
        self.wordlist_warning.setObjectName("wordlistWarning")
        self.wordlist_warning.setWordWrap(True)
        self.wordlist_warning.setStyleSheet(tone_style(Tone.WARNING))
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
        layout.addWidget(self.wordlist_warning)
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
        for index, language in enumerate(BIP39_LANGUAGES):
            self.language_combo.setItemText(index, wordlist_name(language))
        self._warn_about_wordlist()
        self.warning.setText(self.tr(
            "Never type it into a website, never photograph it, never share it. Support staff will never ask "
            "for it."))

    def initializePage(self) -> None:
        if self.mnemonic is None:
            self.regenerate()

    def regenerate(self) -> None:
        self.mnemonic = generate_mnemonic(self.count_combo.currentData(), self.language_combo.currentData())
        for label in self.word_labels:
            label.hide()  # at once: deleteLater waits for the event loop, and the old words showed through
            label.deleteLater()
        self.word_labels = []
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 4 / 3)  # larger than the platform's text, in its proportion
        columns = 4
        for index, word in enumerate(self.mnemonic.phrase.split(" ")):
            label = QLabel(f"{index + 1:>2}. {word}", self)
            label.setFont(font)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)  # no clipboard copies
            self.grid.addWidget(label, index // columns, index % columns)
            self.word_labels.append(label)
        self._warn_about_wordlist()

    def _warn_about_wordlist(self) -> None:
        language = self.language_combo.currentData()
        self.wordlist_warning.setVisible(language != PORTABLE_WORDLIST)
        self.wordlist_warning.setText(self.tr(
            "A {language} phrase works in this wallet only: MetaMask, Ledger, Trezor and most other wallets "
            "import English phrases only. Choose English unless you are sure.").format(
                language=wordlist_name(language)))

    def nextId(self) -> int:
        return PAGE_CONFIRM


class ConfirmPhrasePage(QWizardPage):
    def __init__(self, show_page: ShowPhrasePage) -> None:
        super().__init__()
        self._show = show_page
        self.positions: list[int] = []
        self.inputs: list[QLineEdit] = []
        self.form = QFormLayout()
        self.reason = QLabel(self)
        self.reason.setObjectName("confirmReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(tone_style(Tone.WARNING))
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.reason)
        layout.addStretch(1)
        retranslate_on_language_change(self, self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Confirm your backup"))
        self.setSubTitle(self.tr("Type the words at these positions of your recovery phrase."))
        for position, edit in zip(self.positions, self.inputs, strict=True):
            label = self.form.labelForField(edit)
            if isinstance(label, QLabel):
                label.setText(self.tr("Word #{position}").format(position=position))
        self._explain()

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
            edit.textChanged.connect(self._explain)
            edit.textChanged.connect(self.completeChanged)
            self.form.addRow(self.tr("Word #{position}").format(position=position), edit)
            self.inputs.append(edit)
        self._explain()

    def _explain(self) -> None:
        """Say, while typing, which word keeps Next disabled: a wrong word, or a right word in the
        wrong place (the usual slip when copying from paper)."""
        self.reason.setText(self._reason())

    def _reason(self) -> str:
        if self._show.mnemonic is None:
            return ""
        words = self._show.mnemonic.phrase.split(" ")
        for position, edit in zip(self.positions, self.inputs, strict=True):
            typed = normalize_phrase(edit.text())
            expected = words[position - 1]
            if not typed or typed == expected or (" " not in typed and expected.startswith(typed)):
                continue
            if typed in words:
                return self.tr("Word #{position} is not right: what you typed is word #{other} of your phrase. "
                               "Check the order on your paper.").format(position=position,
                                                                         other=words.index(typed) + 1)
            return self.tr("Word #{position} does not match your recovery phrase.").format(position=position)
        return ""

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
        self.wordlist_warning = QLabel(self)
        self.wordlist_warning.setObjectName("wordlistWarning")
        self.wordlist_warning.setWordWrap(True)
        self.wordlist_warning.setStyleSheet(tone_style(Tone.WARNING))
        self.wordlist_warning.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.phrase_edit)
        layout.addWidget(self.status)
        layout.addWidget(self.wordlist_warning)
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
        self.wordlist_warning.hide()
        tone, message = Tone.MUTED, ""
        if text.strip():
            try:
                self.mnemonic = validate_mnemonic(text)
                self.phrase_edit.language = self.mnemonic.language
                tone = Tone.OK
                message = self.tr("Valid {count}-word recovery phrase ({language}).").format(
                    count=self.mnemonic.word_count, language=wordlist_name(self.mnemonic.language))
                if self.mnemonic.language != PORTABLE_WORDLIST:
                    self.wordlist_warning.setText(self.tr(
                        "This {language} phrase works in this wallet, but MetaMask, Ledger, Trezor and most other "
                        "wallets import English phrases only.").format(language=wordlist_name(self.mnemonic.language)))
                    self.wordlist_warning.show()
            except MnemonicUnknownWordError as error:
                tone, message = Tone.ERROR, error_text(error)
                if error.suggestions:
                    message += " " + self.tr("Did you mean: {words}?").format(words=", ".join(error.suggestions))
            except MnemonicWordCountError:
                message = self.tr("{count} words so far; a recovery phrase has 12, 15, 18, 21 or 24.").format(
                    count=len(text.split()))
            except (MnemonicChecksumError, MnemonicError) as error:
                tone, message = Tone.ERROR, error_text(error)
        set_tone(self.status, tone)
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
        self.remember.setEnabled(False)  # until the keyring check says there is one
        self.keyring_available: bool | None = None
        self.remember_note = QLabel(self)
        self.remember_note.setObjectName("rememberNote")
        self.remember_note.setWordWrap(True)
        set_tone(self.remember_note, Tone.MUTED)
        self.reason = QLabel(self)
        self.reason.setObjectName("passwordReason")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(tone_style(Tone.WARNING))
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
        form.addRow("", self.remember_note)
        form.addRow("", self.use_passphrase)
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.passphrase_confirm_label, self.passphrase_confirm)
        form.addRow("", self.passphrase_note)
        form.addRow("", self.reason)
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
        self._show_keyring()
        self._update()

    def set_keyring_available(self, available: bool) -> None:
        """The answer of ``keyring_usable`` (run off the GUI thread by whoever opened the wizard)."""
        self.keyring_available = available
        if not available:
            self.remember.setChecked(False)
        self.remember.setEnabled(available)
        self._show_keyring()

    def _show_keyring(self) -> None:
        if self.keyring_available is None:
            note = self.tr("Looking for a system keyring…")
        elif not self.keyring_available:
            note = self.tr("Not available: this computer has no system keyring (such as GNOME Keyring, KWallet, "
                           "macOS Keychain or Windows Credential Manager). You will type the password to unlock.")
        else:
            note = ""
        self.remember_note.setText(note)
        self.remember_note.setVisible(bool(note))

    def _update(self) -> None:
        strength = assess_password(self.password.text())
        self.strength_bar.setValue(strength.score)
        names = [self.tr("Very weak"), self.tr("Weak"), self.tr("Fair"), self.tr("Strong"), self.tr("Very strong")]
        text = names[strength.score] if self.password.text() else ""
        if self.password.text() and not strength.acceptable:
            text += " — " + self.tr("use at least 8 characters that are hard to guess")
        self.strength_label.setText(text)
        color = tone_color([Tone.ERROR, Tone.ERROR, Tone.WARNING, Tone.OK, Tone.OK][strength.score])
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {color}; }}")
        for widget in (self.passphrase, self.passphrase_confirm, self.passphrase_note,
                       self.passphrase_label, self.passphrase_confirm_label):
            widget.setVisible(self.use_passphrase.isChecked())
        self.reason.setText(self._reason())
        self.completeChanged.emit()

    def _reason(self) -> str:
        """Why Finish is still disabled, said as soon as it can be told."""
        password, confirm = self.password.text(), self.confirm.text()
        if not password:
            return ""
        if not assess_password(password).acceptable:
            return self.tr("Choose a stronger password to continue.")
        if not confirm:
            return self.tr("Repeat the password to continue.")
        if confirm != password:
            return (self.tr("The passwords differ so far.") if password.startswith(confirm)
                    else self.tr("The two passwords differ."))
        if self.use_passphrase.isChecked():
            if not self.passphrase.text():
                return self.tr("Type the passphrase, or untick the passphrase option.")
            if self.passphrase.text() != self.passphrase_confirm.text():
                return self.tr("The two passphrases differ.")
        return ""

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
        remember = self.password_page.remember
        return OnboardingResult(mnemonic, self.password_page.passphrase_text(), self.password_page.password.text(),
                                remember.isEnabled() and remember.isChecked(), restored)
