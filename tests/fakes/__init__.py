"""Fakes for tests: storage in memory behind the repository ports."""
