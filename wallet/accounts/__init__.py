"""Account kinds (hot, hardware, air-gapped, watch-only) and the Signer protocol they sign through."""
