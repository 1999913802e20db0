"""The Qt binding must not leak or drop references to None.

PySide6 6.12.0's abi3 wheels, run on Python 3.11, dropped one reference to ``None`` on every Qt call
that returns nothing; after some thousands of such calls the interpreter aborted
("Fatal Python error: none_dealloc"), which a wallet's long session or a big table reaches. Run in a
child process: the failure is an abort, not an exception.
"""

from __future__ import annotations

import os
import subprocess
import sys

CHILD = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
before = sys.getrefcount(None)
for _ in range(20000):
    label.setText("a")
    label.setEnabled(True)
print(sys.getrefcount(None) - before)
"""


def test_qt_calls_that_return_nothing_keep_none_alive() -> None:
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    # 40,000 calls: a binding that drops or adds a reference per call moves the count by thousands.
    assert abs(int(result.stdout.strip())) < 100
