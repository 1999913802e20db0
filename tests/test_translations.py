"""Every screen works in Simplified Chinese: all strings translated, placeholders intact, files current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from wallet.paths import PROJECT_ROOT

I18N_DIR = PROJECT_ROOT / "resources" / "i18n"
TS_FILES = sorted(I18N_DIR.glob("wallet_*.ts"))
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()  # noqa: S314 - our own committed file
    return [(context.findtext("name") or "", message.findtext("source") or "", message.find("translation"))
            for context in root.iter("context") for message in context.iter("message")]  # type: ignore[misc]


def test_there_is_a_chinese_translation() -> None:
    assert [ts.name for ts in TS_FILES] == ["wallet_zh_CN.ts"]
    assert (I18N_DIR / "wallet_zh_CN.qm").is_file()


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_string_is_translated_with_the_same_placeholders(ts: Path) -> None:
    found = messages(ts)
    assert len(found) > 40
    for context, source, translation in found:
        assert translation is not None and translation.get("type") is None, f"{context}: {source!r} unfinished"
        assert translation.text, f"{context}: {source!r} has an empty translation"
        assert sorted(PLACEHOLDER.findall(translation.text)) == sorted(PLACEHOLDER.findall(source)), source


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_translation_file_lists_every_string_in_the_code(ts: Path, tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    sources = sorted(str(p) for p in (PROJECT_ROOT / "wallet").rglob("*.py"))
    subprocess.run([str(lupdate), "-no-obsolete", "-locations", "none", *sources, "-ts", str(copy)],
                   check=True, capture_output=True)
    before = {(c, s) for c, s, _ in messages(ts)}
    after = {(c, s) for c, s, _ in messages(copy)}
    assert after == before, "run scripts/update_translations and translate the new strings"
