"""The onboarding wizard: create a wallet (and prove the backup), or restore one from its phrase."""
