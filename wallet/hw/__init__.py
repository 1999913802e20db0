"""Hardware wallets: HID transport, device drivers and virtual devices."""
