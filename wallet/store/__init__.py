"""Persistence: atomic file writes now, SQLite (accounts, history, swap state) as it arrives."""
