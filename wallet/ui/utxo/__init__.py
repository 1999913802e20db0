"""The Bitcoin & Litecoin page's parts (``wallet.ui.pages.utxo_page``)."""
