"""Marks strings for translation in code that must not import Qt.

``pyside6-lupdate`` finds ``QT_TRANSLATE_NOOP("Context", "text")`` calls by name, whatever module
defines the function, so the core can mark its user-facing strings and the UI translates them with
``QCoreApplication.translate`` at display time.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Returns ``text`` unchanged; ``context`` is for lupdate."""
    return text
