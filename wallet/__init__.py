"""Desktop crypto wallet and DEX client. The core (everything outside ``wallet.ui``) never imports Qt."""
