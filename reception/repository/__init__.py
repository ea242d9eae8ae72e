"""Ports (what the services need from storage) and the adapters that provide them."""
