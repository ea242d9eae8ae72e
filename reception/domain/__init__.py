"""Entities, value objects and rules of the front desk. Pure Python: no Qt, no SQL."""
