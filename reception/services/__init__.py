"""Use cases of the front desk: each takes a unit of work and returns frozen dataclasses."""
