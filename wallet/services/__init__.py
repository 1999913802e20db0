"""Use cases the UI calls. Everything here may block (network, devices): the UI runs it off its thread."""
