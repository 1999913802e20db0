"""Uniswap V2/V3 quoting and routing from the chain itself: no aggregator server, no API key.

``routes`` lists the candidate routes for a pair, ``pools`` learns which of their pools exist (the
factories' answers, cached per chain), ``batch`` runs many contract reads in one ``eth_call``,
``quoting`` builds and decodes the one batch a quote needs (V2 reserves, V3 QuoterV2 quotes at every
split step, pool prices, the base fee), ``routing`` picks the best route or two-route split net of
gas from those numbers (pure), and ``quote`` ties them together. Nothing here holds keys or Qt.
"""
