"""Reception: front-desk software for a gym branch."""

__version__ = "0.1.0"
