"""UI languages: English source strings, Simplified Chinese from resources/i18n/wallet_zh_CN.qm."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from wallet.paths import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "i18n"
# Shown in each language's own script so a user can find theirs whatever the current language.
LANGUAGE_NAMES = {"en": "English", "zh_CN": "简体中文"}


def resolve_language(choice: str) -> str:
    """The UI language for a setting: "" follows the system locale, Chinese locales get zh_CN."""
    code = choice or QLocale.system().name()
    return "zh_CN" if code.startswith("zh") else "en"


class Translations:
    """Installs and swaps translators; Qt then sends LanguageChange to every widget."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, choice: str) -> str:
        language = resolve_language(choice)
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if language != "en":
            self._load(f"wallet_{language}", str(TRANSLATIONS_DIR))
            # Qt's own strings (standard buttons, dialogs), when the Qt package ships them.
            self._load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        self.language = language
        # Qt's default locale follows: error texts name chains in this language (wallet.ui.errors).
        QLocale.setDefault(QLocale(language))
        return language

    def _load(self, name: str, directory: str) -> None:
        translator = QTranslator(self._app)
        if translator.load(name, directory):
            self._app.installTranslator(translator)
            self._installed.append(translator)
