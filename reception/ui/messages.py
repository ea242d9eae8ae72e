"""Turning failures into words for the window: known errors as they are, bugs as 'something went wrong'."""

from __future__ import annotations

from reception.domain.errors import DomainError


def describe(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message
    from reception import paths

    return f"Something went wrong. Details were saved to {paths.log_dir() / 'reception.log'}."
