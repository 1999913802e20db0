"""Starts the wallet: ``python main.py [--devnet] [--lang zh_CN]``."""

import sys

from wallet.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
