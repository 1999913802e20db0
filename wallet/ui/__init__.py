"""The PySide6 desktop UI. Only this package imports Qt; it reaches chains and devices through wallet.services."""
